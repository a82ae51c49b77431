/**
 * @mmcl/intrinsic/internal: the pieces behind the public face of @mmcl/intrinsic (MLP layers, the encoder pass, flat
 * parameter views, the loss as a function of a flat parameter vector, the fixed-size training loop), for the tests
 * and benchmarks. Not a stable API: names here may change in any release. Import from `@mmcl/intrinsic`.
 * @module
 */
export { sliceRows } from './data.js';
export { mlpWidths, mlpParameters, mlpApply } from './mlp.js';
export { encode, type Encoded } from './encoder.js';
export { modelView } from './model.js';
export { contrastiveLoss, contrastiveParameters } from './step.js';
export { trainSteps, type TrainStepsInput, type TrainStepsResult, type LayerWeights, type Matrix } from './trainSteps.js';
// The steps of the idsweep experiment, for the CLI's worker threads and shards.
export { idSweepRuns, runIdSweepRun, estimateStepMilliseconds } from './idSweep.js';
