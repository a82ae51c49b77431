/**
 * The decomposition check's second, d-dimensional route (spec §8.5 method 2), written without @mmcl/infomax code:
 * rebuild W^(t) explicitly from the recorded (γ, ρ) through Eq. (11), take every inner product in R^d, move W by
 * the printed weight update (Eq. (7) single-modal, Eq. (10) and §4.3 multi-modal), and read the coefficients of
 * W^(t+1) − W^(0) back by least squares on B = [µ/‖µ‖², ξ_1/‖ξ_1‖², …, ξ_n/‖ξ_n‖²]. O(m n d) per step, so the check
 * takes this route only for small m·n·d·T.
 */
import type { SimulationResult } from '@mmcl/infomax';
import type { PaperPreActivations } from './paperDynamics.js';

/**
 * One encoder's explicit vectors and its least-squares factor.
 * @category Independent re-derivation
 */
export interface WeightSpace {
  d: number;
  m: number;
  n: number;
  mu: Float64Array;
  xi: Float64Array;
  W0: Float64Array;
  /** ξ_i + ϵ_i (single-modal, encoder h), n×d. */
  shifted?: Float64Array;
  /** ‖µ‖², ‖ξ_i‖². */
  a: number;
  q: Float64Array;
  /** Cholesky factor of the Gram matrix of the normalised basis [µ/‖µ‖, ξ_i/‖ξ_i‖], (n+1)×(n+1) lower. */
  factor: Float64Array;
}

const dot = (x: Float64Array, xo: number, y: Float64Array, yo: number, d: number): number => {
  let s = 0;
  for (let k = 0; k < d; k++) s += x[xo + k] * y[yo + k];
  return s;
};

/** Row `row` of the basis [µ, ξ_1, …, ξ_n] (unnormalised). */
const basisRow = (space: WeightSpace, row: number): [Float64Array, number] => (row === 0 ? [space.mu, 0] : [space.xi, (row - 1) * space.d]);

/**
 * Set up the route for one encoder: its vectors, norms and the Cholesky factor of the normalised basis Gram matrix.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { weightSpace } from '@mmcl/theory/internal';
 * weightSpace(simulate({ d: 64, n: 6, m: 3, steps: 2, populationSamples: 0 }), 'h').a; // → 25
 * @category Independent re-derivation
 */
export function weightSpace(result: SimulationResult, encoder: 'h' | 'g'): WeightSpace {
  const { d, m, n, mode } = result.config;
  const { inputs } = result;
  const mu = encoder === 'h' ? inputs.mu : inputs.muTilde!;
  const xi = encoder === 'h' ? inputs.xi : inputs.xiTilde!;
  const W0 = encoder === 'h' ? inputs.W0 : inputs.W0Tilde!;
  let shifted: Float64Array | undefined;
  if (mode === 'single') {
    shifted = new Float64Array(n * d);
    for (let k = 0; k < n * d; k++) shifted[k] = xi[k] + inputs.eps[k];
  }
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = dot(xi, i * d, xi, i * d, d);
  const space: WeightSpace = { d, m, n, mu, xi, W0, shifted, a: dot(mu, 0, mu, 0, d), q, factor: new Float64Array(0) };
  const k = n + 1;
  const norms = Array.from({ length: k }, (_, row) => Math.sqrt(row === 0 ? space.a : q[row - 1]));
  const G = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      const [x, xo] = basisRow(space, i);
      const [z, zo] = basisRow(space, j);
      G[i * k + j] = dot(x, xo, z, zo, d) / (norms[i] * norms[j]);
    }
  // Cholesky G = L Lᵀ (lower triangle of G is all that is read).
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let diagonal = G[j * k + j];
    for (let p = 0; p < j; p++) diagonal -= L[j * k + p] * L[j * k + p];
    if (!(diagonal > 0)) throw new RangeError(`weightSpace: µ, ξ_1..ξ_n are linearly dependent (pivot ${j}); least squares needs d ≥ n + 1`);
    L[j * k + j] = Math.sqrt(diagonal);
    for (let i = j + 1; i < k; i++) {
      let s = G[i * k + j];
      for (let p = 0; p < j; p++) s -= L[i * k + p] * L[j * k + p];
      L[i * k + j] = s / L[j * k + j];
    }
  }
  space.factor = L;
  return space;
}

/**
 * W = W^(0) + γ µᵀ/‖µ‖² + Σ_i ρ_{·,i} ξ_iᵀ/‖ξ_i‖² (Eq. (11)), m×d.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { rebuildWeights, weightSpace } from '@mmcl/theory/internal';
 * const space = weightSpace(simulate({ d: 64, n: 6, m: 3, steps: 2, populationSamples: 0 }), 'h');
 * rebuildWeights(space, new Float64Array(3), new Float64Array(18))[0] === space.W0[0]; // → true
 * @category Independent re-derivation
 */
export function rebuildWeights(space: WeightSpace, gamma: Float64Array, rho: Float64Array): Float64Array {
  const { d, m, n, mu, xi, W0, a, q } = space;
  const W = Float64Array.from(W0);
  for (let r = 0; r < m; r++) {
    const g = gamma[r] / a;
    for (let c = 0; c < d; c++) W[r * d + c] += g * mu[c];
    for (let i = 0; i < n; i++) {
      const s = rho[r * n + i] / q[i];
      for (let c = 0; c < d; c++) W[r * d + c] += s * xi[i * d + c];
    }
  }
  return W;
}

/** ⟨w_r, µ⟩, ⟨w_r, ξ_j⟩ and (single-modal) ⟨w_r, ξ_j + ϵ_j⟩ as d-dimensional dot products. */
export function weightPreActivations(space: WeightSpace, W: Float64Array): PaperPreActivations {
  const { d, m, n, mu, xi, shifted } = space;
  const u = new Float64Array(m);
  const v = new Float64Array(m * n);
  const vHat = shifted ? new Float64Array(m * n) : undefined;
  for (let r = 0; r < m; r++) {
    u[r] = dot(W, r * d, mu, 0, d);
    for (let j = 0; j < n; j++) {
      v[r * n + j] = dot(W, r * d, xi, j * d, d);
      if (vHat && shifted) vHat[r * n + j] = dot(W, r * d, shifted, j * d, d);
    }
  }
  return { u, v, vHat };
}

/**
 * The printed weight update: w_r += (η/(nmτ)) Σ_i (signal_{r,i} y_i µ + noise_{r,i} ξ_i), with the brackets of
 * Eq. (7) / Eq. (10) / §4.3 (in place).
 */
export function applyWeightUpdate(
  space: WeightSpace,
  W: Float64Array,
  brackets: { signal: Float64Array; noise: Float64Array },
  y: Float64Array,
  rate: number,
): void {
  const { d, m, n, mu, xi } = space;
  for (let r = 0; r < m; r++)
    for (let i = 0; i < n; i++) {
      const s = rate * brackets.signal[r * n + i] * y[i];
      const z = rate * brackets.noise[r * n + i];
      for (let c = 0; c < d; c++) W[r * d + c] += s * mu[c] + z * xi[i * d + c];
    }
}

/**
 * Least-squares coefficients of W − W^(0) on B (normal equations of the normalised basis), with the largest
 * relative residual ‖(w_r − w_r^(0)) − B c_r‖/‖w_r − w_r^(0)‖ over neurons.
 */
export function leastSquaresCoefficients(space: WeightSpace, W: Float64Array): { gamma: Float64Array; rho: Float64Array; residual: number } {
  const { d, m, n, W0, factor: L, a, q } = space;
  const k = n + 1;
  const norms = Array.from({ length: k }, (_, row) => Math.sqrt(row === 0 ? a : q[row - 1]));
  const gamma = new Float64Array(m);
  const rho = new Float64Array(m * n);
  let residual = 0;
  const delta = new Float64Array(d);
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < d; c++) delta[c] = W[r * d + c] - W0[r * d + c];
    const x = new Float64Array(k);
    for (let row = 0; row < k; row++) {
      const [v, vo] = basisRow(space, row);
      x[row] = dot(delta, 0, v, vo, d) / norms[row];
    }
    for (let i = 0; i < k; i++) {
      for (let p = 0; p < i; p++) x[i] -= L[i * k + p] * x[p];
      x[i] /= L[i * k + i];
    }
    for (let i = k - 1; i >= 0; i--) {
      for (let p = i + 1; p < k; p++) x[i] -= L[p * k + i] * x[p];
      x[i] /= L[i * k + i];
    }
    // x holds the weights of µ/‖µ‖ and ξ_i/‖ξ_i‖: γ = x_0‖µ‖, ρ_i = x_i‖ξ_i‖.
    gamma[r] = x[0] * norms[0];
    for (let i = 0; i < n; i++) rho[r * n + i] = x[1 + i] * norms[1 + i];
    let res2 = 0;
    let size2 = 0;
    for (let c = 0; c < d; c++) {
      let fit = 0;
      for (let row = 0; row < k; row++) {
        const [v, vo] = basisRow(space, row);
        fit += (x[row] * v[vo + c]) / norms[row];
      }
      res2 += (delta[c] - fit) ** 2;
      size2 += delta[c] ** 2;
    }
    if (size2 > 0) residual = Math.max(residual, Math.sqrt(res2 / size2));
  }
  return { gamma, rho, residual };
}
