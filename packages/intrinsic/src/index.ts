/**
 * @mmcl/intrinsic: the experiments and checks of Gui, Ma & Ma (2025), "Multi-modal contrastive learning adapts
 * to intrinsic dimensions of shared latent variables" (spec: paper2.md).
 */
export { IntrinsicInputError } from './errors.js';
/** Re-exported from @mmcl/autodiff, so `import { NumericalError } from '@mmcl/intrinsic'` keeps working. */
export { NumericalError } from '@mmcl/autodiff';
export type { PointCloud } from './points.js';
export { mleDimension, type MleOptions, type MleResult, type MleCombination } from './mle.js';
export { twoNnDimension, type TwoNnOptions } from './twonn.js';
export { decomposeLoss, type FiniteJoint, type LossDecomposition } from './decomposition.js';
export { symmetricInfoNce, type InfoNceResult } from './infonce.js';
export { generatePairs, sliceRows, type Link, type PairedData, type SyntheticOptions, type RandomSource } from './data.js';
export { DEFAULT_ADAM, adamStep, createAdamState, type AdamOptions, type AdamState } from './adam.js';
export { DEFAULT_STEP_CONFIG, resolveStepConfig, temperatureOf, initialLogTemperature, type StepConfig, type StepConfigOptions, type Similarity } from './config.js';
export { mlpWidths, mlpParameters, mlpApply, type Mlp, type DenseLayer, type LayerParameters } from './mlp.js';
export { encode, type Encoded } from './encoder.js';
export { modelView, initModel, type ModelShape, type ContrastiveModel } from './model.js';
export {
  ContrastiveStep, contrastiveLoss, contrastiveParameters, type StepStats, type StepOptions, type ReferenceSet, type ContrastiveParameters, type ContrastiveParts,
} from './step.js';
export { trainModel, type TrainOptions, type TrainingHistory } from './train.js';
export { trainSteps, type TrainStepsInput, type TrainStepsResult, type LayerWeights } from './trainSteps.js';
export { represent } from './represent.js';
export { retrievalAccuracy, similaritySummary, normSummary, discretisedMutualInformation, type SimilaritySummary } from './metrics.js';
export { runExperiment, type ExperimentOptions, type ExperimentResult } from './experiment.js';
export {
  idSweep, runIdSweepRun, idSweepRuns, summariseIdSweep, estimateStepMilliseconds, PAPER_ID_SWEEP, QUICK_ID_SWEEP, PAPER_OUTPUT_DIMS,
  type IdSweepSettings, type IdSweepRun, type IdSweepRunResult, type IdSweepSummaryRow, type IdSweepResult,
} from './idSweep.js';
