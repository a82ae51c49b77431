/**
 * `mmcl idsweep`: the synthetic experiment of Gui, Ma & Ma (2025) (spec §5.1, §10). For every output dimension d
 * and repetition: draw the paired data, train both encoders with the symmetric InfoNCE and a learned (or fixed)
 * temperature, then measure on the test pairs the MLE intrinsic dimension of f(X) and g(Y), retrieval accuracy,
 * similarity distributions and norms. Figures: ID against d with the k* line and the d − 1 sphere bound, τ
 * trajectories, accuracy against d, positive/negative similarity histograms; CSV tables.
 *
 * Runs go to worker threads (idsweep-worker.ts) through the sweep mechanism of sweep/run.ts: resume, `--shard K/N`
 * and `mmcl merge` work as for the other sweeps.
 */
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import {
  PAPER_ID_SWEEP, QUICK_ID_SWEEP, summariseIdSweep,
  type IdSweepRunResult, type IdSweepSettings, type IdSweepSummaryRow, type Link,
} from '@mmcl/intrinsic';
import { estimateStepMilliseconds, idSweepRuns } from '@mmcl/intrinsic/internal';
import { numberField, positiveIntField, resolveOptions } from '../config.js';
import { CliError } from '../errors.js';
import { addMemoryOption, checkMemory, idsweepMemory, memoryShape } from '../memory.js';
import { addRunOptions, runOptionsShape } from '../options.js';
import { accuracySpec, idSpec, similaritySpec, tauSpec } from '../plots/idsweep-charts.js';
import { writeFigure } from '../plots/render.js';
import { parseShard, shardIndices, WHOLE } from '../sweep/shard.js';
import type { IdSweepTask } from '../idsweep-worker.js';
import { runSweep } from '../sweep/run.js';
import type { SweepKind } from '../sweep/merge.js';
import { runMerge } from './merge.js';
import { formatTable, meanSd, toCsv } from '../table.js';

/**
 * Defaults: the paper's settings (spec §5.1) with one repetition per d; --paper adds the 50 repetitions, --quick is
 * the minutes-long preset for demos and CI. Each preset changes only the flags left at their defaults.
 */
export const IDSWEEP_DEFAULTS = {
  dims: '1:29:2', reps: 1, epochs: PAPER_ID_SWEEP.epochs, trainRows: PAPER_ID_SWEEP.trainRows, referenceRows: PAPER_ID_SWEEP.referenceRows,
  testRows: PAPER_ID_SWEEP.testRows, lr: PAPER_ID_SWEEP.learningRate,
};
const PRESETS = {
  paper: { reps: PAPER_ID_SWEEP.reps },
  quick: {
    reps: QUICK_ID_SWEEP.reps, epochs: QUICK_ID_SWEEP.epochs, trainRows: QUICK_ID_SWEEP.trainRows,
    referenceRows: QUICK_ID_SWEEP.referenceRows, testRows: QUICK_ID_SWEEP.testRows, lr: QUICK_ID_SWEEP.learningRate,
  },
};
const LATENT_DIM = PAPER_ID_SWEEP.latentDim;

const schema = z.strictObject({
  dims: z.string(),
  reps: positiveIntField(),
  epochs: positiveIntField(),
  trainRows: positiveIntField(),
  referenceRows: positiveIntField(),
  testRows: positiveIntField(),
  batchSize: positiveIntField(),
  hidden: z.string().regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be a comma list of layer widths such as 50,50,50'),
  lr: numberField(),
  temperatureScale: numberField(),
  fixedTau: numberField().optional(),
  similarity: z.enum(['meanNorm', 'cosine']),
  link: z.enum(['linear', 'nonlinear', 'noise', 'correlated']),
  shuffle: z.boolean(),
  seed: positiveIntField(),
  paper: z.boolean(),
  quick: z.boolean(),
  merge: z.boolean(),
  shard: z.string().optional(),
  ...runOptionsShape,
  ...memoryShape,
});
export type Options = z.infer<typeof schema>;

// The worker has the extension of this file: .ts in a source checkout (run through tsx), .js once built.
const IDSWEEP_WORKER = new URL(`../idsweep-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** What a worker sends back (plain JSON): the library's per-run result. */
export type RunResult = IdSweepRunResult;
export type SummaryRow = IdSweepSummaryRow;

export function register(program: Command): void {
  const command = program
    .command('idsweep')
    .description(
      'Intrinsic dimension of learned representations against the output dimension d (Gui, Ma & Ma 2025, spec §5.1): ' +
        'id-vs-d.svg, tau.svg, accuracy.svg, similarities.svg, idsweep.csv, idsweep-summary.csv.',
    )
    .option('--dims <list>', 'output dimensions: start:end:step or a comma list (the code grid is 1,4,7,10,13,16,19,22,25,28,31,34,37,40,44)', IDSWEEP_DEFAULTS.dims)
    .addOption(new Option('--reps <n>', 'repetitions per d (fresh data and networks each)').default(IDSWEEP_DEFAULTS.reps))
    .addOption(new Option('--epochs <n>', 'training epochs').default(IDSWEEP_DEFAULTS.epochs))
    .addOption(new Option('--train-rows <n>', 'training pairs n').default(IDSWEEP_DEFAULTS.trainRows))
    .addOption(new Option('--reference-rows <n>', 'reference pairs for the mean-norm normaliser').default(IDSWEEP_DEFAULTS.referenceRows))
    .addOption(new Option('--test-rows <n>', 'test pairs').default(IDSWEEP_DEFAULTS.testRows))
    .addOption(new Option('--batch-size <n>', 'batch size B').default(256))
    .option('--hidden <widths>', 'hidden layer widths of both MLP encoders (the paper\'s "deep" encoder: 50,50,50)', '50,50,50')
    .addOption(new Option('--lr <x>', 'Adam learning rate (paper 1e-4)').default(IDSWEEP_DEFAULTS.lr))
    .addOption(new Option('--temperature-scale <c>', 'c in τ = exp(c·s) + 1e-4 (code 4; the paper text implies 10)').default(4))
    .option('--fixed-tau <tau>', 'control: keep τ fixed at this value instead of learning it')
    .addOption(new Option('--similarity <kind>', 'meanNorm (paper) or cosine (ablation)').choices(['meanNorm', 'cosine']).default('meanNorm'))
    .addOption(new Option('--link <kind>', 'data: linear, nonlinear, noise (X ⊥ Y) or correlated (ρ = 0.9)').choices(['linear', 'nonlinear', 'noise', 'correlated']).default('linear'))
    .option('--shuffle', 'reshuffle the training rows every epoch (the paper uses a fixed order)', false)
    .addOption(new Option('--seed <n>', 'base seed; run (d, rep) uses seed + 1000·rep + d').default(2024))
    .option('--paper', `the paper's ${PAPER_ID_SWEEP.reps} repetitions per d (the other defaults are already the paper's); prints the expected run time first`, false)
    .option('--quick', `minutes, not hours: ${QUICK_ID_SWEEP.epochs} epochs, n = ${QUICK_ID_SWEEP.trainRows}, ${QUICK_ID_SWEEP.referenceRows} reference and ${QUICK_ID_SWEEP.testRows} test rows, lr ${QUICK_ID_SWEEP.learningRate} (demos, CI)`, false)
    .option('--shard <K/N>', 'run only the K-th of N shares of the runs into OUT/shard-K-of-N (for cluster job arrays)')
    .option('--merge', 'combine the finished shards in --out into OUT/merged (figures and tables)', false);
  addRunOptions(command, 'runs/idsweep');
  addMemoryOption(command);
  command.action(async (options: Record<string, unknown>, self: Command) => {
    const resolved = resolveOptions(self, options, schema);
    if (resolved.paper && resolved.quick) throw new CliError('--quick', 'cannot be combined with --paper', 'choose one preset');
    for (const preset of ['paper', 'quick'] as const) {
      if (!resolved[preset]) continue;
      for (const [key, value] of Object.entries(PRESETS[preset])) if (self.getOptionValueSource(key) === 'default') (resolved as Record<string, unknown>)[key] = value;
    }
    await runIdSweep(resolved);
  });
}

/** Parses --dims: "a:b:s" (inclusive range) or "d1,d2,…". */
export function parseDims(text: string): number[] {
  const fix = 'write start:end:step (e.g. 1:29:2) or a comma list (e.g. 2,6,10)';
  const range = /^\s*(\d+)\s*:\s*(\d+)\s*:\s*(\d+)\s*$/.exec(text);
  const dims = range
    ? Array.from({ length: Math.max(0, Math.floor((Number(range[2]) - Number(range[1])) / Number(range[3])) + 1) }, (_, i) => Number(range[1]) + i * Number(range[3]))
    : text.split(',').map((s) => Number(s.trim()));
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1) || (range && Number(range[3]) < 1)) {
    throw new CliError('--dims', `'${text}' is not a list of positive whole numbers`, fix);
  }
  return dims;
}

function hiddenWidths(o: Options): number[] {
  return o.hidden.split(',').map((w) => Number(w.trim()));
}

function checkSizes(o: Options): void {
  if (hiddenWidths(o).some((w) => w < 1)) throw new CliError('--hidden', `'${o.hidden}' has a zero width`, 'give positive widths, e.g. 50,50,50');
  if (o.batchSize > o.trainRows) throw new CliError('--batch-size', `${o.batchSize} exceeds --train-rows ${o.trainRows}`, 'lower --batch-size or raise --train-rows');
  if (o.testRows < 22) throw new CliError('--test-rows', `${o.testRows} is too few for the MLE (k = 20 needs ≥ 21 points)`, 'use at least 21');
  if (!(o.lr > 0)) throw new CliError('--lr', `must be > 0 (got ${o.lr})`, 'use e.g. 1e-4 (paper) or 2e-3');
  if (!(o.temperatureScale > 0)) throw new CliError('--temperature-scale', `must be > 0 (got ${o.temperatureScale})`, 'use 4 (code) or 10 (paper text)');
  if (o.fixedTau !== undefined && !(o.fixedTau > 1e-4)) throw new CliError('--fixed-tau', `must exceed τ_min = 1e-4 (got ${o.fixedTau})`, 'use e.g. --fixed-tau 1');
}

/** The library's sweep settings from the command's options. */
function sweepSettings(o: Options): IdSweepSettings {
  return {
    link: o.link as Link, reps: o.reps, epochs: o.epochs, trainRows: o.trainRows, referenceRows: o.referenceRows, testRows: o.testRows,
    batchSize: o.batchSize, hidden: hiddenWidths(o), learningRate: o.lr, temperatureScale: o.temperatureScale, fixedTemperature: o.fixedTau,
    similarity: o.similarity, shuffle: o.shuffle, seed: o.seed, latentDim: LATENT_DIM,
  };
}

async function runIdSweep(o: Options): Promise<void> {
  // --merge is `mmcl merge OUT --out OUT/merged`, kept for scripts written before mmcl merge took every sweep.
  if (o.merge) return runMerge([o.out], join(o.out, 'merged'), o.overwrite);
  checkSizes(o);
  const dims = parseDims(o.dims);
  const shard = o.shard === undefined ? WHOLE : parseShard(o.shard);
  const settings = sweepSettings(o);
  const runs = idSweepRuns(dims, o.reps, o.seed);
  const mine = shardIndices(runs.length, shard).length;
  checkMemory(idsweepMemory({ ...o, hidden: hiddenWidths(o), outputDim: Math.max(...dims) }), { maxMemory: o.maxMemory, concurrent: Math.max(1, Math.min(o.workers, mine)), workers: true });
  const stepsPerRun = o.epochs * Math.floor(o.trainRows / o.batchSize);
  if (mine > 0 && (o.paper || !o.quiet)) {
    const stepMs = estimateStepMilliseconds(settings, dims[Math.floor(dims.length / 2)]);
    const hours = (stepMs * stepsPerRun * mine) / Math.min(o.workers, mine) / 3.6e6;
    process.stdout.write(
      `idsweep: ${mine} runs × ${stepsPerRun} steps; one step ≈ ${stepMs.toFixed(1)} ms here, so expect ≈ ` +
        `${hours >= 1 ? `${hours.toFixed(1)} h` : `${(hours * 60).toFixed(1)} min`} on ${Math.min(o.workers, mine)} worker(s)\n`,
    );
  }
  const { out: _out, workers: _w, resume: _r, quiet: _q, shard: _s, overwrite: _o, merge: _m, ...options } = o;
  await runSweep<IdSweepTask, RunResult, IdSweep>({
    kind: IDSWEEP_SWEEP,
    options: o,
    sweep: { options, dims },
    tasks: runs.map((run) => ({ name: run.name, task: { run, settings } })),
    shard,
    worker: IDSWEEP_WORKER,
    label: shard.count > 1 ? `idsweep ${shard.index}/${shard.count}` : 'idsweep',
  });
}

/** What identifies an idsweep and what its outputs need: the options that change results, and the parsed dims. */
interface IdSweep {
  options: Omit<Options, 'out' | 'workers' | 'resume' | 'quiet' | 'shard' | 'overwrite' | 'merge'>;
  dims: number[];
}

/** The idsweep's figures and tables, written by `mmcl idsweep` and by `mmcl merge` from its shards. */
export const IDSWEEP_SWEEP: SweepKind<IdSweep, RunResult> = {
  command: 'idsweep',
  files: 'id-vs-d.svg, tau.svg, accuracy.svg, similarities.svg, idsweep.csv, idsweep-summary.csv',
  write: async ({ options, dims }, runs, output) => {
    const results = [...runs.values()];
    const summary = summariseIdSweep(dims, results);
    output.write('idsweep.csv', runsCsv(options, results));
    output.write('idsweep-summary.csv', toCsv(Object.keys(summary[0]), summary.map((row) => Object.values(row))));
    output.write('results.json', JSON.stringify({ options, results }) + '\n');
    const write = (name: string, data: string | Uint8Array) => output.write(name, data);
    await writeFigure(write, 'id-vs-d', idSpec(summary, options, LATENT_DIM));
    await writeFigure(write, 'tau', tauSpec(results));
    await writeFigure(write, 'accuracy', accuracySpec(summary));
    await writeFigure(write, 'similarities', similaritySpec(results, dims, LATENT_DIM));
    return summaryTable(summary);
  },
};

const RUN_COLUMNS = ['link', 'tau_mode', 'd', 'rep', 'seed', 'id_f', 'id_g', 'twonn_f', 'test_acc', 'train_acc', 'pos_median', 'neg_q99', 'neg_max', 'norm_sd', 'norm_mean', 'final_tau', 'final_loss'];

function runsCsv(o: Pick<Options, 'link' | 'fixedTau'>, results: readonly RunResult[]): string {
  const mode = o.fixedTau === undefined ? 'learned' : `fixed ${o.fixedTau}`;
  return toCsv(RUN_COLUMNS, results.map((r) => [o.link, mode, r.outputDim, r.rep, r.seed, r.idF, r.idG, r.twoNnF, r.testAccuracy, r.trainAccuracy, r.positiveMedian, r.negativeQuantile99, r.negativeMax, r.normSd, r.normMean, r.finalTemperature, r.finalLoss]));
}

function summaryTable(summary: readonly SummaryRow[]): string {
  const rows = [['d', 'ID f(X)', 'ID g(Y)', 'top-1 acc', 'final τ', '‖f‖ sd', 'pos median', 'neg q99']];
  for (const s of summary) {
    rows.push([String(s.d), meanSd(s.id_f_mean, s.id_f_sd, 2), meanSd(s.id_g_mean, s.id_g_sd, 2), meanSd(s.test_acc_mean, s.test_acc_sd, 3),
      s.final_tau_mean.toPrecision(3), s.norm_sd_mean.toFixed(3), s.pos_median_mean.toFixed(3), s.neg_q99_mean.toFixed(3)]);
  }
  return formatTable(rows);
}

