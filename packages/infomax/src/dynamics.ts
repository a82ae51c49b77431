/**
 * One step of the single- or multi-modal dynamics in coefficient space, given the pre-activations of the current
 * weights. The reduced engine obtains those pre-activations from Gram matrices, the recursion tracker of the dense
 * engine from the d-dimensional weights; the step itself (logits, softmax, Lemma 5.1 / 5.3 increments) is shared.
 */
import { anchorActivations, emptyActivations, infoNceTerm, relu, type AnchorActivations, type TermProbabilities } from './infonce.js';
import { coefficientIncrement, type CoefficientIncrement } from './recursion.js';

/**
 * Pre-activations of one encoder: u_r = ⟨w_r, µ⟩ (m), v_{r,i} = ⟨w_r, ξ_i⟩ (m×n), and, single-modal, ⟨w_r, ξ_i + ϵ_i⟩.
 * @category Dynamics
 */
export interface PreActivations {
  u: Float64Array;
  v: Float64Array;
  vAugmented?: Float64Array;
}

/**
 * What every step needs besides the weights.
 * @category Dynamics
 */
export interface StepContext {
  y: Float64Array;
  negatives: Int32Array;
  negativeOffsets: Int32Array;
  tau: number;
  /** η/(nmτ). */
  rate: number;
  /** ‖µ‖², ‖ξ_i‖² of encoder h, and ‖µ~‖², ‖ξ~_i‖² of g (multi-modal). */
  signalNorm2: number;
  noiseNorm2: Float64Array;
  signalNorm2Tilde?: number;
  noiseNorm2Tilde?: Float64Array;
}

/**
 * The arrays one encoder's term of a step writes: activations, softmax probabilities, increments.
 * @category Dynamics
 */
export interface TermBuffers {
  activations: AnchorActivations;
  /** σ(⟨w_r, ξ_i + ϵ_i⟩) (single-modal positives). */
  augmented: Float64Array;
  probabilities: Omit<TermProbabilities, 'loss'>;
  increment: CoefficientIncrement;
}

/**
 * Preallocated arrays for the steps of one engine (encoder h, and g of a multi-modal run): a step that
 * is given them allocates nothing of size m·n or n². Everything a step returns then lives in these arrays and is
 * overwritten by the next step that uses them: copy what must be kept.
 * @category Dynamics
 */
export interface StepBuffers {
  h: TermBuffers;
  g: TermBuffers;
}

function termBuffers(m: number, n: number, negatives: number): TermBuffers {
  return {
    activations: emptyActivations(m * n),
    augmented: new Float64Array(m * n),
    probabilities: { positive: new Float64Array(n), negative: new Float64Array(negatives), matrix: new Float64Array(n * n) },
    increment: { gamma: new Float64Array(m), rho: new Float64Array(m * n) },
  };
}

/**
 * Buffers for steps of m neurons, n samples and `negatives` negatives in all (the length of the flat negative lists).
 *
 * @example
 * import { stepBuffers } from '@mmcl/infomax/internal';
 * stepBuffers(4, 10, 50).h.increment.rho.length; // → 40
 * @category Dynamics
 */
export function stepBuffers(m: number, n: number, negatives: number): StepBuffers {
  return { h: termBuffers(m, n, negatives), g: termBuffers(m, n, negatives) };
}

/**
 * Loss, increments and softmax probabilities of one step.
 * @category Dynamics
 */
export interface StepOutcome {
  loss: number;
  h: CoefficientIncrement;
  g?: CoefficientIncrement;
  probabilities: { h: TermProbabilities; g?: TermProbabilities };
}

/**
 * Single-modal step (Eq. (6), Lemma 5.1): anchor x_i, positive x^_i = [y_i µ, ξ_i + ϵ_i], negatives x_j, j ∈ N_i.
 * With `buffers` ({@link stepBuffers}) it allocates nothing large; the outcome then lives in them.
 *
 * @example
 * import { singleModalStep } from '@mmcl/infomax/internal';
 * const y = new Float64Array([1, -1]);
 * const pre = { u: new Float64Array([1]), v: new Float64Array([0.5, 0.2]), vAugmented: new Float64Array([0.5, 0.2]) };
 * const ctx = { y, negatives: new Int32Array([1, 0]), negativeOffsets: new Int32Array([0, 1, 2]), tau: 1, rate: 0.01, signalNorm2: 25, noiseNorm2: new Float64Array([2, 2]) };
 * singleModalStep(pre, ctx).loss > 0; // → true
 * @category Dynamics
 */
export function singleModalStep(pre: PreActivations, ctx: StepContext, buffers?: StepBuffers): StepOutcome {
  if (!pre.vAugmented) throw new TypeError('singleModalStep: the augmented pre-activations ⟨w_r, ξ_i + ϵ_i⟩ are missing');
  const own = buffers?.h;
  const anchor = anchorActivations(pre.u, pre.v, ctx.y, own?.activations);
  const positive = { signal: anchor.signal, noise: relu(pre.vAugmented, own?.augmented) };
  const term = infoNceTerm(anchor, positive, anchor, ctx.negatives, ctx.negativeOffsets, ctx.tau, ctx.y, own?.probabilities);
  const first = coefficientIncrement(anchor, positive, anchor, term, ctx.y, ctx.signalNorm2, ctx.noiseNorm2, ctx.rate, ctx.y, own?.increment);
  return { loss: term.loss, h: first, probabilities: { h: term } };
}

/**
 * Multi-modal step (Eq. (9), Lemma 5.3): the h-anchored term moves W (partner g, Eqs. 15–16), the g-anchored term
 * moves W~ (partner h, Eqs. 17–18); the loss is their sum. With `buffers` it allocates nothing large.
 *
 * @example
 * import { multiModalStep } from '@mmcl/infomax/internal';
 * const y = new Float64Array([1, -1]);
 * const pre = { u: new Float64Array([1]), v: new Float64Array([0.5, 0.2]) };
 * const ctx = { y, negatives: new Int32Array([1, 0]), negativeOffsets: new Int32Array([0, 1, 2]), tau: 1, rate: 0.01,
 *   signalNorm2: 25, noiseNorm2: new Float64Array([2, 2]), signalNorm2Tilde: 225, noiseNorm2Tilde: new Float64Array([2, 2]) };
 * multiModalStep(pre, pre, ctx).g !== undefined; // → true
 * @category Dynamics
 */
export function multiModalStep(preH: PreActivations, preG: PreActivations, ctx: StepContext, buffers?: StepBuffers): StepOutcome {
  if (ctx.signalNorm2Tilde === undefined || !ctx.noiseNorm2Tilde)
    throw new TypeError('multiModalStep: the norms of encoder g ‖µ~‖², ‖ξ~_i‖² are missing from the context');
  const [ownH, ownG] = [buffers?.h, buffers?.g];
  const h = anchorActivations(preH.u, preH.v, ctx.y, ownH?.activations);
  const g = anchorActivations(preG.u, preG.v, ctx.y, ownG?.activations);
  const termH = infoNceTerm(h, g, g, ctx.negatives, ctx.negativeOffsets, ctx.tau, ctx.y, ownH?.probabilities);
  const termG = infoNceTerm(g, h, h, ctx.negatives, ctx.negativeOffsets, ctx.tau, ctx.y, ownG?.probabilities);
  const first = coefficientIncrement(h, g, g, termH, ctx.y, ctx.signalNorm2, ctx.noiseNorm2, ctx.rate, ctx.y, ownH?.increment);
  const second = coefficientIncrement(g, h, h, termG, ctx.y, ctx.signalNorm2Tilde, ctx.noiseNorm2Tilde, ctx.rate, ctx.y, ownG?.increment);
  return { loss: termH.loss + termG.loss, h: first, g: second, probabilities: { h: termH, g: termG } };
}
