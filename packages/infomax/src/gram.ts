/**
 * Gram-space representation of an encoder (spec §8.5). With w_r = w_r^(0) + γ_r µ/‖µ‖² + Σ_i ρ_{r,i} ξ_i/‖ξ_i‖²,
 * every inner product ⟨w_r, v⟩ is affine in (γ, ρ), with coefficients ⟨µ, v⟩, ⟨ξ_i, v⟩, ⟨w_r^(0), v⟩ computed once.
 */
import { matmul } from './linalg.js';

/**
 * The d-dimensional data of one encoder: its signal vector, noise patches and initial weights.
 * @category Gram space
 */
export interface EncoderData {
  d: number;
  n: number;
  m: number;
  /** µ (or µ~), length d. */
  mu: Float64Array;
  /** ξ_i (or ξ~_i), n×d. */
  xi: Float64Array;
  /** W^(0) (or W~^(0)), m×d. */
  W0: Float64Array;
}

/**
 * Inner products of k target vectors v_1..v_k with the basis µ, ξ_i and the initial weights.
 * @category Gram space
 */
export interface Projections {
  count: number;
  /** ⟨µ, v_k⟩, length k. */
  mu: Float64Array;
  /** ⟨ξ_i, v_k⟩, n×k. */
  xi: Float64Array;
  /** ⟨w_r^(0), v_k⟩, m×k. */
  w0: Float64Array;
}

/**
 * The basis Gram quantities of one encoder: a = ‖µ‖², q_i = ‖ξ_i‖², c_i = ⟨µ, ξ_i⟩, K_ij = ⟨ξ_i, ξ_j⟩.
 * @category Gram space
 */
export interface EncoderGram {
  m: number;
  n: number;
  a: number;
  q: Float64Array;
  c: Float64Array;
  K: Float64Array;
  /** Projections onto µ itself (count 1: ⟨µ,µ⟩, ⟨ξ_i,µ⟩, ⟨w_r^(0),µ⟩ = P_r). */
  onMu: Projections;
  /** Projections onto the ξ_j (count n: c_j, K_ij, Q_rj). */
  onXi: Projections;
}

/**
 * Projections of the rows of `targets` (count×d) onto µ, the ξ_i and the w_r^(0), in O((m + n + 1)·count·d).
 *
 * @example
 * import { projectTargets } from '@mmcl/infomax/internal';
 * const data = { d: 2, n: 1, m: 1, mu: new Float64Array([1, 0]), xi: new Float64Array([0, 1]), W0: new Float64Array([1, 1]) };
 * projectTargets(data, new Float64Array([3, 4]), 1).xi[0]; // → 4
 * @category Gram space
 */
export function projectTargets(data: EncoderData, targets: Float64Array, count: number): Projections {
  const { d, n, m } = data;
  return {
    count,
    mu: matmul(targets, data.mu, count, d, 1),
    xi: matmul(data.xi, targets, n, d, count, false, true),
    w0: matmul(data.W0, targets, m, d, count, false, true),
  };
}

/**
 * Precompute the Gram quantities of an encoder (spec §8.5), O((m + n)·n·d) once per run.
 *
 * @example
 * import { encoderGram } from '@mmcl/infomax/internal';
 * const data = { d: 2, n: 1, m: 1, mu: new Float64Array([5, 0]), xi: new Float64Array([0, 2]), W0: new Float64Array([1, 1]) };
 * encoderGram(data).a; // → 25
 * @category Gram space
 */
export function encoderGram(data: EncoderData): EncoderGram {
  const { n } = data;
  const onMu = projectTargets(data, data.mu, 1);
  const onXi = projectTargets(data, data.xi, n);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = onXi.xi[i * n + i];
  return { m: data.m, n, a: onMu.mu[0], q, c: onMu.xi, K: onXi.xi, onMu, onXi };
}

/**
 * ρ̄_{r,i} = ρ_{r,i}/‖ξ_i‖², the weight of ξ_i itself in w_r (a fresh array, or written into `out`).
 *
 * @example
 * import { generateInputs, resolveConfig } from '@mmcl/infomax';
 * import { encoderData, encoderGram, scaledNoise } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 50, n: 4, m: 2 });
 * const gram = encoderGram(encoderData(config, generateInputs(config), 'h'));
 * scaledNoise(gram, new Float64Array(8).fill(1)); // 1/‖ξ_i‖² for each (r, i)
 * @category Gram space
 */
export function scaledNoise(gram: EncoderGram, rho: Float64Array, out: Float64Array = new Float64Array(gram.m * gram.n)): Float64Array {
  const { m, n, q } = gram;
  for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) out[r * n + i] = rho[r * n + i] / q[i];
  return out;
}

/**
 * ⟨w_r, v_k⟩ for all neurons r and targets k (m×count), from the coefficients (γ, ρ) without d-dimensional work:
 * a ⟨w_r^(0), v_k⟩ + γ_r ⟨µ, v_k⟩/‖µ‖² + Σ_i ρ_{r,i} ⟨ξ_i, v_k⟩/‖ξ_i‖² (a = initialScale, 1 without weight decay).
 * A fresh array, or written into `into` (its first m·count entries).
 *
 * @example
 * import { encoderGram, projectTargets, innerProducts } from '@mmcl/infomax/internal';
 * const data = { d: 2, n: 1, m: 1, mu: new Float64Array([5, 0]), xi: new Float64Array([0, 2]), W0: new Float64Array([0, 0]) };
 * const gram = encoderGram(data);
 * // w = 1·µ/25 + 2·ξ/4 = [0.2, 1]; ⟨w, [1, 1]⟩ = 1.2
 * innerProducts(gram, new Float64Array([1]), new Float64Array([2]), projectTargets(data, new Float64Array([1, 1]), 1))[0];
 * @category Gram space
 */
export function innerProducts(
  gram: EncoderGram,
  gamma: Float64Array,
  rho: Float64Array,
  target: Projections,
  rhoBar: Float64Array = scaledNoise(gram, rho),
  initialScale = 1,
  into?: Float64Array,
): Float64Array {
  const { m, n, a } = gram;
  const k = target.count;
  const out = matmul(rhoBar, target.xi, m, n, k, false, false, into);
  // initialScale = a_t, the coefficient of W^(0) under weight decay; 1·x = x exactly, so GD's bits are unchanged.
  for (let r = 0; r < m; r++) {
    const g = gamma[r] / a;
    for (let t = 0; t < k; t++) out[r * k + t] += initialScale * target.w0[r * k + t] + g * target.mu[t];
  }
  return out;
}

/**
 * ‖Σ_r Δw_r‖_F² for Δw_r = Δγ_r µ/‖µ‖² + Σ_i Δρ_{r,i} ξ_i/‖ξ_i‖², from the Gram matrix only. With Δ = (γ − γ', ρ − ρ')
 * this is ‖W − W'‖_F² for two weights sharing W^(0) (Lemma C.17's ‖W^(t) − W*‖_F²); with Δ = the one-step
 * increment divided by η it is ‖∇L‖_F² (Lemma C.14), since GD moves W by −η∇L.
 *
 * @example
 * import { encoderGram, coefficientNormSquared } from '@mmcl/infomax/internal';
 * const data = { d: 2, n: 1, m: 1, mu: new Float64Array([5, 0]), xi: new Float64Array([0, 2]), W0: new Float64Array([0, 0]) };
 * // ‖[1, 2]‖² = 5
 * coefficientNormSquared(encoderGram(data), new Float64Array([5]), new Float64Array([4])); // → 5
 * @category Gram space
 */
export function coefficientNormSquared(gram: EncoderGram, dGamma: Float64Array, dRho: Float64Array): number {
  const { m, n, a, c, K } = gram;
  const rhoBar = scaledNoise(gram, dRho);
  const KrhoBar = matmul(rhoBar, K, m, n, n); // (ρ̄ K)_{r,j}
  let total = 0;
  for (let r = 0; r < m; r++) {
    let cross = 0;
    let quad = 0;
    for (let i = 0; i < n; i++) {
      cross += rhoBar[r * n + i] * c[i];
      quad += rhoBar[r * n + i] * KrhoBar[r * n + i];
    }
    total += (dGamma[r] * dGamma[r]) / a + (2 * dGamma[r] * cross) / a + quad;
  }
  return total;
}

/**
 * The d-dimensional weights W = a W^(0) + γ µᵀ/‖µ‖² + ρ̄ Ξ (m×d) from the coefficients (a = initialScale), O(m n d).
 *
 * @example
 * import { weightsFromCoefficients } from '@mmcl/infomax/internal';
 * const data = { d: 2, n: 1, m: 1, mu: new Float64Array([5, 0]), xi: new Float64Array([0, 2]), W0: new Float64Array([0, 0]) };
 * weightsFromCoefficients(data, new Float64Array([5]), new Float64Array([4])); // → Float64Array [1, 2]
 * @category Gram space
 */
export function weightsFromCoefficients(data: EncoderData, gamma: Float64Array, rho: Float64Array, initialScale = 1): Float64Array {
  const { d, n, m, mu, xi, W0 } = data;
  let a = 0;
  for (let k = 0; k < d; k++) a += mu[k] * mu[k];
  const rhoBar = new Float64Array(m * n);
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let k = 0; k < d; k++) q += xi[i * d + k] * xi[i * d + k];
    for (let r = 0; r < m; r++) rhoBar[r * n + i] = rho[r * n + i] / q;
  }
  const W = matmul(rhoBar, xi, m, n, d);
  for (let r = 0; r < m; r++) {
    const g = gamma[r] / a;
    for (let k = 0; k < d; k++) W[r * d + k] += initialScale * W0[r * d + k] + g * mu[k];
  }
  return W;
}
