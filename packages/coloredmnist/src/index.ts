/**
 * @mmcl/coloredmnist: Table 1 of Huang et al. (2024) on real MNIST digits (spec: paper1.md §7.2): a spurious colour
 * breaks single-modal contrastive learning but not multi-modal learning. Colours the digits by the paper's protocol,
 * trains a single-modal (SimCLR-style) and a multi-modal (CLIP-style) image encoder, freezes each, fits a linear
 * probe on the training distribution and scores it on a test set whose colour correlation is reversed.
 * See docs/coloredmnist.md; `mmcl coloredmnist` adds the output folder, progress bar, Ctrl-C and --resume.
 */
export {
  runColoredMnist, prepareData, experimentEncoder, MODALITIES,
  type ColoredMnistData, type ColoredMnistResult, type ProbeScores, type ExperimentHooks,
} from './experiment.js';
export {
  parseColoredMnistConfig, ColoredMnistConfigError, DEFAULT_CONFIG, TINY_CONFIG, type ColoredMnistConfig,
} from './config.js';
export { PAPER_TABLE1, table1Markdown, table1Csv } from './table.js';
export { minibatchesPerEpoch, type EncoderRun, type Modality } from './train.js';
export { checkpointRun, restoreRun, type RunCheckpoint } from './checkpoint.js';
export type { ImageEncoder, EncoderKind } from './imageEncoder.js';
export type { CaptionDigit } from './batch.js';
export type { Probe } from './probe.js';
export type { ColouredSet } from './colour.js';
export type { DigitSet } from './digits.js';
