/**
 * `mmcl optim`: the optimizer comparison of issue #14 / spec optimizers.md §4. Runs a set of optimizers (named
 * presets via --optimizers, or settings objects in the --config file) over seeds, single- and multi-modal, on every
 * core; writes a run directory per optimizer, mode and seed, optim.csv, optim.md and optim.svg. `--shard K/N` runs a
 * share of the runs into a shard folder; `mmcl optim --merge DIR…` combines the shards. The experiment itself is
 * @mmcl/infomax's comparisonRuns / comparisonRows; this file only parses, reports and plots.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import {
  comparisonCsv, comparisonMarkdown, comparisonRows, comparisonRuns, DEFAULT_OPTIMIZER_SET, OPTIMIZER_PRESETS,
  type ComparisonRun, type OptimizerSetting, type RunSeries,
} from '@mmcl/infomax';
import { positiveIntField, resolveOptions } from '../config.js';
import { CliError } from '../errors.js';
import { addModelOptions, modelOptionsShape, modelOverrides } from '../model-options.js';
import { addRunOptions, runOptionsShape } from '../options.js';
import { stageOutput, type StagedOutput } from '../output.js';
import { optimSpec, type OptimCurve } from '../plots/optim-chart.js';
import { renderSvg } from '../plots/render.js';
import { parseShard, shardIndices, shardLabel, WHOLE, type Shard } from '../shard.js';
import { runSimulations } from '../simulations.js';
import { aggregate } from '../summary.js';
import { findShardFiles } from './merge.js';

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
    .option('--shard <K/N>', 'run only the K-th of N shares of the runs (combine with mmcl optim --merge)')
    .option('--merge', 'combine the shard folders given as arguments into the table and figure', false);
  addModelOptions(command, ['engine']);
  addRunOptions(command, 'runs/optim');
  command.action(async (shards: string[], options: Record<string, unknown>, self: Command) => {
    const parsed = resolveOptions(self, options, schema);
    if (parsed.merge) await mergeShards(shards.length > 0 ? shards : [parsed.out], parsed.out, parsed.overwrite);
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

/** What a shard folder records, so that --merge can rebuild the table from all shards. */
interface OptimShardFile {
  kind: 'mmcl-optim-shard';
  settings: OptimizerSetting[];
  runs: ComparisonRun[];
  shard: Shard;
  series: Record<string, RunSeries>;
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
  const mine = shardIndices(runs.length, shard).map((k) => runs[k]);
  if (mine.length === 0) throw new CliError('--shard', `shard ${shard.index}/${shard.count} is empty: there are only ${runs.length} runs`, 'use fewer shards');
  const sharded = shard.count > 1;
  const out = sharded ? `${options.out}/${shardLabel(shard)}` : options.out;
  const started = Date.now();
  await runSimulations({
    command: 'optim',
    options: { ...options, out },
    runs: mine.map((run) => ({ name: run.name, config: run.config, runDir: join('runs', run.name) })),
    label: sharded ? `optim ${shard.index}/${shard.count}` : 'optim',
    fingerprint: { settings, shard },
    finish: async (summaries, output) => {
      if (sharded) {
        const file: OptimShardFile = { kind: 'mmcl-optim-shard', settings, runs, shard, series: Object.fromEntries(summaries) };
        output.write('shard.json', JSON.stringify(file) + '\n');
        return `shard ${shard.index}/${shard.count}: ${mine.length} of ${runs.length} runs\n`;
      }
      return writeOutputs(runs, summaries, seeds.length, output);
    },
    report: (text, final) => {
      process.stdout.write(text);
      const what = sharded ? 'run directories and shard.json' : 'optim.csv, optim.md, optim.svg and the run directories';
      process.stdout.write(`\nwrote ${what} to ${final} (${mine.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    },
  });
}

/** The table, the CSV and the figure of a finished comparison; returns the Markdown table for the terminal. */
async function writeOutputs(runs: readonly ComparisonRun[], series: ReadonlyMap<string, RunSeries>, seeds: number, output: StagedOutput): Promise<string> {
  const rows = comparisonRows(runs, series);
  const markdown = comparisonMarkdown(rows);
  output.write('optim.md', markdown);
  output.write('optim.csv', comparisonCsv(rows));
  output.write('optim.svg', await renderSvg(optimSpec(curvesOf(runs, series), seeds)));
  return markdown;
}

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

function readShardFile(path: string): OptimShardFile {
  let value: OptimShardFile;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as OptimShardFile;
  } catch (err) {
    throw new CliError(path, `unreadable shard file (${(err as Error).message})`, 'rerun that shard');
  }
  if (value?.kind !== 'mmcl-optim-shard') throw new CliError(path, 'not an mmcl optim shard file', 'pass folders written by mmcl optim --shard K/N');
  return value;
}

/** `mmcl optim --merge`: every shard 1..N of one comparison present once, then the table and figure of all runs. */
async function mergeShards(folders: string[], out: string, overwrite: boolean): Promise<void> {
  const files = findShardFiles(folders).filter((path) => existsSync(path)).map((path) => ({ path, file: readShardFile(path) }));
  const first = files[0].file;
  const seen = new Set<number>();
  for (const { path, file } of files) {
    if (JSON.stringify(file.runs.map((r) => r.name)) !== JSON.stringify(first.runs.map((r) => r.name)) || file.shard.count !== first.shard.count)
      throw new CliError(path, `belongs to another comparison than ${files[0].path}`, 'merge only shards of one mmcl optim command');
    if (seen.has(file.shard.index)) throw new CliError(path, `shard ${file.shard.index}/${file.shard.count} given twice`, 'pass each shard once');
    seen.add(file.shard.index);
  }
  const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new CliError('shards', `missing ${missing.map((k) => `${k}/${first.shard.count}`).join(', ')}`, 'run the missing shards, then merge again');
  const series = new Map(files.flatMap(({ file }) => Object.entries(file.series)));
  const seeds = new Set(first.runs.map((r) => r.seed)).size;
  const output = stageOutput(join(out, 'merged'), { command: 'optim', options: { folders, out }, overwrite });
  try {
    const table = await writeOutputs(first.runs, series, seeds, output);
    output.commit();
    process.stdout.write(`${table}\nmerged ${files.length} shards (${first.runs.length} runs) into ${output.final}\n`);
  } finally {
    output.discard();
  }
}
