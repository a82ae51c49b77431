/**
 * Figure 1 of Huang et al. (NeurIPS 2024) as a library function: single- vs multi-modal InfoMax on the synthetic
 * data of spec §7.1, several seeds, mean ± 1 sd of the training loss, test accuracy, signal learning and noise
 * memorisation against the step. `mmcl fig1` runs the same plan on worker threads and draws the curves.
 */
import { resolveConfig } from '../config.js';
import { simulate, type SimulateOptions } from '../simulate.js';
import type { InfomaxConfig, InfomaxConfigInput, Mode } from '../types.js';
import { aggregate, summarizeRun, type RunSummary, type SeriesSummary } from './series.js';

/**
 * Options of figure1: seeds and changes to the Figure-1 configuration.
 * @category Experiments
 */
export interface Figure1Options {
  /** Seeds 0..seeds−1 per mode (default 5). */
  seeds?: number;
  /** Changes to the Figure-1 configuration shared by every run (mode and seed are set per run). */
  config?: InfomaxConfigInput;
}

/**
 * One simulation of the figure.
 * @category Experiments
 */
export interface Figure1Run {
  /** `seed-<seed>-<mode>`. */
  name: string;
  mode: Mode;
  seed: number;
  config: InfomaxConfig;
}

/**
 * One mode's curves: mean and sd over seeds at each step (accuracy at the evaluation steps).
 * @category Experiments
 */
export interface Figure1Curve {
  mode: Mode;
  loss: SeriesSummary;
  accuracy: SeriesSummary;
  signal: SeriesSummary;
  noise: SeriesSummary;
}

/**
 * What {@link figure1} returns.
 * @category Experiments
 */
export interface Figure1Result {
  seeds: number;
  runs: Figure1Run[];
  /** Single-modal first, then multi-modal. */
  curves: Figure1Curve[];
}

/**
 * The modes Figure 1 compares, in its order.
 * @category Experiments
 */
export const FIGURE1_MODES = ['single', 'multi'] as const;

/**
 * The runs of Figure 1, every configuration resolved (a bad one throws a ConfigError before anything runs). The
 * population error is off by default: the figure does not show it and its 10⁴ fresh samples double the run time.
 *
 * @example
 * import { figure1Runs } from '@mmcl/infomax/internal';
 * figure1Runs({ seeds: 2 }).map((r) => r.name); // → ['seed-0-single', 'seed-0-multi', 'seed-1-single', 'seed-1-multi']
 * @category Experiments
 */
export function figure1Runs(options: Figure1Options = {}): Figure1Run[] {
  const seeds = options.seeds ?? 5;
  if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`figure1: seeds must be an integer ≥ 1 (got ${seeds})`);
  const runs: Figure1Run[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    for (const mode of FIGURE1_MODES) {
      runs.push({ name: `seed-${seed}-${mode}`, mode, seed, config: resolveConfig({ populationSamples: 0, ...options.config, mode, seed }) });
    }
  }
  return runs;
}

/**
 * The per-mode curves (mean and sd over seeds, in seed order) from the summaries of the runs, keyed by run name.
 *
 * @example
 * import { simulate, summarizeRun } from '@mmcl/infomax';
 * import { figure1Curves, figure1Runs } from '@mmcl/infomax/internal';
 * const runs = figure1Runs({ seeds: 1, config: { d: 40, n: 4, m: 2, steps: 2 } });
 * const curves = figure1Curves(runs, new Map(runs.map((r) => [r.name, summarizeRun(simulate(r.config))])));
 * curves[1].loss.mean.length; // → 3
 * @category Experiments
 */
export function figure1Curves(runs: readonly Figure1Run[], summaries: ReadonlyMap<string, RunSummary>): Figure1Curve[] {
  return FIGURE1_MODES.map((mode) => {
    const own = runs.filter((r) => r.mode === mode).sort((a, b) => a.seed - b.seed);
    const series = own.map((r) => {
      const s = summaries.get(r.name);
      if (!s) throw new RangeError(`figure1Curves: no summary for run ${r.name}`);
      return s;
    });
    const steps = series[0].loss.map((_, t) => t);
    return {
      mode,
      loss: aggregate(steps, series.map((r) => r.loss)),
      accuracy: aggregate(series[0].evalSteps, series.map((r) => r.testAccuracy)),
      signal: aggregate(steps, series.map((r) => r.signal)),
      noise: aggregate(steps, series.map((r) => r.noise)),
    };
  });
}

/**
 * Run Figure 1 in this thread, seed by seed (`mmcl fig1` does the same on every core): the plan, then the curves.
 * `onRun(k, total)` is called after each run.
 *
 * @example
 * import { figure1 } from '@mmcl/infomax';
 * const { curves } = figure1({ seeds: 2, config: { d: 60, n: 6, m: 3, steps: 4 } });
 * curves.map((c) => c.mode); // → ['single', 'multi']
 * @category Experiments
 */
export function figure1(options: Figure1Options & { onRun?: (done: number, total: number) => void; simulate?: SimulateOptions } = {}): Figure1Result {
  const runs = figure1Runs(options);
  const summaries = new Map<string, RunSummary>();
  for (const run of runs) {
    summaries.set(run.name, summarizeRun(simulate(run.config, options.simulate)));
    options.onRun?.(summaries.size, runs.length);
  }
  return { seeds: options.seeds ?? 5, runs, curves: figure1Curves(runs, summaries) };
}
