/**
 * `mmcl fig1`: Figure 1 of Huang et al. (NeurIPS 2024). Trains single- and multi-modal InfoMax on the synthetic
 * data of spec §7.1 for several seeds (in parallel worker threads) and writes fig1.svg (four panels, mean ± 1 sd),
 * fig1.csv, one run directory per seed, and prints a table of the final values.
 */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { figure1Curves, figure1Runs, type Figure1Curve } from '@mmcl/infomax';
import { positiveIntField, resolveOptions } from '../config.js';
import { addModelOptions, modelOptionsShape, modelOverrides, resolveModel } from '../model-options.js';
import { addRunOptions, runOptionsShape } from '../options.js';
import { fig1Spec } from '../plots/fig1-chart.js';
import { writeFigure } from '../plots/render.js';
import { formatTable, meanSd, toCsv } from '../table.js';
import { runSimulations } from '../simulations.js';
import { addDivergenceOptions, divergenceShape } from '../divergence.js';
import { addMemoryOption, memoryShape } from '../memory.js';

const schema = z.strictObject({ seeds: positiveIntField(), ...runOptionsShape, ...modelOptionsShape, ...divergenceShape, ...memoryShape });
type Fig1Options = z.infer<typeof schema>;

export function register(program: Command): void {
  const command = program
    .command('fig1')
    .description(
      'Figure 1 of Huang et al. (2024): training loss, test accuracy, signal learning and noise memorization ' +
        'against epoch, single- vs multi-modal, mean ± 1 sd over seeds. Writes fig1.svg, fig1.csv and seed-*/ run folders.',
    )
    .addOption(new Option('--seeds <n>', 'number of seeds (seeds 0..n−1)').default(5));
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
  const plan = figure1Runs({ seeds: options.seeds, config: overrides });
  const configs = plan.map((r) => ({ name: r.name, config: r.config, runDir: `seed-${r.seed}/${r.mode}` }));
  const started = Date.now();
  await runSimulations({
    command: 'fig1',
    options,
    runs: configs,
    label: 'fig1',
    finish: async (summaries, output) => {
      const curves = figure1Curves(plan, summaries);
      output.write('fig1.csv', fig1Csv(curves));
      await writeFigure((name, data) => output.write(name, data), 'fig1', fig1Spec(curves, options.seeds));
      const table = fig1Table(curves, configs[0].config.steps, options.seeds);
      output.write('fig1.txt', table);
      return table;
    },
    report: (table, final) => {
      process.stdout.write(table);
      process.stdout.write(`\nwrote ${final}/fig1.svg (.png, .pdf), fig1.csv and ${options.seeds} seed folders in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  });
}

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
