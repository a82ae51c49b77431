/**
 * @mmcl/theory/internal: the machinery behind the checks of @mmcl/theory (margin tracking, the independent
 * re-derivation of the paper's dynamics in weight space, statistical thresholds, report formatting), for the tests
 * and benchmarks. Not a stable API: names here may change in any release. Import the checks from `@mmcl/theory`.
 * @module
 */
export { MarginTracker, VACUOUS_FACTOR, type BoundDirection } from './margin.js';
export { WEIGHT_SPACE_BUDGET } from './checks/decomposition.js';
export { paperBasis, paperPreActivations, paperStep, type PaperBasis, type PaperPreActivations, type PaperStep } from './paperDynamics.js';
export { weightSpace, rebuildWeights, type WeightSpace } from './weightSpace.js';
export { zThreshold, STATISTICAL_LEVEL } from './checks/dataModel.js';
export { estimateLossConstant, type LossConstantEstimate } from './checks/lossDerivatives.js';
export { distanceToComparator } from './checks/secondStage.js';
export { formatLocation, formatSlack } from './report.js';
export { scopeChecks } from './optimizerScope.js';
