/**
 * @mmcl/theory: the assumptions, lemmas and theorems of Huang et al. (NeurIPS 2024) checked along trajectories of
 * @mmcl/infomax. Every check is a pure function of a SimulationResult (through a TrajectoryContext), returning the
 * statement, whether it held, the tightest margin and where. See docs/theory.md.
 *
 * The margin tracker, the independent re-derivation of the dynamics in weight space, and the formatting and
 * statistical helpers behind the checks are exported from `@mmcl/theory/internal` (not a stable API).
 * @module
 */
export type * from './types.js';
export { TheoryInputError } from './errors.js';
export { checkAssumptions, type AssumptionOptions } from './assumptions.js';
export { stageOneTime, convergenceTimeOrder, signalToNoise, modalityRatio, noiseRate, typicalNegatives } from './stageTimes.js';
export { trajectoryContext, defaultCheckOptions, type TrajectoryContext, type EncoderTrack, type CheckOptions, type StepTerm } from './context.js';
export { PROOF_CONSTANTS, proofConstant, type ProofConstant } from './constants.js';
export { checkDecomposition, checkEngineAgreement } from './checks/decomposition.js';
export { checkDataModel } from './checks/dataModel.js';
export { checkProjectionProxies } from './checks/proxy.js';
export { checkSignInvarianceSingle, checkSignInvarianceMulti } from './checks/signs.js';
export { checkDeadNeuronsSingle, checkDeadNeuronsMulti } from './checks/deadNeurons.js';
export { checkLossDerivatives } from './checks/lossDerivatives.js';
export { checkGrowthSingle, checkGrowthMulti } from './checks/growth.js';
export { checkSeparationSingle, checkSeparationMulti } from './checks/separation.js';
export { checkCoefficientBound, checkGradientBound, checkConvergence } from './checks/secondStage.js';
export { checkTheorems } from './checks/theorems.js';
export { verify, verifyTrajectory, type VerifyOptions, type VerifyReport } from './verify.js';
export { renderTable, renderMarkdown, reportToJson } from './report.js';
export { configInsideAssumptions, type RegimeParameters } from './regime.js';
export { optimizerScope, type OptimizerScope } from './optimizerScope.js';
