import { IntrinsicInputError, requirePositive } from './errors.js';

/**
 * A finite joint distribution of (U, V) with a similarity value on every support pair.
 * @category Loss
 */
export interface FiniteJoint {
  /** Joint pmf P(u_i, v_j), row-major rows × cols, non-negative, summing to 1. */
  readonly probabilities: Float64Array;
  /** σ(u_i, v_j), row-major rows × cols. */
  readonly similarities: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * The population loss and the pieces of its decomposition (spec §2.5), all in nats.
 * @category Loss
 */
export interface LossDecomposition {
  /** L(f, g, τ): the symmetric population InfoNCE loss. */
  loss: number;
  /** I(U; V) under P. */
  mutualInformation: number;
  /** KL(P ‖ Q), Q the row-normalised Gibbs-smoothed joint. */
  klRow: number;
  /** KL(P ‖ Q̃), Q̃ the column-normalised Gibbs-smoothed joint. */
  klColumn: number;
  /** log Q(u_i, v_j) (−∞ where P_U P_V = 0), row-major. */
  logQRow: Float64Array;
  /** log Q̃(u_i, v_j), row-major. */
  logQColumn: Float64Array;
}

/**
 * The population symmetric InfoNCE loss of a finite joint distribution, and its decomposition
 * L = −2 I(U;V) + KL(P‖Q) + KL(P‖Q̃) (spec §2.5), every term computed in log space so that the identity can be
 * checked to ~1e-15 relative.
 *
 * Q(u, v) = P_U(u) P_V(v) e^{σ(u,v)/τ} / E_{V'} e^{σ(u,V')/τ} and Q̃ likewise with the expectation over U'.
 * Cells with P = 0 contribute 0 to every sum (0 log 0 = 0).
 *
 * @example
 * const joint = { probabilities: new Float64Array([0.4, 0.1, 0.1, 0.4]), similarities: new Float64Array([1, 0, 0, 1]), rows: 2, cols: 2 };
 * const d = decomposeLoss(joint, 0.5);
 * Math.abs(d.loss - (-2 * d.mutualInformation + d.klRow + d.klColumn)) < 1e-12; // → true
 * @category Loss
 */
export function decomposeLoss(joint: FiniteJoint, tau: number): LossDecomposition {
  requirePositive('tau', tau);
  const { probabilities: p, similarities: s, rows, cols } = joint;
  if (p.length !== rows * cols || s.length !== rows * cols) {
    throw new IntrinsicInputError(`probabilities and similarities must both have rows × cols = ${rows * cols} entries`);
  }
  const marginalU = new Float64Array(rows);
  const marginalV = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const value = p[i * cols + j];
      if (!(value >= 0)) throw new IntrinsicInputError(`probabilities[${i}, ${j}] must be ≥ 0 (got ${value})`);
      marginalU[i] += value;
      marginalV[j] += value;
    }
  }
  // log E_{V'} e^{σ(u_i, V')/τ} and log E_{U'} e^{σ(U', v_j)/τ}, each by a max-shifted log-sum-exp.
  const logRowPartition = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let peak = -Infinity;
    for (let j = 0; j < cols; j++) if (marginalV[j] > 0) peak = Math.max(peak, s[i * cols + j] / tau);
    let total = 0;
    for (let j = 0; j < cols; j++) if (marginalV[j] > 0) total += marginalV[j] * Math.exp(s[i * cols + j] / tau - peak);
    logRowPartition[i] = peak + Math.log(total);
  }
  const logColumnPartition = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let peak = -Infinity;
    for (let i = 0; i < rows; i++) if (marginalU[i] > 0) peak = Math.max(peak, s[i * cols + j] / tau);
    let total = 0;
    for (let i = 0; i < rows; i++) if (marginalU[i] > 0) total += marginalU[i] * Math.exp(s[i * cols + j] / tau - peak);
    logColumnPartition[j] = peak + Math.log(total);
  }
  const logQRow = new Float64Array(rows * cols);
  const logQColumn = new Float64Array(rows * cols);
  let loss = 0;
  let mutualInformation = 0;
  let klRow = 0;
  let klColumn = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const cell = i * cols + j;
      const logProduct = Math.log(marginalU[i]) + Math.log(marginalV[j]);
      const scaled = s[cell] / tau;
      logQRow[cell] = logProduct + scaled - logRowPartition[i];
      logQColumn[cell] = logProduct + scaled - logColumnPartition[j];
      const mass = p[cell];
      if (mass === 0) continue;
      const logMass = Math.log(mass);
      loss += mass * (logRowPartition[i] - scaled + (logColumnPartition[j] - scaled));
      mutualInformation += mass * (logMass - logProduct);
      klRow += mass * (logMass - logQRow[cell]);
      klColumn += mass * (logMass - logQColumn[cell]);
    }
  }
  return { loss, mutualInformation, klRow, klColumn, logQRow, logQColumn };
}
