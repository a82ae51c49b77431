/**
 * The coefficient recursions of Lemma 5.1 (Eqs. (12)–(13)) and Lemma 5.3 (Eqs. (15)–(18), with (15) and (17) in
 * the corrected forms of spec §5.3 / §11), in one form that covers both: for an anchor encoder with partner
 * activations p (positive) and n (negatives),
 *
 *   Δγ_r     = (η/(nmτ)) ‖µ‖²  Σ_i [ (1−ℓ'_i) p¹_{r,i} − Σ_{j∈N_i} ℓ'_{i,j} n¹_{r,j} ] σ'(y_i⟨w_r,µ⟩) y_i
 *   Δρ_{r,i} = (η/(nmτ)) ‖ξ_i‖²   [ (1−ℓ'_i) p²_{r,i} − Σ_{j∈N_i} ℓ'_{i,j} n²_{r,j} ] σ'(⟨w_r,ξ_i⟩)
 *
 * Single-modal: p¹ = σ(y_i⟨w_r,µ⟩), p² = σ(⟨w_r, ξ_i + ϵ_i⟩), n = the anchor's own activations (Eqs. 12–13).
 * Multi-modal, W: p = n = σ(⟨w~_r, ·⟩) of the paired x~ (Eqs. 15–16); W~: the roles swapped (Eqs. 17–18).
 */
import type { AnchorActivations, PartnerActivations, TermProbabilities } from './infonce.js';
import { crossClassTimes, signalTimesMatrix } from './labels.js';
import { matmul, scratch } from './linalg.js';

// Σ_j ℓ'_{i,j} n_{r,j} for the signal and the noise patches: temporaries, reused across steps.
const negativeSignal = scratch();
const negativeNoise = scratch();

/**
 * One step's coefficient increments of one encoder.
 * @category Dynamics
 */
export interface CoefficientIncrement {
  /** Δγ_r, length m. */
  gamma: Float64Array;
  /** Δρ_{r,i}, m×n. */
  rho: Float64Array;
}

/**
 * The increments (Δγ, Δρ) of one GD step (Lemma 5.1 / 5.3), all from the pre-update state.
 * `signalNorm2` is ‖µ‖², `noiseNorm2[i]` is ‖ξ_i‖², `rate` is η/(nmτ). Pass `labels` (= y) when the signal
 * activations are those of signal patches y_i µ and the negatives have the opposite label (probabilities.matrix
 * zero on same-label pairs), for a faster, equal result. With `out`, the increments are written into its arrays
 * (a step that reuses them allocates nothing).
 *
 * @example
 * import { anchorActivations, infoNceTerm, coefficientIncrement } from '@mmcl/infomax/internal';
 * const y = new Float64Array([1, -1]);
 * const a = anchorActivations(new Float64Array([1]), new Float64Array([0, 0]), y);
 * const probs = infoNceTerm(a, a, a, new Int32Array([1, 0]), new Int32Array([0, 1, 2]), 1);
 * coefficientIncrement(a, a, a, probs, y, 25, new Float64Array([4, 4]), 0.1).gamma[0] > 0; // → true
 * @category Dynamics
 */
export function coefficientIncrement(
  anchor: AnchorActivations,
  positive: PartnerActivations,
  negative: PartnerActivations,
  probabilities: TermProbabilities,
  y: Float64Array,
  signalNorm2: number,
  noiseNorm2: Float64Array,
  rate: number,
  labels?: Float64Array,
  out?: CoefficientIncrement,
): CoefficientIncrement {
  const n = y.length;
  const m = anchor.signal.length / n;
  // Σ_{j∈N_i} ℓ'_{i,j} n_{r,j} = (n · Lᵀ)_{r,i}, with L_{i,j} = 0 outside N_i.
  // With `labels` the negatives' signal activations depend on j only through y_j (signal patch y_j µ): O(m n + n²).
  const [signalOut, noiseOut] = [negativeSignal(m * n), negativeNoise(m * n)];
  const negSignal = labels
    ? signalTimesMatrix(negative.signal, probabilities.matrix, labels, signalOut)
    : matmul(negative.signal, probabilities.matrix, m, n, n, false, true, signalOut);
  const negNoise = labels
    ? crossClassTimes(negative.noise, probabilities.matrix, labels, noiseOut)
    : matmul(negative.noise, probabilities.matrix, m, n, n, false, true, noiseOut);
  const gamma = out?.gamma ?? new Float64Array(m);
  const rho = out?.rho.fill(0) ?? new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const k = r * n + i;
      const keep = 1 - probabilities.positive[i];
      if (anchor.signalGate[k] !== 0) sum += (keep * positive.signal[k] - negSignal[k]) * y[i];
      if (anchor.noiseGate[k] !== 0) rho[k] = rate * noiseNorm2[i] * (keep * positive.noise[k] - negNoise[k]);
    }
    gamma[r] = rate * signalNorm2 * sum;
  }
  return { gamma, rho };
}

/** x += dx elementwise. */
export function accumulate(x: Float64Array, dx: Float64Array): void {
  for (let k = 0; k < x.length; k++) x[k] += dx[k];
}
