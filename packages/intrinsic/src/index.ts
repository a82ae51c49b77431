/**
 * @mmcl/intrinsic: the experiments and checks of Gui, Ma & Ma (2025), "Multi-modal contrastive learning adapts
 * to intrinsic dimensions of shared latent variables" (spec: paper2.md).
 *
 * The MLP layers, the encoder pass, flat parameter views and the fixed-size training loop used by benchmarks are
 * exported from `@mmcl/intrinsic/internal` (not a stable API).
 * @module
 */
export { IntrinsicInputError } from './errors.js';
/** Re-exported from @mmcl/autodiff, so `import { NumericalError } from '@mmcl/intrinsic'` keeps working. */
export { NumericalError } from '@mmcl/autodiff';
export type { PointCloud } from './points.js';
export { mleDimension, type MleOptions, type MleResult, type MleCombination } from './mle.js';
export { twoNnDimension, twoNnEstimate, type TwoNnOptions, type TwoNnResult } from './twonn.js';
export { uniqueRows, type UniqueRows } from './uniqueRows.js';
export {
  estimateDimension, UndefinedDimensionError, type DimensionEstimator, type DimensionReport, type EstimateDimensionOptions, type UndefinedReason,
} from './estimateDimension.js';
export { decomposeLoss, type FiniteJoint, type LossDecomposition } from './decomposition.js';
export { symmetricInfoNce, type InfoNceResult } from './infonce.js';
export { generatePairs, type Link, type PairedData, type SyntheticOptions, type RandomSource } from './data.js';
export { DEFAULT_ADAM, adamStep, createAdamState, type AdamOptions, type AdamState } from './adam.js';
export { DEFAULT_STEP_CONFIG, resolveStepConfig, temperatureOf, initialLogTemperature, type StepConfig, type StepConfigOptions, type Similarity } from './config.js';
export type { Mlp, DenseLayer, LayerParameters } from './mlp.js';
export { initModel, type ModelShape, type ContrastiveModel } from './model.js';
export {
  ContrastiveStep, type StepStats, type StepOptions, type ReferenceSet, type ContrastiveParameters, type ContrastiveParts,
} from './step.js';
export { trainModel, type TrainOptions, type TrainingHistory } from './train.js';
export { represent } from './represent.js';
export { retrievalAccuracy, similaritySummary, normSummary, discretisedMutualInformation, type SimilaritySummary } from './metrics.js';
export { runExperiment, type ExperimentOptions, type ExperimentResult } from './experiment.js';
export {
  idSweep, summariseIdSweep, PAPER_ID_SWEEP, QUICK_ID_SWEEP, PAPER_OUTPUT_DIMS,
  type IdSweepSettings, type IdSweepRun, type IdSweepRunResult, type IdSweepSummaryRow, type IdSweepResult, type SummarisedField,
} from './idSweep.js';
