/**
 * `mmcl fig1`: Figure 1 of Huang et al. (NeurIPS 2024). Trains single- and multi-modal InfoMax on the synthetic
 * data of spec §7.1 for several seeds (in parallel worker threads) and writes fig1.svg (four panels, mean ± 1 sd),
 * fig1.csv, one run directory per seed, and prints a table of the final values.
 */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { type Figure1Curve, type Figure1Run } from '@mmcl/infomax';
import { figure1Curves, figure1Runs } from '@mmcl/infomax/internal';
import { positiveIntField, resolveOptions } from '../config.js';
import { addModelOptions, modelOptionsShape, modelOverrides, resolveModel } from '../model-options.js';
import { addRunOptions, runOptionsShape } from '../options.js';
import { fig1Spec } from '../plots/fig1-chart.js';
import { writeFigure } from '../plots/render.js';
import { formatTable, meanSd, toCsv } from '../table.js';
import { runSimulations } from '../simulations.js';
import { parseShard, WHOLE } from '../sweep/shard.js';
import type { SweepKind } from '../sweep/merge.js';
import type { RunSummary } from '../summary.js';
import { addDivergenceOptions, divergenceShape } from '../divergence.js';
import { addMemoryOption, memoryShape } from '../memory.js';

const schema = z.strictObject({ seeds: positiveIntField(), shard: z.string().optional(), ...runOptionsShape, ...modelOptionsShape, ...divergenceShape, ...memoryShape });
type Fig1Options = z.infer<typeof schema>;

export function register(program: Command): void {
  const command = program
    .command('fig1')
    .description(
      'Figure 1 of Huang et al. (2024): training loss, test accuracy, signal learning and noise memorization ' +
        'against epoch, single- vs multi-modal, mean ± 1 sd over seeds. Writes fig1.svg, fig1.csv and seed-*/ run folders.',
    )
    .addOption(new Option('--seeds <n>', 'number of seeds (seeds 0..n−1)').default(5))
    .option('--shard <K/N>', 'run only the K-th of N shares of the runs (for cluster job arrays; combine with mmcl merge)');
  addModelOptions(command);
  addRunOptions(command, 'runs/fig1');
  addDivergenceOptions(command);
  addMemoryOption(command);
  command.action(async (options: Record<string, unknown>, self: Command) => {
    await runFig1(resolveOptions(self, options, schema));
  });
}

async function runFig1(options: Fig1Options): Promise<void> {
  // The experiment (its runs and their aggregation) is @mmcl/infomax's figure1; this command runs the plan on every
  // core with resume, and writes the files. resolveModel first, so that a bad flag is reported by its name.
  const overrides = modelOverrides(options);
  resolveModel({ populationSamples: 0, ...overrides, mode: 'single', seed: 0 });
  const shard = options.shard === undefined ? WHOLE : parseShard(options.shard);
  const plan = figure1Runs({ seeds: options.seeds, config: overrides });
  await runSimulations({
    kind: FIG1_SWEEP,
    options,
    sweep: { seeds: options.seeds, plan },
    runs: plan.map((r) => ({ name: r.name, config: r.config, runDir: `seed-${r.seed}/${r.mode}` })),
    shard,
    label: shard.count > 1 ? `fig1 ${shard.index}/${shard.count}` : 'fig1',
  });
}

/** Figure 1's outputs, written by `mmcl fig1` and by `mmcl merge` from its shards (which also copies the seed folders). */
export const FIG1_SWEEP: SweepKind<{ seeds: number; plan: Figure1Run[] }, RunSummary> = {
  command: 'fig1',
  files: 'fig1.svg (.png, .pdf), fig1.csv, fig1.txt and the seed folders',
  write: async ({ seeds, plan }, summaries, output) => {
    const curves = figure1Curves(plan, summaries);
    output.write('fig1.csv', fig1Csv(curves));
    await writeFigure((name, data) => output.write(name, data), 'fig1', fig1Spec(curves, seeds));
    const table = fig1Table(curves, plan[0].config.steps, seeds);
    output.write('fig1.txt', table);
    return table;
  },
};

/** fig1.csv: one row per (mode, epoch); accuracy columns are empty where the probe was not evaluated. */
export function fig1Csv(curves: readonly Figure1Curve[]): string {
  const header = ['mode', 'epoch', 'loss_mean', 'loss_sd', 'test_accuracy_mean', 'test_accuracy_sd', 'signal_mean', 'signal_sd', 'noise_mean', 'noise_sd'];
  const rows = curves.flatMap((c) =>
    c.loss.steps.map((epoch, t) => {
      const a = c.accuracy.steps.indexOf(epoch);
      return [
        c.mode, epoch, c.loss.mean[t], c.loss.sd[t],
        a >= 0 ? c.accuracy.mean[a] : undefined, a >= 0 ? c.accuracy.sd[a] : undefined,
        c.signal.mean[t], c.signal.sd[t], c.noise.mean[t], c.noise.sd[t],
      ];
    }),
  );
  return toCsv(header, rows);
}

/** The table of final values printed by fig1 (mean ± sd over seeds). */
export function fig1Table(curves: readonly Figure1Curve[], steps: number, seeds: number): string {
  const last = (s: { mean: number[]; sd: number[] }, digits = 3) => meanSd(s.mean[s.mean.length - 1], s.sd[s.sd.length - 1], digits);
  const rows = [
    ['mode', 'training loss', 'test accuracy', 'signal max|γ|', 'noise mean max ρ'],
    ...curves.map((c) => [c.mode === 'single' ? 'single-modal' : 'multi-modal', last(c.loss, 4), last(c.accuracy), last(c.signal), last(c.noise)]),
  ];
  return `final values at epoch ${steps} (mean ± sd over ${seeds} seed${seeds === 1 ? '' : 's'})\n` + formatTable(rows);
}
