/**
 * @mmcl/theory: the assumptions, lemmas and theorems of Huang et al. (NeurIPS 2024) checked along trajectories of
 * @mmcl/infomax. Every check is a pure function of a SimulationResult (through a TrajectoryContext), returning the
 * statement, whether it held, the tightest margin and where. See docs/theory.md.
 */
export type * from './types.js';
export { TheoryInputError } from './errors.js';
export { checkAssumptions, type AssumptionOptions } from './assumptions.js';
export { stageOneTime, convergenceTimeOrder, signalToNoise, modalityRatio, noiseRate, typicalNegatives } from './stageTimes.js';
export { trajectoryContext, defaultCheckOptions, type TrajectoryContext, type EncoderTrack, type CheckOptions, type StepTerm } from './context.js';
export { MarginTracker, VACUOUS_FACTOR, type BoundDirection } from './margin.js';
export { PROOF_CONSTANTS, proofConstant, type ProofConstant } from './constants.js';
export { checkDecomposition, checkEngineAgreement, WEIGHT_SPACE_BUDGET } from './checks/decomposition.js';
export { paperBasis, paperPreActivations, paperStep, type PaperBasis, type PaperPreActivations, type PaperStep } from './paperDynamics.js';
export { weightSpace, rebuildWeights, type WeightSpace } from './weightSpace.js';
export { checkDataModel, zThreshold, STATISTICAL_LEVEL } from './checks/dataModel.js';
export { checkProjectionProxies } from './checks/proxy.js';
export { checkSignInvarianceSingle, checkSignInvarianceMulti } from './checks/signs.js';
export { checkDeadNeuronsSingle, checkDeadNeuronsMulti } from './checks/deadNeurons.js';
export { checkLossDerivatives, estimateLossConstant, type LossConstantEstimate } from './checks/lossDerivatives.js';
export { checkGrowthSingle, checkGrowthMulti } from './checks/growth.js';
export { checkSeparationSingle, checkSeparationMulti } from './checks/separation.js';
export { checkCoefficientBound, checkGradientBound, checkConvergence, distanceToComparator } from './checks/secondStage.js';
export { checkTheorems } from './checks/theorems.js';
export { verify, verifyTrajectory, type VerifyOptions, type VerifyReport } from './verify.js';
export { renderTable, renderMarkdown, reportToJson, formatLocation, formatSlack } from './report.js';
export { configInsideAssumptions, type RegimeParameters } from './regime.js';
export { optimizerScope, scopeChecks, type OptimizerScope } from './optimizerScope.js';
