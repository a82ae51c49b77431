/**
 * Memory estimates before allocating (issue #11): each command estimates what a configuration needs and refuses,
 * before any work, one that does not fit (one line naming the estimate, the machine's memory and the keys to
 * lower; `--max-memory GB` raises the limit). Without this, d = 1e8 allocates until the system kills the process and
 * d = 1e9 or steps = 1e6 end in V8's "Invalid typed array length".
 */
import { totalmem } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import type { InfomaxConfig } from '@mmcl/infomax';
import { CliError } from './errors.js';

const BYTES = 8; // float64
const GIB = 2 ** 30;
/** Share of the machine's memory a command may plan to use by default (the rest is for the system and Node). */
const DEFAULT_SHARE = 0.8;

/** An estimate in bytes and the configuration keys that drive it, largest contribution first. */
export interface MemoryEstimate {
  bytes: number;
  keys: string[];
}

/**
 * Peak memory of one paper-1 simulation, in bytes: the d-dimensional inputs and engine state (none when the Gram
 * sampler draws only inner products, spec gram-sampler.md), the recorded trajectories, and the probe's test set.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * // the d-dimensional arrays (inputs, weights, test set: 8 bytes × d per row) dominate
 * simulationMemory(resolveConfig({ d: 1e8 })).bytes.toPrecision(2); // → '1.4e+12'
 */
export function simulationMemory(config: InfomaxConfig): MemoryEstimate {
  const { d, n, m, steps, nTest } = config;
  const modalities = config.mode === 'multi' ? 2 : 1;
  // The Gram sampler never materialises a d-dimensional array; it holds its Gram blocks instead.
  const gram = config.sampler === 'gram';
  const rows = modalities * (n + m) + n + nTest + 4 + (config.engine === 'dense' ? modalities * (2 * m + n + 1) : m)
    + (config.populationSamples > 0 ? Math.min(config.populationSamples, 1000) : 0) + Math.max(n, nTest);
  const dimensional = gram ? 0 : BYTES * d * rows;
  const trajectories = BYTES * (steps + 1) * (modalities * m * (n + 1) + 1);
  const gramState = BYTES * modalities * (n + m + 1) * (n + m + 1) * 4;
  const blocks = gram ? gramBlockMemory(config) : 0;
  const keys = blocks > Math.max(dimensional, trajectories) ? ['nTest', 'n', 'm', 'steps'] : dimensional >= trajectories ? ['d', 'n', 'nTest', 'steps'] : ['steps', 'm', 'n', 'd'];
  return { bytes: dimensional + trajectories + gramState + blocks, keys: gram ? keys.filter((k) => k !== 'd') : keys };
}

/**
 * Peak memory of the Gram sampler's blocks (gramSampler.ts sampleGramInputs), in bytes. Each block of k Gaussian
 * rows and f fixed vectors holds its (k + f)² Gram matrix, built from k×k Bartlett factor and Wishart matrices and a
 * k×2 Z_F; writing the run directory encodes one more copy of the matrix. Single-modal: one block with
 * k = 2n + m + nTest Gaussian rows (ξ, ϵ, w⁽⁰⁾, ζ) and f = 2 (µ, ν), so 2n + m + nTest + 2 rows; multi-modal: k = n + m
 * + nTest with f = 2, and a second block of k = n + m with f = 1 (µ~).
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * gramBlockMemory(resolveConfig({ d: 1e12, sampler: 'gram' })) < 2 ** 30; // → true
 */
export function gramBlockMemory(config: InfomaxConfig): number {
  const { n, m, nTest } = config;
  const blocks: Array<[number, number]> = config.mode === 'multi' ? [[n + m + nTest, 2], [n + m, 1]] : [[2 * n + m + nTest, 2]];
  return blocks.reduce((total, [k, fixed]) => total + BYTES * (2 * (k + fixed) ** 2 + 2 * k * k + 2 * k), 0);
}

/** Adds --max-memory to `command`. */
export function addMemoryOption(command: Command): Command {
  return command.option('--max-memory <GB>', `the most memory a run may plan to use, in GiB (default ${Math.floor((DEFAULT_SHARE * totalmem()) / GIB)}: ${DEFAULT_SHARE * 100}% of this machine)`);
}

/** Parses --max-memory (GiB) into bytes; the default is a share of the machine's memory. */
export function memoryLimit(maxMemory: unknown): number {
  if (maxMemory === undefined) return DEFAULT_SHARE * totalmem();
  const value = typeof maxMemory === 'number' ? maxMemory : Number(String(maxMemory).trim() === '' ? Number.NaN : maxMemory);
  if (!Number.isFinite(value) || value <= 0) {
    throw new CliError('--max-memory', `must be a positive number of GiB (got ${JSON.stringify(maxMemory)})`, 'pass e.g. --max-memory 16');
  }
  return value * GIB;
}

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 40) return `${(bytes / 2 ** 40).toPrecision(3)} TiB`;
  if (bytes >= GIB) return `${(bytes / GIB).toPrecision(3)} GiB`;
  return `${(bytes / 2 ** 20).toPrecision(3)} MiB`;
}

/**
 * Refuses (exit 2, field `memory`) when `estimate` × `concurrent` exceeds the limit. `flag` spells a key as the
 * user sets it (`--d` for fig1, `d` in a CONFIG.json).
 */
export function checkMemory(
  estimate: MemoryEstimate,
  options: { maxMemory?: unknown; concurrent?: number; flag?: (key: string) => string; where?: string; workers?: boolean },
): void {
  const limit = memoryLimit(options.maxMemory);
  const concurrent = options.concurrent ?? 1;
  const total = estimate.bytes * concurrent;
  if (total <= limit) return;
  const flag = options.flag ?? ((key: string) => key);
  const keys = estimate.keys.map(flag);
  if (options.workers && concurrent > 1) keys.push('--workers');
  const each = concurrent > 1 ? ` (${concurrent} runs at once, ${formatBytes(estimate.bytes)} each)` : '';
  throw new CliError(
    'memory',
    `this configuration needs about ${formatBytes(total)}${each}, more than the limit of ${formatBytes(limit)} (this machine has ${formatBytes(totalmem())})`,
    `lower ${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}${options.where ? ` in ${options.where}` : ''}, or raise the limit with --max-memory GB`,
  );
}

/** The zod shape of --max-memory (GiB, checked by memoryLimit). */
export const memoryShape = { maxMemory: z.union([z.string(), z.number()]).optional() };

/** Sizes of one `mmcl idsweep` run (spec paper2.md §5.1): the rows of each set, the MLP and the largest d. */
export interface IdSweepSizes {
  trainRows: number;
  referenceRows: number;
  testRows: number;
  batchSize: number;
  hidden: readonly number[];
  outputDim: number;
}

/** Inputs x and y of the synthetic pairs (spec §1: 20 coordinates each) and the latent z (5). */
const PAIR_COLUMNS = 20 + 20 + 5;

/**
 * Peak memory of one `mmcl idsweep` run: the paired data (drawn once, then sliced), a training step (batch and
 * reference rows through both MLPs, with the tape's pre-activations and gradients, and the B×B similarity matrix),
 * the evaluation (representations of the training rows for retrieval accuracy) and, largest at the paper's sizes,
 * the similarity summary's testRows × (testRows − 1) negatives and their sorted copy.
 *
 * @example
 * idsweepMemory({ trainRows: 2560, referenceRows: 500, testRows: 1000, batchSize: 256, hidden: [50, 50, 50], outputDim: 29 }).keys[0]; // '--test-rows'
 */
export function idsweepMemory(sizes: IdSweepSizes): MemoryEstimate {
  const { trainRows, referenceRows, testRows, batchSize, outputDim } = sizes;
  const widths = sizes.hidden.reduce((a, b) => a + b, 0) + outputDim;
  const terms: Array<[string, number]> = [
    ['--test-rows', BYTES * 2 * testRows * testRows + BYTES * 4 * testRows * outputDim],
    ['--train-rows', BYTES * 2 * (trainRows + referenceRows + testRows) * PAIR_COLUMNS + BYTES * 2 * trainRows * (widths + outputDim)],
    ['--reference-rows', BYTES * 2 * 4 * referenceRows * widths],
    ['--batch-size', BYTES * (2 * 4 * batchSize * widths + 3 * batchSize * batchSize)],
    ['--hidden', BYTES * 2 * 4 * (sizes.hidden.reduce((total, w, i) => total + w * (i === 0 ? 20 : sizes.hidden[i - 1]), 0) + outputDim * (sizes.hidden.at(-1) ?? 20))],
  ];
  return { bytes: terms.reduce((total, [, b]) => total + b, 0), keys: terms.sort((a, b) => b[1] - a[1]).map(([key]) => key) };
}

/** What `mmcl coloredmnist` allocates by size (a subset of its configuration). */
export interface ColoredMnistSizes {
  dataset: 'mnist10k' | 'mnist60k';
  trainSize: number;
  testSize: number;
  downsample: number;
  batchSize: number;
  encoder: 'mlp' | 'cnn';
  width: number;
  channels: number;
  embedDim: number;
}

/**
 * Peak memory of `mmcl coloredmnist`: the grey digits as loaded (28×28 float64, 10 000 or 70 000 of them) and
 * downsampled, a minibatch of coloured images (3 channels) through the encoder with the tape's activations and
 * gradients (MLP: width units; CNN: channels then 2·channels feature maps), the encoder's weights with Adam's two
 * moments, the 512-image evaluation chunks, and the embeddings of every image for the probe.
 *
 * @example
 * coloredMnistMemory({ dataset: 'mnist10k', trainSize: 5000, testSize: 5000, downsample: 2, batchSize: 256, encoder: 'mlp', width: 512, channels: 8, embedDim: 64 }).bytes < 2 ** 30; // true
 */
export function coloredMnistMemory(sizes: ColoredMnistSizes): MemoryEstimate {
  const side = 28 / sizes.downsample;
  const pixels = side * side;
  const loaded = sizes.dataset === 'mnist60k' ? 70_000 : 10_000;
  const images = sizes.trainSize + sizes.testSize;
  // Per image: the activations the encoder keeps (forward and tape), and the weights it multiplies them by.
  const activations = sizes.encoder === 'cnn' ? sizes.channels * pixels + 2 * sizes.channels * (pixels / 4) + sizes.embedDim : sizes.width + sizes.embedDim;
  const weights = sizes.encoder === 'cnn'
    ? 27 * sizes.channels + 9 * sizes.channels * 2 * sizes.channels + 2 * sizes.channels * (pixels / 16) * sizes.embedDim
    : 3 * pixels * sizes.width + sizes.width * sizes.embedDim;
  const unit = sizes.encoder === 'cnn' ? '--channels' : '--width';
  const terms: Array<[string, number]> = [
    ['--train-size', BYTES * (loaded * 784 + images * pixels + 4 * images * sizes.embedDim)],
    [unit, BYTES * 4 * (sizes.batchSize + 512) * activations + BYTES * 4 * 2 * weights],
    ['--batch-size', BYTES * 4 * (sizes.batchSize + 512) * 3 * pixels],
  ];
  const keys = terms.sort((a, b) => b[1] - a[1]).map(([key]) => key);
  if (sizes.downsample < 4) keys.push('raise --downsample');
  return { bytes: terms.reduce((total, [, b]) => total + b, 0), keys };
}

/**
 * Peak memory of `mmcl id` on an n×D file: the file's bytes, the float64 points, the deduplicated copy and its row
 * keys, the n×k neighbour distances and the per-point estimates (twice when the estimate without duplicates is also
 * computed).
 *
 * @example
 * idMemory({ rows: 2000, columns: 29, fileBytes: 464_128, k: 20 }).bytes; // ≈ 2 MB
 */
export function idMemory(sizes: { rows: number; columns: number; fileBytes: number; k: number }): MemoryEstimate {
  const { rows, columns, k } = sizes;
  const bytes = sizes.fileBytes + BYTES * 2 * rows * columns + rows * (BYTES * columns + 64) + BYTES * 2 * rows * (k + 2);
  return { bytes, keys: ['the rows in the file (save a subsample, e.g. X[::2])', '--k'] };
}
