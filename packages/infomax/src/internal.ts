/**
 * @mmcl/infomax/internal: the building blocks behind the public face of @mmcl/infomax, for @mmcl/theory (which
 * re-derives the dynamics independently), the CLI's worker plans, the tests and the benchmarks. Not a stable API:
 * names here may change in any release. Import the public face from `@mmcl/infomax`.
 * @module
 */
export { populationSampler } from './data.js';
export { shapeTrajectory, flatTrajectory } from './shaped.js';
export { lossDivergence, type Divergence } from './divergence.js';
export { type EngineRun, type CoefficientState, type StepReport, encoderData } from './engine.js';
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
// Sign sets and levels of the lemmas (spec §5.4).
export {
  currentProjections, neuronSignSets, sampleSignSets, signalLevels, noiseLevels, jointNoise, intersectMasks,
  type NeuronSignSets, type SampleSignSets,
} from './signsets.js';
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
export { isCoordinateWise, defaultOptimizer } from './optimizers/config.js';
export { trainingPlan, type TrainingPlan, type StepPlan, type UpdateRule } from './optimizers/plan.js';
export { coefficientVector, applyIncrement, type CoefficientVector } from './optimizers/coefficients.js';
export { comparisonRuns, comparisonRows, runSeries } from './optimizers/comparison.js';
// The Gram-space sampler (../shared/spec/gram-sampler.md): inputs as Gram blocks, exact in distribution, any d.
export { gammaDraw, chiSquareDraw } from './gamma.js';
export { sampleGramInputs, sampleGramBlock, wishartSample, type FixedVector, type GaussianRows } from './gramSampler.js';
export { encoderSources, gramEncoder, gramProjections, type EncoderSources } from './gramSources.js';
export { gramPopulationError, weightGram } from './gramPopulation.js';
// The steps of the experiments, for the CLI's worker threads and shards.
export { figure1Runs, figure1Curves } from './experiments/figure1.js';
export { phasePoints, pointConfig, phaseResult, phaseCells, axisValues } from './experiments/phase.js';
// The files of a run directory, written into a staging folder the caller owns (`mmcl run`).
export { writeRunContents } from './runDirectory.js';
