/**
 * @mmcl/infomax: the model and dynamics of Huang et al. (NeurIPS 2024), single- and multi-modal InfoMax, with the
 * signal-learning (γ) and noise-memorisation (ρ) coefficients at every step. See docs/paper1.md for the map from the
 * paper's equations to these functions, and docs/run-directory.md for the files `mmcl run` writes.
 */
export type * from './types.js';
export { ConfigError, defaultConfig, resolveConfig } from './config.js';
export { generateInputs, populationSampler } from './data.js';
export { simulate, type SimulateOptions, type SimulationOutput, type MultiModalOutput } from './simulate.js';
export { shapeTrajectory } from './shaped.js';
export { lossDivergence, type Divergence } from './divergence.js';
export { writeRunDirectory, RunDirectoryError } from './runDirectory.js';
export { readRunDirectory, type RunDirectory } from './readRunDirectory.js';
export { type EngineRun, type CoefficientState } from './engine.js';
/** Re-exported from @mmcl/autodiff, so `import { NumericalError } from '@mmcl/infomax'` keeps working. */
export { NumericalError } from '@mmcl/autodiff';
export { createReducedEngine } from './reduced.js';
export { createDenseEngine, type DenseEngineRun } from './dense.js';
// Coefficients three ways: recursion (Lemma 5.1 / 5.3), least squares, reduced Gram-space dynamics.
export { coefficientIncrement, type CoefficientIncrement } from './recursion.js';
export { singleModalStep, multiModalStep, stepBuffers, type PreActivations, type StepBuffers, type StepContext, type StepOutcome, type TermBuffers } from './dynamics.js';
export { anchorActivations, emptyActivations, infoNceTerm, relu, type AnchorActivations, type PartnerActivations, type TermProbabilities } from './infonce.js';
export { leastSquaresSolver, type LeastSquaresResult, type LeastSquaresSolver } from './leastSquares.js';
// Gram-space helpers: ⟨w_r^(t), v⟩ and ‖W − W'‖_F² from (γ, ρ) without d-dimensional work.
export {
  encoderGram, projectTargets, innerProducts, coefficientNormSquared, weightsFromCoefficients, scaledNoise,
  type EncoderData, type EncoderGram, type Projections,
} from './gram.js';
export { encoderData } from './engine.js';
// Sign sets and levels of the lemmas (spec §5.4).
export {
  currentProjections, neuronSignSets, sampleSignSets, signalLevels, noiseLevels, jointNoise, intersectMasks,
  type NeuronSignSets, type SampleSignSets,
} from './signsets.js';
export { signalLearning, noiseMemorization, type SignalDefinition, type NoiseDefinition } from './summary.js';
// Downstream evaluation.
export { embedTestSamples, fitLogisticProbe, probeAccuracy, evaluateProbe, type ProbeHead } from './probe.js';
export { populationError } from './population.js';
// Optimizers (spec optimizers.md): update rules, schedules, minibatches, and the extended Gram-space state.
export { sgdStep, type SgdOptions, type SgdState } from './optimizers/sgd.js';
export { adamStep, type AdamOptions, type AdamState } from './optimizers/adam.js';
export { rmspropStep, type RmspropOptions, type RmspropState } from './optimizers/rmsprop.js';
export { signGdStep, type SignGdOptions } from './optimizers/signgd.js';
export { decoupledDecay } from './optimizers/decay.js';
export { learningRate, learningRateFactor } from './optimizers/schedule.js';
export { batchSequence, batchNegatives } from './optimizers/batches.js';
export { OPTIMIZER_NAMES, isCoordinateWise, defaultOptimizer } from './optimizers/config.js';
export { trainingPlan, type TrainingPlan, type StepPlan, type UpdateRule } from './optimizers/plan.js';
export { coefficientVector, applyIncrement, type CoefficientVector } from './optimizers/coefficients.js';
export {
  compareOptimizers, comparisonRuns, comparisonRows, comparisonMarkdown, comparisonCsv, runSeries, DEFAULT_OPTIMIZER_SET, OPTIMIZER_PRESETS,
  type OptimizerSetting, type ComparisonRun, type ComparisonRow, type RunSeries, type MeanSd,
} from './optimizers/comparison.js';
// The Gram-space sampler (../shared/spec/gram-sampler.md): inputs as Gram blocks, exact in distribution, any d.
export { gammaDraw, chiSquareDraw } from './gamma.js';
export { sampleGramInputs, sampleGramBlock, wishartSample, type FixedVector, type GaussianRows } from './gramSampler.js';
export { encoderSources, gramEncoder, gramProjections, type EncoderSources } from './gramSources.js';
export { gramPopulationError, weightGram } from './gramPopulation.js';
// Experiments as library functions (mmcl fig1 and mmcl phase run the same plans on worker threads).
export { summarizeRun, aggregate, type RunSummary, type SeriesSummary } from './experiments/series.js';
export {
  figure1, figure1Runs, figure1Curves, FIGURE1_MODES,
  type Figure1Options, type Figure1Run, type Figure1Curve, type Figure1Result,
} from './experiments/figure1.js';
export {
  phaseSweep, phasePoints, pointConfig, phaseResult, phaseCells, axisValues, PHASE_DEFAULT_STEPS,
  type GridAxis, type PhaseGrid, type PhasePoint, type PhaseResult, type PhaseCellSummary, type PhaseSweepResult,
} from './experiments/phase.js';
