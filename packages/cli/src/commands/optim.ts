/**
 * `mmcl optim`: the optimizer comparison of issue #14 / spec optimizers.md §4. Runs a set of optimizers (named
 * presets via --optimizers, or settings objects in the --config file) over seeds, single- and multi-modal, on every
 * core; writes a run directory per optimizer, mode and seed, optim.csv, optim.md and optim.svg. `--shard K/N` runs a
 * share of the runs into a shard folder; `mmcl merge DIR` combines the shards (so does `mmcl optim --merge DIR…`). The experiment itself is
 * @mmcl/infomax's comparisonRuns / comparisonRows; this file only parses, reports and plots.
 */
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import {
  comparisonCsv, comparisonMarkdown, DEFAULT_OPTIMIZER_SET, OPTIMIZER_PRESETS,
  type ComparisonRun, type OptimizerSetting, type RunSeries,
} from '@mmcl/infomax';
import { comparisonRows, comparisonRuns } from '@mmcl/infomax/internal';
import { positiveIntField, resolveOptions } from '../config.js';
import { CliError } from '../errors.js';
import { addMemoryOption, memoryShape } from '../memory.js';
import { addModelOptions, modelOptionsShape, modelOverrides } from '../model-options.js';
import { addRunOptions, runOptionsShape } from '../options.js';
import { optimSpec, type OptimCurve } from '../plots/optim-chart.js';
import { renderSvg } from '../plots/render.js';
import { parseShard, WHOLE } from '../sweep/shard.js';
import { runSimulations } from '../simulations.js';
import { aggregate } from '../summary.js';
import type { SweepKind } from '../sweep/merge.js';
import { runMerge } from './merge.js';

/** The defaults: the four optimizers of the issue, 3 seeds, both modes (under two minutes on 2 idle cores). */
export const OPTIM_DEFAULTS = { optimizers: DEFAULT_OPTIMIZER_SET.map((s) => s.label).join(','), seeds: 3, modes: 'single,multi' };

const settingSchema = z.strictObject({
  label: z.string().min(1),
  optimizer: z.unknown(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

const schema = z.strictObject({
  optimizers: z.union([z.string(), z.array(settingSchema)]),
  seeds: positiveIntField(),
  modes: z.string(),
  rotateMu: z.boolean(),
  shard: z.string().optional(),
  merge: z.boolean(),
  ...runOptionsShape,
  ...modelOptionsShape,
  ...memoryShape,
});

export function register(program: Command): void {
  const command = program
    .command('optim')
    .description(
      'Compare optimizers on paper 1’s model (spec optimizers.md): loss, test accuracy, signal, noise, a_t and span residual ' +
        'per optimizer and mode over seeds. Writes runs/<optimizer>/<mode>/seed-<k>/ run directories, optim.csv, optim.md, optim.svg.',
    )
    .argument('[shards...]', 'with --merge: shard folders (or their parent) written by --shard K/N')
    .option(
      '--optimizers <list>',
      `comma-separated presets (${Object.keys(OPTIMIZER_PRESETS).join(', ')}); or, in --config, an array of ` +
        '{ "label", "optimizer": { "name": …, settings }, "overrides": { "eta": … } }',
      OPTIM_DEFAULTS.optimizers,
    )
    .addOption(new Option('--seeds <n>', 'seeds per optimizer and mode (seeds 0..n−1)').default(OPTIM_DEFAULTS.seeds))
    .option('--modes <list>', 'single, multi or both', OPTIM_DEFAULTS.modes)
    .option('--rotate-mu', 'put µ and µ~ along seeded random directions (muDirection "random") instead of coordinate axes', false)
    .option('--shard <K/N>', 'run only the K-th of N shares of the runs (combine with mmcl merge)')
    .option('--merge', 'combine the shard folders given as arguments into OUT/merged (the same as mmcl merge FOLDERS --out OUT/merged)', false);
  addModelOptions(command, ['engine']);
  addRunOptions(command, 'runs/optim');
  addMemoryOption(command);
  command.action(async (shards: string[], options: Record<string, unknown>, self: Command) => {
    const parsed = resolveOptions(self, options, schema);
    // --merge is `mmcl merge FOLDERS --out OUT/merged`, kept for scripts written before mmcl merge took every sweep.
    if (parsed.merge) await runMerge(shards.length > 0 ? shards : [parsed.out], join(parsed.out, 'merged'), parsed.overwrite);
    else await runOptim(parsed);
  });
}

type Options = z.infer<typeof schema>;

function settingsOf(value: Options['optimizers']): OptimizerSetting[] {
  if (Array.isArray(value)) return value as OptimizerSetting[];
  return value.split(',').map((name) => name.trim()).filter(Boolean).map((name) => {
    const preset = OPTIMIZER_PRESETS[name];
    if (!preset) throw new CliError('--optimizers', `unknown preset '${name}'`, `use ${Object.keys(OPTIMIZER_PRESETS).join(', ')}, or give settings objects in --config`);
    return preset;
  });
}

function modesOf(text: string): ('single' | 'multi')[] {
  const modes = text.split(',').map((m) => m.trim());
  if (modes.length === 0 || modes.some((m) => m !== 'single' && m !== 'multi') || new Set(modes).size !== modes.length)
    throw new CliError('--modes', `'${text}' is not a list of single, multi`, 'pass --modes single,multi');
  return modes as ('single' | 'multi')[];
}

async function runOptim(options: Options): Promise<void> {
  const settings = settingsOf(options.optimizers);
  const modes = modesOf(options.modes);
  const shard = options.shard === undefined ? WHOLE : parseShard(options.shard);
  const seeds = Array.from({ length: options.seeds }, (_, k) => k);
  // The comparison reports final values and the span residual: the probe runs every 10 steps (the Figure-1 default)
  // and the population error (10⁴ fresh samples per run) is skipped.
  const base = { populationSamples: 0, ...modelOverrides(options), ...(options.rotateMu ? { muDirection: 'random' } : {}) };
  const runs = comparisonRuns(base, settings, seeds, modes);
  await runSimulations({
    kind: OPTIM_SWEEP,
    options,
    sweep: { settings, runs, seeds: seeds.length },
    runs: runs.map((run) => ({ name: run.name, config: run.config, runDir: join('runs', run.name) })),
    shard,
    label: shard.count > 1 ? `optim ${shard.index}/${shard.count}` : 'optim',
  });
}

/** The comparison's outputs, written by `mmcl optim` and by `mmcl merge` from its shards (which also copies the run folders). */
export const OPTIM_SWEEP: SweepKind<{ settings: OptimizerSetting[]; runs: ComparisonRun[]; seeds: number }, RunSeries> = {
  command: 'optim',
  files: 'optim.csv, optim.md, optim.svg and the run directories',
  write: async ({ runs, seeds }, series, output) => {
    const rows = comparisonRows(runs, series);
    const markdown = comparisonMarkdown(rows);
    output.write('optim.md', markdown);
    output.write('optim.csv', comparisonCsv(rows));
    output.write('optim.svg', await renderSvg(optimSpec(curvesOf(runs, series), seeds)));
    return markdown;
  },
};

/** Mean ± sd curves per (optimizer, mode), for the figure. */
function curvesOf(runs: readonly ComparisonRun[], series: ReadonlyMap<string, RunSeries>): OptimCurve[] {
  const groups = new Map<string, ComparisonRun[]>();
  for (const run of runs) groups.set(`${run.label}/${run.mode}`, [...(groups.get(`${run.label}/${run.mode}`) ?? []), run]);
  return [...groups.values()].map((group) => {
    const all = group.map((run) => series.get(run.name)!);
    const steps = all[0].loss.map((_, t) => t);
    const spans = all.map((s) => s.spanResidual).filter((s): s is number[] => s !== undefined);
    return {
      label: group[0].label,
      mode: group[0].mode,
      loss: aggregate(steps, all.map((s) => s.loss)),
      accuracy: aggregate(all[0].evalSteps, all.map((s) => s.testAccuracy)),
      signal: aggregate(steps, all.map((s) => s.signal)),
      noise: aggregate(steps, all.map((s) => s.noise)),
      spanResidual: spans.length === all.length ? aggregate(all[0].evalSteps, spans) : undefined,
    };
  });
}
