/**
 * One InfoNCE term with hard negatives (spec §3.2, §3.3), written on patch activations so that the reduced engine
 * and the recursions share it: the logits F, the softmax probabilities ℓ' (Eq. (8)) and the loss.
 */
import { crossClassPairs, signalPairs } from './labels.js';
import { matmul, scratch } from './linalg.js';

// The two n×n similarity matrices of one term: temporaries, reused across steps.
const signalSimilarity = scratch();
const noiseSimilarity = scratch();

/**
 * Patch activations of the anchor encoder, each m×n (neuron-major): σ(⟨w_r, y_i µ⟩), σ'(·), σ(⟨w_r, ξ_i⟩), σ'(·).
 * @category Dynamics
 */
export interface AnchorActivations {
  signal: Float64Array;
  signalGate: Float64Array;
  noise: Float64Array;
  noiseGate: Float64Array;
}

/**
 * Detached partner activations, each m×n: column i is the partner of anchor i (positive) or sample j (negative).
 * @category Dynamics
 */
export interface PartnerActivations {
  signal: Float64Array;
  noise: Float64Array;
}

/**
 * The softmax of one term: ℓ'_i (n), ℓ'_{i,j} (flat, in negative-list order) and the n×n matrix L_ij = ℓ'_{i,j}.
 * @category Dynamics
 */
export interface TermProbabilities {
  loss: number;
  positive: Float64Array;
  negative: Float64Array;
  matrix: Float64Array;
}

/**
 * Activations from pre-activations: u_r = ⟨w_r, µ⟩ (length m) and v_{r,i} = ⟨w_r, ξ_i⟩ (m×n); the signal patch of
 * sample i is y_i µ, so its pre-activation is y_i u_r. σ'(0) = 0 (spec §8.1).
 *
 * @example
 * import { anchorActivations } from '@mmcl/infomax/internal';
 * anchorActivations(new Float64Array([2]), new Float64Array([-1, 3]), new Float64Array([1, -1])).signal; // → [2, 0]
 * @category Dynamics
 */
export function anchorActivations(u: Float64Array, v: Float64Array, y: Float64Array, out?: AnchorActivations): AnchorActivations {
  const n = y.length;
  const m = u.length;
  const { signal, signalGate, noise, noiseGate } = out ?? emptyActivations(m * n);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < n; i++) {
      const k = r * n + i;
      const s = y[i] * u[r];
      const positive = s > 0;
      signal[k] = positive ? s : 0;
      signalGate[k] = positive ? 1 : 0;
      const open = v[k] > 0;
      noise[k] = open ? v[k] : 0;
      noiseGate[k] = open ? 1 : 0;
    }
  }
  return { signal, signalGate, noise, noiseGate };
}

/**
 * Zero activations of `size` = m·n entries each: the arrays {@link anchorActivations} writes into when it is given them
 * (a step that reuses them allocates nothing).
 *
 * @example
 * import { anchorActivations, emptyActivations } from '@mmcl/infomax/internal';
 * const out = emptyActivations(2);
 * anchorActivations(new Float64Array([2]), new Float64Array([-1, 3]), new Float64Array([1, -1]), out).noise; // → [0, 3]
 * @category Dynamics
 */
export function emptyActivations(size: number): AnchorActivations {
  return { signal: new Float64Array(size), signalGate: new Float64Array(size), noise: new Float64Array(size), noiseGate: new Float64Array(size) };
}

/**
 * σ(z) = max{0, z} applied elementwise to a plain array (a fresh array, or `out`); σ'(0) = 0 elsewhere in the engine.
 *
 * @example
 * import { relu } from '@mmcl/infomax/internal';
 * relu(new Float64Array([-1, 0, 2])); // → Float64Array [0, 0, 2]
 * @category Dynamics
 */
export function relu(x: Float64Array, out: Float64Array = new Float64Array(x.length)): Float64Array {
  for (let k = 0; k < x.length; k++) out[k] = x[k] > 0 ? x[k] : 0;
  return out;
}

/**
 * Logits F_{i,0} = Sim(anchor i, positive i)/τ and F_{i,j} = Sim(anchor i, negative j)/τ with the patch-wise
 * similarity (1/m) Σ_r [a¹_{r,i} p¹_{r,·} + a²_{r,i} p²_{r,·}], then the log-sum-exp softmax over
 * {F_{i,0}} ∪ {F_{i,j} : j ∈ N_i} and the mean loss −(1/n) Σ_i log ℓ'_i. Pass the labels y when the signal
 * activations are those of signal patches y_i µ and every negative has the opposite label (as generateInputs
 * guarantees): a faster, equal result. Omit them for arbitrary activations or negatives. With `out`, the
 * probabilities are written into its arrays (a step that reuses them allocates nothing).
 *
 * @example
 * import { anchorActivations, infoNceTerm } from '@mmcl/infomax/internal';
 * const y = new Float64Array([1, -1]);
 * const a = anchorActivations(new Float64Array([1]), new Float64Array([0, 0]), y);
 * const t = infoNceTerm(a, a, a, new Int32Array([1, 0]), new Int32Array([0, 1, 2]), 1);
 * // sample 0: F_0 = 1 against F_1 = 0, loss log(1 + e⁻¹); sample 1: F = 0 against 0, loss log 2; the mean of both
 * Math.abs(t.loss - (Math.log1p(Math.exp(-1)) + Math.log(2)) / 2) < 1e-15; // → true
 * @category Dynamics
 */
export function infoNceTerm(
  anchor: AnchorActivations,
  positive: PartnerActivations,
  negative: PartnerActivations,
  negatives: Int32Array,
  offsets: Int32Array,
  tau: number,
  labels?: Float64Array,
  out?: Omit<TermProbabilities, 'loss'>,
): TermProbabilities {
  const n = offsets.length - 1;
  const m = anchor.signal.length / n;
  const scale = 1 / (m * tau);
  // All pairwise similarities Σ_r a¹_{r,i} p¹_{r,j} + a²_{r,i} p²_{r,j}: n×m·m×n products, O(m n²). With `labels`
  // the signal activations are known to depend on i only through y_i (signal patch y_i µ), so their part is O(m + n²).
  const [pairOut, pairNoiseOut] = [signalSimilarity(n * n), noiseSimilarity(n * n)];
  const pair = labels ? signalPairs(anchor.signal, negative.signal, labels, pairOut) : matmul(anchor.signal, negative.signal, n, m, n, true, false, pairOut);
  const pairNoise = labels ? crossClassPairs(anchor.noise, negative.noise, labels, pairNoiseOut) : matmul(anchor.noise, negative.noise, n, m, n, true, false, pairNoiseOut);
  // ℓ'_i first holds the positive similarity Σ_r a¹ p¹ + a² p² (summed over r in order), then the probability.
  const positiveProb = out?.positive.fill(0) ?? new Float64Array(n);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < n; i++) {
      const k = r * n + i;
      positiveProb[i] += anchor.signal[k] * positive.signal[k] + anchor.noise[k] * positive.noise[k];
    }
  }
  // A minibatch's negative lists change length from step to step; only a buffer of the right length is reused.
  const negativeProb = out?.negative.length === negatives.length ? out.negative : new Float64Array(negatives.length);
  const matrix = out?.matrix.fill(0) ?? new Float64Array(n * n);
  let lossSum = 0;
  for (let i = 0; i < n; i++) {
    const f0 = positiveProb[i] * scale;
    let top = f0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = negatives[k];
      if (labels && labels[j] === labels[i])
        throw new RangeError(`infoNceTerm: negative ${j} of anchor ${i} has the anchor's label; hard negatives must have the opposite label`);
      const f = (pair[i * n + j] + pairNoise[i * n + j]) * scale;
      negativeProb[k] = f;
      if (f > top) top = f;
    }
    // One exponential per logit: e^{F − top}, then divide by their sum.
    const e0 = Math.exp(f0 - top);
    let total = e0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      negativeProb[k] = Math.exp(negativeProb[k] - top);
      total += negativeProb[k];
    }
    lossSum += top + Math.log(total) - f0;
    positiveProb[i] = e0 / total;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      negativeProb[k] /= total;
      matrix[i * n + negatives[k]] = negativeProb[k];
    }
  }
  return { loss: lossSum / n, positive: positiveProb, negative: negativeProb, matrix };
}
