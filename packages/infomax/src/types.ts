/**
 * The public data contract of the paper-1 engine (Huang et al., NeurIPS 2024).
 *
 * Every array is a row-major Float64Array; shapes are given in the comments. Other packages (theory, cli,
 * benchmarks) build on these types, so changes here are API changes: extend, do not rename.
 */

import type ndarray from 'ndarray';

/**
 * "single": one encoder h trained with an augmented positive; "multi": encoders h and g trained jointly.
 * @category Configuration and results
 */
export type Mode = 'single' | 'multi';

/**
 * "dense": weights in R^{m×d}, gradients from @mmcl/autodiff; "reduced": exact dynamics in (γ, ρ) space.
 * @category Configuration and results
 */
export type Engine = 'dense' | 'reduced';

/**
 * A fully resolved configuration: every default filled in. Keys are the camelCase names of the paper's symbols.
 * Defaults are the Figure-1 configuration of spec §7.1 (d = 2000, n = 100, m = 50, 200 steps, η = 0.01,
 * τ = 0.1, σ_0 = 0.01, σ_ξ = 1, σ_ϵ = 0.1, ‖µ‖ = 5, ‖µ~‖ = 15).
 * @category Configuration and results
 */
export interface InfomaxConfig {
  mode: Mode;
  /** Patch dimension d (= d~). */
  d: number;
  /** Number of training samples n. */
  n: number;
  /** Width m (= embedding dimension). */
  m: number;
  /** Number of full-batch gradient-descent steps T; trajectories hold T + 1 points. */
  steps: number;
  /** Learning rate η. */
  eta: number;
  /** Temperature τ. */
  tau: number;
  /** Initialisation scale σ_0 of both encoders. */
  sigma0: number;
  /** Noise scale σ_ξ (= σ_ξ~). */
  sigmaXi: number;
  /** Augmentation noise scale σ_ϵ (single-modal only). */
  sigmaEps: number;
  /** ‖µ‖. */
  muNorm: number;
  /** ‖µ~‖ = C_µ ‖µ‖. */
  muTildeNorm: number;
  /** "all": every opposite-label sample; a number M: a fixed seeded subset of M opposite-label samples. */
  negatives: 'all' | number;
  /** Redraw ϵ every step instead of once per sample (spec §1.3 option). */
  resampleEps: boolean;
  engine: Engine;
  /** Master seed; the data, initialisation, augmentation and negative-sampling streams are split from it. */
  seed: number;
  /** Evaluate the downstream probe every this many steps (and at t = 0 and t = T). */
  evalEvery: number;
  /** Number of OOD test samples (first half fits the probe, second half scores it; spec §7.1). */
  nTest: number;
  /** "experiment": ν parallel to µ as in Figure 1; "theory": ν nearly orthogonal to µ as in §1.4. */
  testNu: 'experiment' | 'theory';
  /** ‖ν‖ (Figure 1: 2). */
  nuNorm: number;
  /** µ = muNorm · e_muAxis (Figure 1: axis 0, µ = [5, 0, …]). */
  muAxis: number;
  /** µ~ = muTildeNorm · e_muTildeAxis (Figure 1: axis 1, µ~ = [0, 15, 0, …]). */
  muTildeAxis: number;
  /** The probe is fitted on the first probeTrainSize OOD samples and scored on the rest (spec §7.1: 100 of 200). */
  probeTrainSize: number;
  /** Inverse L2 strength C of the logistic probe: ½‖w‖² + C Σ log-loss, intercept unpenalised (spec §7.1: 1). */
  probeC: number;
  /** Fresh D_test samples for the population 0-1 error of the final probe (0 disables it). */
  populationSamples: number;
  /** The optimizer (spec optimizers.md); the default is the paper's full-batch GD. */
  optimizer: OptimizerConfig;
  /**
   * "axis": µ = muNorm · e_muAxis, µ~ = muTildeNorm · e_muTildeAxis (Figure 1); "random": µ and µ~ along seeded random
   * unit directions (coordinate-wise optimizers are not rotation invariant; spec optimizers.md §3).
   */
  muDirection: 'axis' | 'random';
  /**
   * "explicit": draw the d-dimensional vectors; "gram": draw only their inner products, exactly in distribution
   * (../shared/spec/gram-sampler.md), in O(k³) work whatever d is. Reduced engine only.
   */
  sampler: Sampler;
}

/**
 * The optimizers of spec optimizers.md: the span-preserving PyTorch SGD family and the coordinate-wise rest.
 * @category Configuration and results
 */
export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'signgd';

/**
 * A resolved optimizer: PyTorch semantics (torch.optim.SGD / Adam / AdamW / RMSprop) and sign descent, with
 * minibatches, weight decay and a closed-form learning-rate schedule η_t = η · f(t) (η = config.eta). Only the keys
 * of the chosen optimizer and schedule are present.
 * @category Configuration and results
 */
export interface OptimizerConfig {
  name: OptimizerName;
  /** SGD: momentum β ∈ [0, 1) (PyTorch semantics, dampening 0) and Nesterov's variant. */
  momentum?: number;
  nesterov?: boolean;
  /** Adam/AdamW: β1, β2 and the first-moment order ('lerp': PyTorch ≥ 2.0; 'classic': older releases). */
  beta1?: number;
  beta2?: number;
  momentOrder?: 'lerp' | 'classic';
  /** RMSProp: smoothing α. */
  alpha?: number;
  /** Adam/AdamW/RMSProp: ε. */
  epsilon?: number;
  /** Anchors per step: "full" (the paper's full batch) or B (seeded permutation per epoch, drop_last). */
  batchSize: 'full' | number;
  /** Negatives of a minibatch anchor: opposite-label samples in the batch ("batch") or in the whole set ("all"). */
  batchNegatives: 'batch' | 'all';
  /** λ ≥ 0: coupled (g + λW) or, with decoupledWeightDecay, W ← (1 − ηλ)W. */
  weightDecay: number;
  decoupledWeightDecay: boolean;
  /** η_t: constant; step η·stepFactor^⌊t/stepEvery⌋; cosine to minFactor·η over cosineSteps; warm-up for warmupSteps. */
  schedule: 'constant' | 'step' | 'cosine';
  stepEvery?: number;
  stepFactor?: number;
  cosineSteps?: number;
  minFactor?: number;
  warmupSteps: number;
}

/**
 * How the inputs are drawn: d-dimensional vectors, or their Gram matrix in distribution.
 * @category Configuration and results
 */
export type Sampler = 'explicit' | 'gram';

/**
 * The Gram matrix of one modality's vectors as drawn by the Gram sampler (run directory: inputs/gram.npy).
 * `index` names which rows are which: encoder h's block mu, nu, xi, eps (single-modal), w0, zeta; g's mu, xi, w0.
 * @category Configuration and results
 */
export interface GramBlock {
  /** Rows (= columns) of the matrix. */
  size: number;
  /** size×size, row-major: entry (i, j) = ⟨v_i, v_j⟩. */
  matrix: Float64Array;
  index: Record<string, { start: number; count: number }>;
}
/**
 * What simulate accepts: any subset of the configuration keys (and of the optimizer's), every omitted one taking
 * its Figure-1 default. A misspelt key fails the type check; at run time resolveConfig names it with a suggestion.
 * @category Configuration and results
 */
export type InfomaxConfigInput = Partial<Omit<InfomaxConfig, 'optimizer'>> & { optimizer?: Partial<OptimizerConfig> };

/**
 * The data and initial weights of one run (spec §1), as drawn from the seeded streams.
 * @category Configuration and results
 */
export interface InfomaxInputs {
  /** Labels in {−1, +1}, length n. */
  y: Float64Array;
  /** Signal vector µ, length d. */
  mu: Float64Array;
  /** Noise patches ξ_i, n×d. */
  xi: Float64Array;
  /** Augmentation noise ϵ_i, n×d (single-modal; the first draw when resampleEps is set). */
  eps: Float64Array;
  /** Initial weights W^(0), m×d. */
  W0: Float64Array;
  /** Multi-modal only: µ~ (length d), ξ~ (n×d), W~^(0) (m×d). */
  muTilde?: Float64Array;
  xiTilde?: Float64Array;
  W0Tilde?: Float64Array;
  /** Negative sets N_i as a flat list with offsets: N_i = negatives[offsets[i] .. offsets[i+1]). */
  negatives: Int32Array;
  negativeOffsets: Int32Array;
  /** The downstream OOD set (spec §1.4); always filled by generateInputs. */
  test?: TestSet;
  /**
   * Gram sampler only: the Gram block of encoder h's inputs (run directory: inputs/gram.npy) and, multi-modal, of
   * encoder g's (inputs/gram_tilde.npy). The d-dimensional fields (mu, xi, eps, W0, test.nu, test.zeta) are then
   * empty: nothing d-dimensional exists.
   */
  gram?: { h: GramBlock; g?: GramBlock };
}

/**
 * Downstream samples x_test,k = [y_k ν, ζ_k] (spec §1.4 / §7.1).
 * @category Configuration and results
 */
export interface TestSet {
  /** ν, length d. */
  nu: Float64Array;
  /** Labels y_k in {−1, +1}, length nTest. */
  y: Float64Array;
  /** Noise patches ζ_k, nTest×d. */
  zeta: Float64Array;
}

/**
 * Softmax probabilities of one InfoNCE term at one step (spec Eq. (8)), for checking Lemma C.2.
 * @category Configuration and results
 */
export interface StepProbabilities {
  /** ℓ'_i, length n. */
  positive: Float64Array;
  /** ℓ'_{i,j} in the order of InfomaxInputs.negatives (j ∈ N_i), length negatives.length. */
  negative: Float64Array;
}

/**
 * Coefficients of one encoder along the trajectory (spec §5.1), as flat row-major arrays: the form the engines fill
 * and {@link signalLearning} also accepts. A result holds them shaped, as an {@link EncoderTrajectory}, whose
 * `gamma.data`, `rho.data` and `a` are these arrays (no copy).
 * @category Configuration and results
 */
export interface CoefficientTrajectory {
  /** γ_r^(t): (T+1)×m. */
  gamma: Float64Array;
  /** ρ_{r,i}^(t): (T+1)×m×n. */
  rho: Float64Array;
  /**
   * a_t, the coefficient of W^(0) (length T+1): W^(t) = a_t W^(0) + γ µ/‖µ‖² + Σ ρ ξ/‖ξ‖². 1 throughout without
   * weight decay; γ, ρ are relative to a_t W^(0).
   */
  a?: Float64Array;
}

/**
 * γ of one encoder as a float64 `ndarray` view of shape (T+1)×m with named axes t (step 0..T) and r (neuron):
 * `gamma.get(t, r)` = γ_r^(t). `gamma.data` is the flat row-major array (no copy).
 * @category Configuration and results
 */
export interface GammaTrajectory extends ndarray.NdArray<Float64Array> {
  /** The axis names, in order. */
  readonly dims: readonly ['t', 'r'];
  /** γ_r^(t). */
  get(t: number, r: number): number;
}

/**
 * ρ of one encoder as a float64 `ndarray` view of shape (T+1)×m×n with named axes t, r and i (training sample):
 * `rho.get(t, r, i)` = ρ_{r,i}^(t). `rho.data` is the flat row-major array (no copy).
 * @category Configuration and results
 */
export interface RhoTrajectory extends ndarray.NdArray<Float64Array> {
  /** The axis names, in order. */
  readonly dims: readonly ['t', 'r', 'i'];
  /** ρ_{r,i}^(t). */
  get(t: number, r: number, i: number): number;
}

/**
 * The coefficients of one encoder (h or g, the paper's names) along the trajectory, shaped: the same numbers as a
 * {@link CoefficientTrajectory}, viewed without copying. For speed, `gamma.data` and `rho.data` are the flat
 * row-major arrays: `run.h.rho.data[(t * m + r) * n + i]` = `run.h.rho.get(t, r, i)`.
 * @category Configuration and results
 */
export interface EncoderTrajectory {
  /** γ_r^(t) (for g: γ~_r^(t)), (T+1)×m. */
  gamma: GammaTrajectory;
  /** ρ_{r,i}^(t) (for g: ρ~_{r,i}^(t)), (T+1)×m×n. */
  rho: RhoTrajectory;
  /**
   * a_t, the coefficient of W^(0) (length T+1): W^(t) = a_t W^(0) + γ µ/‖µ‖² + Σ ρ ξ/‖ξ‖². 1 throughout without
   * weight decay, and taken as 1 when absent.
   */
  a?: Float64Array;
}

/**
 * A complete simulated trajectory, independent of the file system.
 * @category Configuration and results
 */
export interface SimulationResult {
  config: InfomaxConfig;
  inputs: InfomaxInputs;
  /** Training loss L(W^(t)) (multi-modal: the sum of both directional terms), length T+1. */
  loss: Float64Array;
  /** Encoder h (weights W): `run.h.gamma.get(t, r)`, `run.h.rho.get(t, r, i)`; the flat arrays are `.data`. */
  h: EncoderTrajectory;
  /** Encoder g (weights W~), multi-modal only: γ~ and ρ~ shaped the same way. */
  g?: EncoderTrajectory;
  /** Steps at which the downstream probe was evaluated, and its test accuracy there. */
  evalSteps: Int32Array;
  testAccuracy: Float64Array;
  /** Wall time of the run in milliseconds (not part of any bitwise comparison). */
  wallTimeMs: number;
  /** Which engine produced the run (= config.engine). */
  engine?: Engine;
  /** Population 0-1 error of the final probe on config.populationSamples fresh D_test samples (NaN when disabled). */
  populationError?: number;
  /**
   * Dense engine: the span residual ‖(W − a W^(0)) − projection‖_F / ‖W − a W^(0)‖_F on span{µ, ξ_i} per encoder at
   * the evaluation steps (0 when W = a W^(0)); ≤ 1e-12 for the span-preserving optimizers (spec optimizers.md §3).
   */
  spanResidual?: { h: Float64Array; g?: Float64Array };
  /** Minibatch runs: the anchor batch S_t of every step (steps×B, sorted), for replays. */
  batches?: Int32Array;
  /** Per-step softmax probabilities (simulate option recordProbabilities): `h` of the h-anchored term ℓ', `g` of ℓ~'. */
  probabilities?: { h: StepProbabilities[]; g?: StepProbabilities[] };
}
