/**
 * The index sets and levels the lemmas speak of (spec §5.4), from the coefficients and the Gram quantities:
 * U_± (neuron signs on µ), I_{r,±} (sample signs on ξ_i), A_r (signal level), Ψ_{r,i}, Φ_{r,i} (noise levels),
 * B_{r,±} (joint noise memorisation) and the multi-modal B_{r,±,±}.
 */
import { innerProducts, scaledNoise, type EncoderGram } from './gram.js';

/**
 * U_+ = {r : ⟨w_r, µ⟩ > 0}, U_− = {r : ⟨w_r, µ⟩ < 0}, as sorted neuron indices.
 * @category Sign sets
 */
export interface NeuronSignSets {
  positive: Int32Array;
  negative: Int32Array;
}

/**
 * I_{r,+} = {i : ⟨w_r, ξ_i⟩ > 0}, I_{r,−} = {i : ⟨w_r, ξ_i⟩ < 0}, as m×n 0/1 masks.
 * @category Sign sets
 */
export interface SampleSignSets {
  positive: Uint8Array;
  negative: Uint8Array;
}

/**
 * ⟨w_r^(t), µ⟩ (m) and ⟨w_r^(t), ξ_i⟩ (m×n) from the coefficients, without d-dimensional work.
 *
 * @example
 * import { resolveConfig, generateInputs } from '@mmcl/infomax';
 * import { encoderGram, currentProjections } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 60, n: 10, m: 4 });
 * const inputs = generateInputs(config);
 * const gram = encoderGram({ d: 60, n: 10, m: 4, mu: inputs.mu, xi: inputs.xi, W0: inputs.W0 });
 * currentProjections(gram, new Float64Array(4), new Float64Array(40)).u; // ⟨w_r^(0), µ⟩
 * @category Sign sets
 */
export function currentProjections(gram: EncoderGram, gamma: Float64Array, rho: Float64Array) {
  const rhoBar = scaledNoise(gram, rho);
  return { u: innerProducts(gram, gamma, rho, gram.onMu, rhoBar), v: innerProducts(gram, gamma, rho, gram.onXi, rhoBar) };
}

/**
 * U_±^(t) from u_r = ⟨w_r^(t), µ⟩.
 *
 * @example
 * import { neuronSignSets } from '@mmcl/infomax/internal';
 * neuronSignSets(new Float64Array([1, -2, 0])).negative; // → Int32Array [1]
 * @category Sign sets
 */
export function neuronSignSets(u: Float64Array): NeuronSignSets {
  const positive: number[] = [];
  const negative: number[] = [];
  for (let r = 0; r < u.length; r++) {
    if (u[r] > 0) positive.push(r);
    else if (u[r] < 0) negative.push(r);
  }
  return { positive: Int32Array.from(positive), negative: Int32Array.from(negative) };
}

/**
 * I_{r,±}^(t) from v_{r,i} = ⟨w_r^(t), ξ_i⟩ (m×n).
 *
 * @example
 * import { sampleSignSets } from '@mmcl/infomax/internal';
 * sampleSignSets(new Float64Array([1, -1])).positive; // → Uint8Array [1, 0]
 * @category Sign sets
 */
export function sampleSignSets(v: Float64Array): SampleSignSets {
  const positive = new Uint8Array(v.length);
  const negative = new Uint8Array(v.length);
  for (let k = 0; k < v.length; k++) {
    if (v[k] > 0) positive[k] = 1;
    else if (v[k] < 0) negative[k] = 1;
  }
  return { positive, negative };
}

/**
 * Signal levels A_r^(t) = γ_r + ⟨w_r^(0), µ⟩ for r ∈ U_+^(0) and −γ_r − ⟨w_r^(0), µ⟩ for r ∈ U_−^(0) (NaN when
 * ⟨w_r^(0), µ⟩ = 0). `initialSignal` is ⟨w_r^(0), µ⟩ (gram.onMu.w0).
 *
 * @example
 * import { signalLevels } from '@mmcl/infomax/internal';
 * signalLevels(new Float64Array([0.5, -0.5]), new Float64Array([0.1, -0.1])); // → [0.6, 0.6]
 * @category Sign sets
 */
export function signalLevels(gamma: Float64Array, initialSignal: Float64Array): Float64Array {
  const A = new Float64Array(gamma.length);
  for (let r = 0; r < gamma.length; r++) {
    const level = gamma[r] + initialSignal[r];
    A[r] = initialSignal[r] > 0 ? level : initialSignal[r] < 0 ? -level : Number.NaN;
  }
  return A;
}

/**
 * Noise levels (m×n, NaN outside their index sets): Ψ_{r,i} = ρ_{r,i} + ⟨w_r^(0), ξ_i⟩ for i ∈ I_{r,+}^(t) with
 * y_i = 1, and Φ_{r,i}, the same quantity for y_i = −1. `initialNoise` is ⟨w_r^(0), ξ_i⟩ (gram.onXi.w0).
 *
 * @example
 * import { noiseLevels } from '@mmcl/infomax/internal';
 * noiseLevels(new Float64Array([1, 2]), new Float64Array([0.1, 0.1]), new Float64Array([1, 1]), new Float64Array([1, -1])).phi; // → [NaN, 2.1]
 * @category Sign sets
 */
export function noiseLevels(rho: Float64Array, initialNoise: Float64Array, v: Float64Array, y: Float64Array) {
  const n = y.length;
  const psi = new Float64Array(rho.length).fill(Number.NaN);
  const phi = new Float64Array(rho.length).fill(Number.NaN);
  for (let k = 0; k < rho.length; k++) {
    if (!(v[k] > 0)) continue;
    const level = rho[k] + initialNoise[k];
    if (y[k % n] > 0) psi[k] = level;
    else phi[k] = level;
  }
  return { psi, phi };
}

/**
 * Joint noise memorisation (spec §5.4): B_{r,+} = Σ_{y_i=+1} (ρ_{r,i} + ⟨w_r^(0), ξ_i⟩) 1{i ∈ I_{r,+}} and B_{r,−}
 * the same sum over y_i = −1. With `mask` (m×n 0/1) the indicator is replaced by it, which gives the multi-modal
 * B_{r,±,±}: pass the mask of I_{r,s} ∩ I~_{r,s~} (e.g. {@link intersectMasks}).
 *
 * @example
 * import { jointNoise } from '@mmcl/infomax/internal';
 * jointNoise(new Float64Array([1, 2]), new Float64Array([0, 0]), new Float64Array([1, 1]), new Float64Array([1, -1])); // → { plus: [1], minus: [2] }
 * @category Sign sets
 */
export function jointNoise(rho: Float64Array, initialNoise: Float64Array, v: Float64Array, y: Float64Array, mask?: Uint8Array) {
  const n = y.length;
  const m = rho.length / n;
  const plus = new Float64Array(m);
  const minus = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < n; i++) {
      const k = r * n + i;
      const inSet = mask ? mask[k] === 1 : v[k] > 0;
      if (!inSet) continue;
      if (y[i] > 0) plus[r] += rho[k] + initialNoise[k];
      else minus[r] += rho[k] + initialNoise[k];
    }
  }
  return { plus, minus };
}

/**
 * Elementwise AND of two 0/1 masks (e.g. I_{r,+} ∩ I~_{r,+}).
 *
 * @example
 * import { intersectMasks } from '@mmcl/infomax/internal';
 * intersectMasks(new Uint8Array([1, 1]), new Uint8Array([0, 1])); // → [0, 1]
 * @category Sign sets
 */
export function intersectMasks(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] & b[k];
  return out;
}
