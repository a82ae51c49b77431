/**
 * What the simulation loop needs from an engine (dense or reduced), and the pieces both engines share.
 */
import { NumericalError, createStreams } from '@mmcl/autodiff';
import type { StepContext, StepOutcome } from './dynamics.js';
import type { EncoderData, EncoderGram } from './gram.js';
import type { InfomaxConfig, InfomaxInputs } from './types.js';

/**
 * Current coefficients of one encoder (views into the engine's state: copy before keeping).
 * @category Engines
 */
export interface CoefficientState {
  gamma: Float64Array;
  rho: Float64Array;
  /** a_t, the coefficient of W^(0) (1 without weight decay); engines that track it report it. */
  a?: number;
}

/**
 * What one step reports about the weights W^(t) it started from.
 * @category Engines
 */
export interface StepReport {
  loss: number;
  /** γ^(t), ρ^(t) (and γ~, ρ~) of the weights before the step (fresh arrays). */
  coefficients: { h: CoefficientState; g?: CoefficientState };
  probabilities?: StepOutcome['probabilities'];
}

/**
 * A running simulation.
 * @category Engines
 */
export interface EngineRun {
  /** Evaluate the loss and coefficients at the current weights W^(t); when `advance`, also step to W^(t+1). */
  step(t: number, advance: boolean): StepReport;
  /** γ, ρ (and γ~, ρ~) of the current weights. */
  coefficients(): { h: CoefficientState; g?: CoefficientState };
  /** ⟨w_r^(t), ν⟩ (m) and ⟨w_r^(t), ζ_k⟩ (m×nTest) of encoder h, for the downstream probe. */
  testInnerProducts(): { nu: Float64Array; zeta: Float64Array };
  /** The d-dimensional weights W^(t) (m×d) of encoder h. */
  weights(): Float64Array;
  /** Dense engine: the span residual of each encoder's W^(t) − a_t W^(0) on span{µ, ξ_i} (leastSquares.ts). */
  spanResidual?(): { h: number; g?: number };
}

/** What to try when the dynamics blow up: a smaller step or a smaller initialisation. */
const NUMERICAL_FIX = 'lower eta or sigma0';

/** Throw a {@link NumericalError} (the one of @mmcl/autodiff) unless every entry is finite. */
export function assertFinite(step: number, quantity: string, values: Float64Array | number): void {
  if (typeof values === 'number') {
    if (!Number.isFinite(values)) throw new NumericalError(step, quantity, { note: NUMERICAL_FIX });
    return;
  }
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) throw new NumericalError(step, quantity, { note: NUMERICAL_FIX });
  }
}

/**
 * The data of encoder h (µ, ξ, W^(0)) or of encoder g (µ~, ξ~, W~^(0)).
 *
 * @example
 * import { generateInputs, resolveConfig } from '@mmcl/infomax';
 * import { encoderData } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ mode: 'multi', d: 50, n: 4, m: 2 });
 * // µ~, the signal vector of g
 * encoderData(config, generateInputs(config), 'g').mu.length; // → 50
 * @category Engines
 */
export function encoderData(config: InfomaxConfig, inputs: InfomaxInputs, which: 'h' | 'g'): EncoderData {
  const { d, n, m } = config;
  if (which === 'h') return { d, n, m, mu: inputs.mu, xi: inputs.xi, W0: inputs.W0 };
  if (!inputs.muTilde || !inputs.xiTilde || !inputs.W0Tilde)
    throw new TypeError('multi-modal inputs need muTilde, xiTilde and W0Tilde');
  return { d, n, m, mu: inputs.muTilde, xi: inputs.xiTilde, W0: inputs.W0Tilde };
}

/** The step context shared by both engines. */
export function stepContext(config: InfomaxConfig, inputs: InfomaxInputs, gramH: EncoderGram, gramG?: EncoderGram): StepContext {
  return {
    y: inputs.y,
    negatives: inputs.negatives,
    negativeOffsets: inputs.negativeOffsets,
    tau: config.tau,
    rate: config.eta / (config.n * config.m * config.tau),
    signalNorm2: gramH.a,
    noiseNorm2: gramH.q,
    signalNorm2Tilde: gramG?.a,
    noiseNorm2Tilde: gramG?.q,
  };
}

/**
 * The augmentation noise of steps 1, 2, … when config.resampleEps is set: the augmentation stream continued after
 * the first draw (inputs.eps, used at step 0). Both engines consume it identically.
 */
export function augmentationSequence(config: InfomaxConfig): () => Float64Array {
  const stream = createStreams(config.seed).augmentation;
  const size = config.n * config.d;
  stream.normal(size, config.sigmaEps); // the step-0 draw, already in inputs.eps
  return () => stream.normal(size, config.sigmaEps);
}

/** ξ_i + ϵ_i for all i (n×d). */
export function addArrays(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] + b[k];
  return out;
}
