/**
 * The optimizer comparison of spec optimizers.md §4 as a library experiment: a set of optimizers (each with its own
 * settings) over seeds and both modes, on one base configuration. `comparisonRuns` plans the runs (each optimizer on
 * the engine that runs it exactly: reduced for the span-preserving family, dense for the coordinate-wise ones),
 * `runSeries` reduces a result to the plotted series, and `comparisonRows` aggregates them into the table
 * (mean ± sd over seeds). `compareOptimizers` does all three in-process; `mmcl optim` runs the same plan on a pool.
 */
import { meanAndSd, type MeanSd } from '@mmcl/autodiff';
import { resolveConfig, ConfigError } from '../config.js';
import { simulate } from '../simulate.js';
import { noiseMemorization, signalLearning } from '../summary.js';
import type { InfomaxConfig, Mode, SimulationResult } from '../types.js';
import { isCoordinateWise } from './config.js';

/**
 * One optimizer of a comparison: a label, the `optimizer` value and, optionally, other config keys (e.g. eta).
 * @category Optimizers
 */
export interface OptimizerSetting {
  label: string;
  optimizer: unknown;
  /** Other configuration keys for this optimizer only (e.g. { eta: 1e-4 } for Adam). */
  overrides?: Record<string, unknown>;
}

/**
 * The default comparison (issue #14): GD, SGD with B = 20, heavy-ball momentum 0.9 and Adam. Adam's η is 1e-4:
 * its per-coordinate steps are ≈ η, and on the Figure-1 model η = 1e-3 overfits in a few dozen steps (docs/optimizers.md).
 * @category Optimizers
 */
export const DEFAULT_OPTIMIZER_SET: readonly OptimizerSetting[] = Object.freeze([
  { label: 'gd', optimizer: 'sgd' },
  { label: 'sgd-b20', optimizer: { name: 'sgd', batchSize: 20 } },
  { label: 'momentum-0.9', optimizer: { name: 'sgd', momentum: 0.9 } },
  { label: 'adam', optimizer: 'adam', overrides: { eta: 1e-4 } },
]);

/**
 * Named settings for `mmcl optim --optimizers a,b,…`: the default four plus Nesterov, weight decay, AdamW, RMSProp and
 * sign descent (coordinate-wise ones at η = 1e-4, like Adam).
 * @category Optimizers
 */
export const OPTIMIZER_PRESETS: Readonly<Record<string, OptimizerSetting>> = Object.freeze(
  Object.fromEntries(
    [
      ...DEFAULT_OPTIMIZER_SET,
      { label: 'nesterov-0.9', optimizer: { name: 'sgd', momentum: 0.9, nesterov: true } },
      { label: 'gd-wd', optimizer: { name: 'sgd', weightDecay: 0.1 } },
      { label: 'gd-cosine', optimizer: { name: 'sgd', schedule: 'cosine', warmupSteps: 10 } },
      { label: 'adamw', optimizer: 'adamw', overrides: { eta: 1e-4 } },
      { label: 'rmsprop', optimizer: 'rmsprop', overrides: { eta: 1e-4 } },
      { label: 'signgd', optimizer: 'signgd', overrides: { eta: 1e-4 } },
    ].map((setting) => [setting.label, setting]),
  ),
);

/**
 * One planned run.
 * @category Optimizers
 */
export interface ComparisonRun {
  /** "<label>/<mode>/seed-<k>", also the relative path of its run directory. */
  name: string;
  label: string;
  mode: Mode;
  seed: number;
  config: InfomaxConfig;
}

/**
 * Plan the runs: every setting × mode × seed on `base` (raw configuration keys). A bad setting throws a one-line
 * ConfigError naming the label and the key.
 *
 * @example
 * import { DEFAULT_OPTIMIZER_SET } from '@mmcl/infomax';
 * import { comparisonRuns } from '@mmcl/infomax/internal';
 * // 4 optimizers × 2 modes × 2 seeds
 * comparisonRuns({ steps: 20 }, DEFAULT_OPTIMIZER_SET, [0, 1]).length; // → 16
 * @category Optimizers
 */
export function comparisonRuns(
  base: Record<string, unknown>,
  settings: readonly OptimizerSetting[],
  seeds: readonly number[],
  modes: readonly Mode[] = ['single', 'multi'],
): ComparisonRun[] {
  const labels = new Set<string>();
  const runs: ComparisonRun[] = [];
  for (const setting of settings) {
    if (!/^[\w.+-]+$/.test(setting.label) || labels.has(setting.label))
      throw new ConfigError(`optimizers.${setting.label}`, 'labels must be unique and use letters, digits, . + - _ only');
    labels.add(setting.label);
    for (const mode of modes) {
      for (const seed of seeds) {
        let config: InfomaxConfig;
        try {
          const probe = resolveConfig({ ...base, ...setting.overrides, mode, seed, optimizer: setting.optimizer, engine: 'dense' });
          const engine = base.engine ?? (isCoordinateWise(probe.optimizer.name) ? 'dense' : 'reduced');
          config = resolveConfig({ ...base, ...setting.overrides, mode, seed, optimizer: setting.optimizer, engine });
        } catch (error) {
          if (error instanceof ConfigError) throw new ConfigError(`${setting.label}.${error.key}`, error.message.replace(/^config\.[^:]*:\s*/, ''));
          throw error;
        }
        runs.push({ name: `${setting.label}/${mode}/seed-${seed}`, label: setting.label, mode, seed, config });
      }
    }
  }
  return runs;
}

/**
 * The series a comparison plots, as plain arrays (JSON- and worker-transferable).
 * @category Optimizers
 */
export interface RunSeries {
  loss: number[];
  signal: number[];
  noise: number[];
  evalSteps: number[];
  testAccuracy: number[];
  wallTimeMs: number;
  /** a_t of encoder h. */
  a?: number[];
  /** Dense engine: the span residual of encoder h at the evaluation steps. */
  spanResidual?: number[];
}

/**
 * The plotted series of a run: loss, signal max_r |γ_r|, noise mean_i max_r ρ_{r,i} (Figure-1 definitions, first
 * encoder), test accuracy, a_t and the span residual.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { runSeries } from '@mmcl/infomax/internal';
 * runSeries(simulate({ d: 60, n: 8, m: 3, steps: 4, populationSamples: 0 })).signal.length; // → 5
 * @category Optimizers
 */
export function runSeries(result: SimulationResult): RunSeries {
  const { h } = result;
  return {
    loss: Array.from(result.loss),
    signal: Array.from(signalLearning(h)),
    noise: Array.from(noiseMemorization(h)),
    evalSteps: Array.from(result.evalSteps),
    testAccuracy: Array.from(result.testAccuracy),
    wallTimeMs: result.wallTimeMs,
    // a_t only when weight decay moved it (a GD run's series stay as they were).
    ...(h.a?.some((a) => a !== 1) ? { a: Array.from(h.a) } : {}),
    ...(result.spanResidual ? { spanResidual: Array.from(result.spanResidual.h) } : {}),
  };
}

/** Each quantity of a comparison row is a mean and sample standard deviation over seeds (0 for one seed). */
export type { MeanSd };

/**
 * One row of the comparison table: an optimizer in one mode, final values over seeds.
 * @category Optimizers
 */
export interface ComparisonRow {
  label: string;
  mode: Mode;
  engine: InfomaxConfig['engine'];
  seeds: number;
  loss: MeanSd;
  testAccuracy: MeanSd;
  signal: MeanSd;
  noise: MeanSd;
  /** Final a_t. */
  a: MeanSd;
  /** Largest span residual over the run (dense engine; NaN for reduced runs, where it is 0 by construction). */
  spanResidual: MeanSd;
  /** Wall time per step, ms. */
  msPerStep: MeanSd;
}

/** Mean and sample standard deviation (n − 1) over the seeds of one row. */
const meanSd = (values: readonly number[]): MeanSd => meanAndSd(values, 1);

const last = (xs: readonly number[] | undefined) => (xs && xs.length > 0 ? xs[xs.length - 1] : Number.NaN);

/**
 * Aggregate finished runs into one row per (optimizer, mode), in the order of `runs`.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { comparisonRows, comparisonRuns, runSeries } from '@mmcl/infomax/internal';
 * const runs = comparisonRuns({ d: 60, n: 8, m: 3, steps: 4, populationSamples: 0 }, [{ label: 'gd', optimizer: 'sgd' }], [0]);
 * comparisonRows(runs, new Map(runs.map((r) => [r.name, runSeries(simulate(r.config))])))[0].label; // → "gd"
 * @category Optimizers
 */
export function comparisonRows(runs: readonly ComparisonRun[], series: ReadonlyMap<string, RunSeries>): ComparisonRow[] {
  const groups = new Map<string, ComparisonRun[]>();
  for (const run of runs) {
    const key = `${run.label}\u0000${run.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()].map((group) => {
    const all = group.map((run) => {
      const s = series.get(run.name);
      if (!s) throw new TypeError(`comparisonRows: no series for run ${run.name}`);
      return s;
    });
    const steps = group[0].config.steps;
    return {
      label: group[0].label,
      mode: group[0].mode,
      engine: group[0].config.engine,
      seeds: group.length,
      loss: meanSd(all.map((s) => last(s.loss))),
      testAccuracy: meanSd(all.map((s) => last(s.testAccuracy))),
      signal: meanSd(all.map((s) => last(s.signal))),
      noise: meanSd(all.map((s) => last(s.noise))),
      a: meanSd(all.map((s) => last(s.a ?? [1]))),
      spanResidual: meanSd(all.map((s) => (s.spanResidual ? Math.max(...s.spanResidual) : Number.NaN))),
      msPerStep: meanSd(all.map((s) => s.wallTimeMs / Math.max(1, steps))),
    };
  });
}

const COLUMNS = ['optimizer', 'mode', 'engine', 'seeds', 'final loss', 'test accuracy', 'signal', 'noise', 'a_T', 'max span residual', 'ms/step'];

function cell(x: MeanSd, digits = 3): string {
  if (Number.isNaN(x.mean)) return '-';
  const f = (v: number) => (Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) ? v.toExponential(1) : v.toFixed(digits));
  return `${f(x.mean)} ± ${f(x.sd)}`;
}

/**
 * The table as Markdown (mean ± sd over seeds).
 *
 * @example
 * import { comparisonMarkdown } from '@mmcl/infomax';
 * comparisonMarkdown([]).startsWith('| optimizer'); // → true
 * @category Optimizers
 */
export function comparisonMarkdown(rows: readonly ComparisonRow[]): string {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const r of rows) {
    lines.push(
      `| ${r.label} | ${r.mode} | ${r.engine} | ${r.seeds} | ${cell(r.loss, 4)} | ${cell(r.testAccuracy)} | ${cell(r.signal)} | ${cell(r.noise)} | ${cell(r.a)} | ${cell(r.spanResidual)} | ${cell(r.msPerStep, 1)} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * The table as CSV (means and sds in separate columns; NaN left empty).
 *
 * @example
 * import { comparisonCsv } from '@mmcl/infomax';
 * comparisonCsv([]).split('\n')[0].startsWith('optimizer,mode'); // → true
 * @category Optimizers
 */
export function comparisonCsv(rows: readonly ComparisonRow[]): string {
  const stats = ['loss', 'testAccuracy', 'signal', 'noise', 'a', 'spanResidual', 'msPerStep'] as const;
  const header = ['optimizer', 'mode', 'engine', 'seeds', ...stats.flatMap((s) => [`${s}_mean`, `${s}_sd`])];
  const num = (x: number) => (Number.isNaN(x) ? '' : String(x));
  const body = rows.map((r) => [r.label, r.mode, r.engine, String(r.seeds), ...stats.flatMap((s) => [num(r[s].mean), num(r[s].sd)])].join(','));
  return [header.join(','), ...body].join('\n') + '\n';
}

/**
 * Run a whole comparison in this thread and return its table rows and series (for scripts and tests; `mmcl optim`
 * runs the same plan on a worker pool).
 *
 * @example
 * import { compareOptimizers } from '@mmcl/infomax';
 * const { rows } = compareOptimizers({ d: 60, n: 8, m: 3, steps: 4, populationSamples: 0 }, [{ label: 'gd', optimizer: 'sgd' }], [0]);
 * // single, multi
 * rows.length; // → 2
 * @category Optimizers
 */
export function compareOptimizers(
  base: Record<string, unknown>,
  settings: readonly OptimizerSetting[] = DEFAULT_OPTIMIZER_SET,
  seeds: readonly number[] = [0, 1, 2],
  modes: readonly Mode[] = ['single', 'multi'],
): { runs: ComparisonRun[]; series: Map<string, RunSeries>; rows: ComparisonRow[] } {
  const runs = comparisonRuns(base, settings, seeds, modes);
  const series = new Map(runs.map((run) => [run.name, runSeries(simulate(run.config))]));
  return { runs, series, rows: comparisonRows(runs, series) };
}
