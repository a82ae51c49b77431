/**
 * Everything the checks read, computed once from a trajectory: the Gram quantities of each encoder, the inner
 * products ⟨w_r^(t), µ⟩ and ⟨w_r^(t), ξ_i⟩ at every step, and the softmax probabilities of each InfoNCE term.
 * All of it is a pure function of the SimulationResult (γ, ρ and the inputs), so a deliberately broken trajectory
 * goes through exactly the same checks as a real one.
 */
import {
  type CoefficientTrajectory,
  type EncoderTrajectory,
  type InfomaxConfig,
  type SimulationResult,
} from '@mmcl/infomax';
import {
  anchorActivations, currentProjections, encoderSources, flatTrajectory, infoNceTerm, innerProducts, relu, type AnchorActivations,
  type EncoderData, type EncoderGram, type PartnerActivations, type TermProbabilities,
} from '@mmcl/infomax/internal';
import { TheoryInputError } from './errors.js';
import { stageOneTime, typicalNegatives } from './stageTimes.js';

/**
 * The loss and softmax probabilities of one InfoNCE term at one step.
 * @category Trajectory context
 */
export type StepTerm = Omit<TermProbabilities, 'matrix'>;

/**
 * One encoder (h or g) along the trajectory.
 * @category Trajectory context
 */
export interface EncoderTrack {
  /** The encoder's d-dimensional data; its vectors are empty for a Gram-sampler run (only d, m, n are set). */
  data: EncoderData;
  gram: EncoderGram;
  coefficients: CoefficientTrajectory;
  /** ⟨w_r^(t), µ⟩, (T+1)×m. */
  signalProjection: Float64Array;
  /** ⟨w_r^(t), ξ_i⟩, (T+1)×m×n. */
  noiseProjection: Float64Array;
}

/**
 * Options shared by every check (all optional in {@link VerifyOptions}).
 * @category Trajectory context
 */
export interface CheckOptions {
  /** Target training loss ϵ of the theorems (default 0.05 [choice]). */
  epsilon: number;
  /** Failure probability δ of the high-probability lemmas (default 1/d, matching "w.p. ≥ 1 − 1/d"). */
  delta: number;
  /** Relative tolerance of the exact identities (decomposition; default 1e-9). */
  identityTolerance: number;
  /** Single-modal downstream error counts as Θ(1) when it is at least this (default 0.1 [choice]). */
  singleModalMinError: number;
  /** Multi-modal downstream error counts as o(1) when it is at most this (default 0.1 [choice]). */
  multiModalMaxError: number;
}

/**
 * The check options used when none are given: ε, δ = 1/d and the identity tolerance.
 * @category Trajectory context
 */
export const defaultCheckOptions = (config: InfomaxConfig): CheckOptions => ({
  epsilon: 0.05,
  delta: 1 / config.d,
  identityTolerance: 1e-9,
  singleModalMinError: 0.1,
  multiModalMaxError: 0.1,
});

/**
 * A trajectory with everything the checks share, computed once: configuration, result, options, stage times.
 * @category Trajectory context
 */
export interface TrajectoryContext {
  config: InfomaxConfig;
  result: SimulationResult;
  options: CheckOptions;
  /** Number of GD steps T (the trajectory holds T + 1 points). */
  steps: number;
  m: number;
  n: number;
  y: Float64Array;
  /** Encoder h (weights W). */
  h: EncoderTrack;
  /** Encoder g (weights W~), multi-modal only. */
  g?: EncoderTrack;
  /** Single-modal: ⟨w_r^(t), ξ_i + ϵ_i⟩, (T+1)×m×n (the positive's noise patch). */
  augmentedProjection?: Float64Array;
  /**
   * Softmax of the h-anchored term at every step, and of the g-anchored term (multi-modal). The n×n matrix form is
   * not kept (it would cost 8·n²·T bytes); `termAt` (in context.ts) recomputes a full term when a check needs it.
   */
  termH: StepTerm[];
  termG?: StepTerm[];
  /** |N_i|. */
  negativeCounts: Int32Array;
  /** M of the proofs (≈ n/2 for "all"). */
  typicalNegatives: number;
  /** T1 of Lemma 5.2 / 5.4 as a real number. */
  stageOne: number;
  /** Last step of stage 1 inside the trajectory: min(⌊T1⌋, T). */
  stageOneEnd: number;
  /** Whether ⌊T1⌋ ≤ T, i.e. the statements "at T1" can be evaluated. */
  stageOneReached: boolean;
}

function encoderTrack(
  data: EncoderData,
  gram: EncoderGram,
  shaped: EncoderTrajectory,
  steps: number,
  label: string,
): EncoderTrack {
  const { m, n } = data;
  // The lengths are checked on the arrays themselves, before flatTrajectory checks that the views cover them.
  if (shaped.gamma.data.length !== (steps + 1) * m)
    throw new TheoryInputError(`${label}.gamma`, `must hold (T+1)·m = ${(steps + 1) * m} values (got ${shaped.gamma.data.length})`);
  if (shaped.rho.data.length !== (steps + 1) * m * n)
    throw new TheoryInputError(`${label}.rho`, `must hold (T+1)·m·n = ${(steps + 1) * m * n} values (got ${shaped.rho.data.length})`);
  const coefficients = flatTrajectory(shaped);
  const signalProjection = new Float64Array((steps + 1) * m);
  const noiseProjection = new Float64Array((steps + 1) * m * n);
  for (let t = 0; t <= steps; t++) {
    const gamma = coefficients.gamma.subarray(t * m, (t + 1) * m);
    const rho = coefficients.rho.subarray(t * m * n, (t + 1) * m * n);
    const { u, v } = currentProjections(gram, gamma, rho);
    signalProjection.set(u, t * m);
    noiseProjection.set(v, t * m * n);
  }
  return { data, gram, coefficients, signalProjection, noiseProjection };
}

/** Activations of one encoder at step t. */
function activationsAt(track: EncoderTrack, y: Float64Array, t: number): AnchorActivations {
  const { m, n } = track.data;
  return anchorActivations(
    track.signalProjection.subarray(t * m, (t + 1) * m),
    track.noiseProjection.subarray(t * m * n, (t + 1) * m * n),
    y,
  );
}

/** The (anchor, positive partner, negative partner) activations of the h-anchored (or g-anchored) term at step t. */
export function termActivations(
  context: TrajectoryContext,
  t: number,
  encoder: 'h' | 'g',
): { anchor: AnchorActivations; positive: PartnerActivations; negative: PartnerActivations } {
  const { m, n, y } = context;
  if (context.config.mode === 'single') {
    const anchor = activationsAt(context.h, y, t);
    const augmented = relu(context.augmentedProjection!.subarray(t * m * n, (t + 1) * m * n));
    return { anchor, positive: { signal: anchor.signal, noise: augmented }, negative: anchor };
  }
  const own = encoder === 'h' ? context.h : context.g!;
  const other = encoder === 'h' ? context.g! : context.h;
  const anchor = activationsAt(own, y, t);
  const partner = activationsAt(other, y, t);
  return { anchor, positive: partner, negative: partner };
}

/**
 * Build the context of a trajectory. Throws a {@link TheoryInputError} when the arrays do not have the contract's
 * shapes, or when ϵ_i was resampled every step (the recorded inputs then do not determine the single-modal
 * positives).
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext } from '@mmcl/theory';
 * const context = trajectoryContext(simulate(resolveConfig({ d: 64, n: 6, m: 3, steps: 5 })));
 * context.stageOne > 0; // → true
 * @category Trajectory context
 */
export function trajectoryContext(result: SimulationResult, options: Partial<CheckOptions> = {}): TrajectoryContext {
  const { config, inputs } = result;
  const { d, n, m, steps, mode } = config;
  if (config.resampleEps && mode === 'single')
    throw new TheoryInputError('config.resampleEps', 'must be false for verification (the trajectory does not record every ϵ draw)');
  if (result.loss.length !== steps + 1)
    throw new TheoryInputError('result.loss', `must hold T+1 = ${steps + 1} values (got ${result.loss.length})`);
  if (mode === 'multi' && (!result.g || !(inputs.gram?.g || (inputs.muTilde && inputs.xiTilde && inputs.W0Tilde))))
    throw new TheoryInputError('result.g', 'a multi-modal result must carry encoder g and µ~, ξ~, W~^(0)');
  const sources = encoderSources(config, inputs);
  const empty = new Float64Array(0);
  const dataOf = (given?: EncoderData): EncoderData => given ?? { d, n, m, mu: empty, xi: empty, W0: empty };
  const h = encoderTrack(dataOf(sources.dataH), sources.h, result.h, steps, 'result.h');
  const g = mode === 'multi'
    ? encoderTrack(dataOf(sources.dataG), sources.g!, result.g!, steps, 'result.g')
    : undefined;
  let augmentedProjection: Float64Array | undefined;
  if (mode === 'single') {
    const onShifted = sources.augmented!;
    augmentedProjection = new Float64Array((steps + 1) * m * n);
    for (let t = 0; t <= steps; t++) {
      const gamma = h.coefficients.gamma.subarray(t * m, (t + 1) * m);
      const rho = h.coefficients.rho.subarray(t * m * n, (t + 1) * m * n);
      augmentedProjection.set(innerProducts(h.gram, gamma, rho, onShifted), t * m * n);
    }
  }
  const negativeCounts = new Int32Array(n);
  for (let i = 0; i < n; i++) negativeCounts[i] = inputs.negativeOffsets[i + 1] - inputs.negativeOffsets[i];
  const stageOne = stageOneTime(config);
  const context: TrajectoryContext = {
    config,
    result,
    options: { ...defaultCheckOptions(config), ...options },
    steps,
    m,
    n,
    y: inputs.y,
    h,
    g,
    augmentedProjection,
    termH: [],
    termG: mode === 'multi' ? [] : undefined,
    negativeCounts,
    typicalNegatives: typicalNegatives(config),
    stageOne,
    stageOneEnd: Math.min(Math.floor(stageOne), steps),
    stageOneReached: Math.floor(stageOne) <= steps,
  };
  const compact = ({ loss, positive, negative }: TermProbabilities): StepTerm => ({ loss, positive, negative });
  for (let t = 0; t <= steps; t++) {
    context.termH.push(compact(termAt(context, t, 'h')));
    if (mode === 'multi') context.termG!.push(compact(termAt(context, t, 'g')));
  }
  return context;
}

/**
 * The full InfoNCE term (with the n×n probability matrix) of the h- or g-anchored loss at step t. Pass the term's
 * activations when the caller already holds them (from {@link termActivations} at the same t and encoder).
 */
export function termAt(
  context: TrajectoryContext,
  t: number,
  encoder: 'h' | 'g',
  { anchor, positive, negative } = termActivations(context, t, encoder),
): TermProbabilities {
  const { negatives, negativeOffsets } = context.result.inputs;
  return infoNceTerm(anchor, positive, negative, negatives, negativeOffsets, context.config.tau);
}

/** The encoders of a context with their names, for checks that treat both modalities alike. */
export function encodersOf(context: TrajectoryContext): Array<['h' | 'g', EncoderTrack]> {
  return context.g ? [['h', context.h], ['g', context.g]] : [['h', context.h]];
}
