/**
 * Paper 1's dynamics written a second time, directly from the printed equations, for the exactness check of the
 * decomposition (spec §9.1). Nothing here comes from @mmcl/infomax but its types: the Gram quantities are dot
 * products taken here, the logits are Eq. (4) / §3.3 summed neuron by neuron, the softmax is Eq. (8), and the
 * increments are Eqs. (12)–(13) (single-modal) and (15)–(18) (multi-modal, (15) and (17) in their corrected form,
 * spec §11.3–11.4) in their full bracket form, negatives included even where hard negatives make them vanish.
 * A bug in the engine's shared step (logits, softmax, recursion) therefore cannot hide from the check by being
 * reused by it.
 */
import type { GramBlock, InfomaxInputs, SimulationResult } from '@mmcl/infomax';

/** ⟨x, y⟩ of two length-d slices, in index order. */
function dot(x: Float64Array, xOffset: number, y: Float64Array, yOffset: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += x[xOffset + k] * y[yOffset + k];
  return s;
}

/**
 * The inner products one encoder's dynamics need (spec §8.5 names): a = ‖µ‖², q_i = ‖ξ_i‖², c_i = ⟨µ, ξ_i⟩,
 * K_ij = ⟨ξ_i, ξ_j⟩, P_r = ⟨w_r^(0), µ⟩, Q_rj = ⟨w_r^(0), ξ_j⟩; single-modal also e_j = ⟨µ, ϵ_j⟩,
 * E_kj = ⟨ξ_k, ϵ_j⟩, R_rj = ⟨w_r^(0), ϵ_j⟩.
 * @category Independent re-derivation
 */
export interface PaperBasis {
  m: number;
  n: number;
  a: number;
  q: Float64Array;
  c: Float64Array;
  K: Float64Array;
  P: Float64Array;
  Q: Float64Array;
  augmentation?: { e: Float64Array; E: Float64Array; R: Float64Array };
}

/**
 * The basis of one encoder from the explicit d-dimensional inputs, O((m + n)·n·d), or from the Gram block of a
 * Gram-sampled run (O((m + n)·n), whatever d is).
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { paperBasis } from '@mmcl/theory/internal';
 * const run = simulate({ d: 64, n: 6, m: 3, steps: 2, populationSamples: 0 });
 * paperBasis(run, 'h').a; // → 25
 * @category Independent re-derivation
 */
export function paperBasis(result: SimulationResult, encoder: 'h' | 'g'): PaperBasis {
  const { d, m, n, mode } = result.config;
  const inputs: InfomaxInputs = result.inputs;
  const block = inputs.gram?.[encoder];
  if (block) return basisFromGram(block, m, n, mode === 'single' && encoder === 'h');
  const mu = encoder === 'h' ? inputs.mu : inputs.muTilde!;
  const xi = encoder === 'h' ? inputs.xi : inputs.xiTilde!;
  const W0 = encoder === 'h' ? inputs.W0 : inputs.W0Tilde!;
  const q = new Float64Array(n);
  const c = new Float64Array(n);
  const K = new Float64Array(n * n);
  const P = new Float64Array(m);
  const Q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) {
    c[i] = dot(mu, 0, xi, i * d, d);
    for (let j = 0; j < n; j++) K[i * n + j] = j < i ? K[j * n + i] : dot(xi, i * d, xi, j * d, d);
    q[i] = K[i * n + i];
  }
  for (let r = 0; r < m; r++) {
    P[r] = dot(W0, r * d, mu, 0, d);
    for (let j = 0; j < n; j++) Q[r * n + j] = dot(W0, r * d, xi, j * d, d);
  }
  const basis: PaperBasis = { m, n, a: dot(mu, 0, mu, 0, d), q, c, K, P, Q };
  if (mode === 'single') {
    const e = new Float64Array(n);
    const E = new Float64Array(n * n);
    const R = new Float64Array(m * n);
    for (let j = 0; j < n; j++) {
      e[j] = dot(mu, 0, inputs.eps, j * d, d);
      for (let k = 0; k < n; k++) E[k * n + j] = dot(xi, k * d, inputs.eps, j * d, d);
      for (let r = 0; r < m; r++) R[r * n + j] = dot(W0, r * d, inputs.eps, j * d, d);
    }
    basis.augmentation = { e, E, R };
  }
  return basis;
}

/**
 * The basis read off a Gram block of the Gram sampler (no d-dimensional vectors exist): the inner products are the
 * block's entries, indexed by its `index` (mu, xi, eps, w0).
 */
function basisFromGram(block: GramBlock, m: number, n: number, augmented: boolean): PaperBasis {
  const at = (row: string, i: number, column: string, j: number): number =>
    block.matrix[(block.index[row].start + i) * block.size + block.index[column].start + j];
  const q = new Float64Array(n);
  const c = new Float64Array(n);
  const K = new Float64Array(n * n);
  const P = new Float64Array(m);
  const Q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) {
    c[i] = at('mu', 0, 'xi', i);
    for (let j = 0; j < n; j++) K[i * n + j] = at('xi', i, 'xi', j);
    q[i] = K[i * n + i];
  }
  for (let r = 0; r < m; r++) {
    P[r] = at('w0', r, 'mu', 0);
    for (let j = 0; j < n; j++) Q[r * n + j] = at('w0', r, 'xi', j);
  }
  const basis: PaperBasis = { m, n, a: at('mu', 0, 'mu', 0), q, c, K, P, Q };
  if (augmented) {
    const e = new Float64Array(n);
    const E = new Float64Array(n * n);
    const R = new Float64Array(m * n);
    for (let j = 0; j < n; j++) {
      e[j] = at('mu', 0, 'eps', j);
      for (let k = 0; k < n; k++) E[k * n + j] = at('xi', k, 'eps', j);
      for (let r = 0; r < m; r++) R[r * n + j] = at('w0', r, 'eps', j);
    }
    basis.augmentation = { e, E, R };
  }
  return basis;
}

/**
 * Pre-activations of one encoder: u_r = ⟨w_r, µ⟩, v_rj = ⟨w_r, ξ_j⟩ and (single-modal) v^_rj = ⟨w_r, ξ_j + ϵ_j⟩.
 * @category Independent re-derivation
 */
export interface PaperPreActivations {
  u: Float64Array;
  v: Float64Array;
  vHat?: Float64Array;
}

/**
 * Pre-activations from the coefficients through Eq. (11): w_r = w_r^(0) + γ_r µ/a + Σ_k ρ_{r,k} ξ_k/q_k.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { paperBasis, paperPreActivations } from '@mmcl/theory/internal';
 * const run = simulate({ d: 64, n: 6, m: 3, steps: 2, populationSamples: 0 });
 * const basis = paperBasis(run, 'h');
 * paperPreActivations(basis, new Float64Array(3), new Float64Array(18)).u[0] === basis.P[0]; // → true
 * @category Independent re-derivation
 */
export function paperPreActivations(basis: PaperBasis, gamma: Float64Array, rho: Float64Array): PaperPreActivations {
  const { m, n, a, q, c, K, P, Q, augmentation } = basis;
  const u = new Float64Array(m);
  const v = new Float64Array(m * n);
  const vHat = augmentation ? new Float64Array(m * n) : undefined;
  const rhoBar = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    for (let k = 0; k < n; k++) rhoBar[k] = rho[r * n + k] / q[k];
    let signal = P[r] + gamma[r];
    for (let k = 0; k < n; k++) signal += rhoBar[k] * c[k];
    u[r] = signal;
    const g = gamma[r] / a;
    for (let j = 0; j < n; j++) v[r * n + j] = Q[r * n + j] + g * c[j];
    for (let k = 0; k < n; k++) {
      const weight = rhoBar[k];
      if (weight === 0) continue;
      for (let j = 0; j < n; j++) v[r * n + j] += weight * K[k * n + j];
    }
    if (augmentation && vHat) {
      const { e, E, R } = augmentation;
      for (let j = 0; j < n; j++) vHat[r * n + j] = R[r * n + j] + g * e[j];
      for (let k = 0; k < n; k++) {
        const weight = rhoBar[k];
        if (weight === 0) continue;
        for (let j = 0; j < n; j++) vHat[r * n + j] += weight * E[k * n + j];
      }
      for (let j = 0; j < n; j++) vHat[r * n + j] += v[r * n + j];
    }
  }
  return { u, v, vHat };
}

const relu = (z: number): number => (z > 0 ? z : 0);
const step = (z: number): number => (z > 0 ? 1 : 0); // σ'(0) = 0 (spec §8.1)

/**
 * One InfoNCE term and the brackets of its recursion. `anchor` are the anchor encoder's pre-activations; the
 * partner's detached activations are σ(partnerSignal_r · y) on signal patches and σ(partnerNoise) / σ(positiveNoise)
 * on noise patches. Returns the loss of the term, and per (r, i) the signal bracket
 * [(1−ℓ'_i) p(y_i) − Σ_{j∈N_i} ℓ'_{i,j} p(y_j)] σ'(y_i u_r) and the noise bracket
 * [(1−ℓ'_i) p^_i − Σ_{j∈N_i} ℓ'_{i,j} p_j] σ'(v_{r,i}).
 */
function termBrackets(
  anchor: PaperPreActivations,
  partnerSignal: Float64Array,
  partnerNoise: Float64Array,
  positiveNoise: Float64Array,
  y: Float64Array,
  negatives: Int32Array,
  offsets: Int32Array,
  tau: number,
): { loss: number; signal: Float64Array; noise: Float64Array } {
  const m = anchor.u.length;
  const n = y.length;
  const signal = new Float64Array(m * n);
  const noise = new Float64Array(m * n);
  // Activations, neuron-major: anchor σ(y_i u_r), σ(v_ri); partner σ(y_j u~_r), σ(v~_rj), σ(positive_ri).
  const anchorSignal = new Float64Array(m * n);
  const anchorNoise = new Float64Array(m * n);
  const partnerS = new Float64Array(m * n);
  const partnerN = new Float64Array(m * n);
  const partnerP = new Float64Array(m * n);
  for (let r = 0; r < m; r++)
    for (let i = 0; i < n; i++) {
      anchorSignal[r * n + i] = relu(y[i] * anchor.u[r]);
      anchorNoise[r * n + i] = relu(anchor.v[r * n + i]);
      partnerS[r * n + i] = relu(y[i] * partnerSignal[r]);
      partnerN[r * n + i] = relu(partnerNoise[r * n + i]);
      partnerP[r * n + i] = relu(positiveNoise[r * n + i]);
    }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    // Logits F_{i,0} (positive) and F_{i,j} (j ∈ N_i): patch-wise similarity summed over neurons, divided by mτ.
    let positive = 0;
    for (let r = 0; r < m; r++) positive += anchorSignal[r * n + i] * partnerS[r * n + i] + anchorNoise[r * n + i] * partnerP[r * n + i];
    positive /= m * tau;
    const first = offsets[i];
    const count = offsets[i + 1] - first;
    const logits = new Float64Array(count);
    let largest = positive;
    for (let k = 0; k < count; k++) {
      const j = negatives[first + k];
      let f = 0;
      for (let r = 0; r < m; r++) f += anchorSignal[r * n + i] * partnerS[r * n + j] + anchorNoise[r * n + i] * partnerN[r * n + j];
      logits[k] = f / (m * tau);
      if (logits[k] > largest) largest = logits[k];
    }
    // Eq. (8), shifted by the largest logit.
    let total = Math.exp(positive - largest);
    for (let k = 0; k < count; k++) total += Math.exp(logits[k] - largest);
    const keep = 1 - Math.exp(positive - largest) / total;
    loss -= positive - largest - Math.log(total);
    const probability = logits.map((f) => Math.exp(f - largest) / total);
    for (let r = 0; r < m; r++) {
      let negativeSignal = 0;
      let negativeNoise = 0;
      for (let k = 0; k < count; k++) {
        const j = negatives[first + k];
        negativeSignal += probability[k] * partnerS[r * n + j];
        negativeNoise += probability[k] * partnerN[r * n + j];
      }
      signal[r * n + i] = (keep * partnerS[r * n + i] - negativeSignal) * step(y[i] * anchor.u[r]);
      noise[r * n + i] = (keep * partnerP[r * n + i] - negativeNoise) * step(anchor.v[r * n + i]);
    }
  }
  return { loss: loss / n, signal, noise };
}

/**
 * The brackets of every encoder at one step, and the loss (the sum of both terms, multi-modal).
 * @category Independent re-derivation
 */
export interface PaperStep {
  loss: number;
  /** Per encoder: signal and noise brackets, m×n each (multiply by η/(nmτ)·‖µ‖²·y_i and η/(nmτ)·‖ξ_i‖²). */
  brackets: Array<{ signal: Float64Array; noise: Float64Array }>;
}

/**
 * The brackets of Eqs. (12)–(13) (one encoder) or (15)–(18) (two) from the pre-activations of the step.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { paperBasis, paperPreActivations, paperStep } from '@mmcl/theory/internal';
 * const run = simulate({ d: 64, n: 6, m: 3, steps: 2, populationSamples: 0 });
 * const pre = paperPreActivations(paperBasis(run, 'h'), run.h.gamma.data.subarray(0, 3), run.h.rho.data.subarray(0, 18));
 * Math.abs(paperStep(run, [pre]).loss - run.loss[0]) < 1e-12; // → true
 * @category Independent re-derivation
 */
export function paperStep(result: SimulationResult, pre: PaperPreActivations[]): PaperStep {
  const { y, negatives, negativeOffsets } = result.inputs;
  const { tau } = result.config;
  if (pre.length === 1) {
    const [h] = pre;
    if (!h.vHat) throw new TypeError('paperStep: single-modal pre-activations need ⟨w_r, ξ_i + ϵ_i⟩');
    const term = termBrackets(h, h.u, h.v, h.vHat, y, negatives, negativeOffsets, tau);
    return { loss: term.loss, brackets: [term] };
  }
  const [h, g] = pre;
  const termH = termBrackets(h, g.u, g.v, g.v, y, negatives, negativeOffsets, tau);
  const termG = termBrackets(g, h.u, h.v, h.v, y, negatives, negativeOffsets, tau);
  return { loss: termH.loss + termG.loss, brackets: [termH, termG] };
}

/**
 * The coefficient increments of Eqs. (12)–(13) / (15)–(18) from the brackets: Δγ_r = (η/(nmτ)) a Σ_i signal_{r,i} y_i
 * and Δρ_{r,i} = (η/(nmτ)) q_i noise_{r,i}.
 */
export function paperIncrements(
  basis: PaperBasis,
  brackets: { signal: Float64Array; noise: Float64Array },
  y: Float64Array,
  rate: number,
): { gamma: Float64Array; rho: Float64Array } {
  const { m, n, a, q } = basis;
  const gamma = new Float64Array(m);
  const rho = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += brackets.signal[r * n + i] * y[i];
      rho[r * n + i] = rate * q[i] * brackets.noise[r * n + i];
    }
    gamma[r] = rate * a * sum;
  }
  return { gamma, rho };
}
