/**
 * @mmcl/infomax: the model and dynamics of Huang et al. (NeurIPS 2024), single- and multi-modal InfoMax, with the
 * signal-learning (γ) and noise-memorisation (ρ) coefficients at every step. See docs/paper1.md for the map from the
 * paper's equations to these functions, and docs/run-directory.md for the files `mmcl run` writes.
 *
 * This is the public face: configure, simulate, read and write run directories, summarise, and run the paper's
 * experiments. The engines, recursions, Gram-space helpers, sign sets, optimizer update rules and samplers behind
 * it are exported from `@mmcl/infomax/internal` (for @mmcl/theory, the CLI, tests and benchmarks; not a stable API).
 * @module
 */
export type * from './types.js';
export { ConfigError, defaultConfig, resolveConfig } from './config.js';
export { generateInputs } from './data.js';
export { simulate, type SimulateOptions, type SimulationOutput, type MultiModalOutput } from './simulate.js';
export { writeRunDirectory, RunDirectoryError } from './runDirectory.js';
export { readRunDirectory, type RunDirectory } from './readRunDirectory.js';
/** Re-exported from @mmcl/autodiff, so `import { NumericalError } from '@mmcl/infomax'` keeps working. */
export { NumericalError } from '@mmcl/autodiff';
export { signalLearning, noiseMemorization, type SignalDefinition, type NoiseDefinition } from './summary.js';
// Optimizers (spec optimizers.md): the names, the presets, and the comparison `mmcl optim` reports.
export { OPTIMIZER_NAMES } from './optimizers/config.js';
export {
  compareOptimizers, comparisonMarkdown, comparisonCsv, DEFAULT_OPTIMIZER_SET, OPTIMIZER_PRESETS,
  type OptimizerSetting, type ComparisonRun, type ComparisonRow, type RunSeries, type MeanSd,
} from './optimizers/comparison.js';
// Experiments as library functions (mmcl fig1 and mmcl phase run the same plans on worker threads).
export { summarizeRun, aggregate, type RunSummary, type SeriesSummary } from './experiments/series.js';
export {
  figure1, FIGURE1_MODES,
  type Figure1Options, type Figure1Run, type Figure1Curve, type Figure1Result,
} from './experiments/figure1.js';
export {
  phaseSweep, PHASE_DEFAULT_STEPS,
  type GridAxis, type PhaseGrid, type PhasePoint, type PhaseResult, type PhaseCellSummary, type PhaseSweepResult,
} from './experiments/phase.js';
