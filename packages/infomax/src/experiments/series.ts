/**
 * The per-run series the experiments plot (spec §7.1: signal learning = max_r |γ_r^(t)|, noise memorisation =
 * (1/n) Σ_i max_r ρ_{r,i}^(t), of encoder h) and their mean ± sd over seeds.
 */
import { meanAndSd } from '@mmcl/autodiff';
import { runSeries, type RunSeries } from '../optimizers/comparison.js';
import type { SimulationResult } from '../types.js';

/**
 * The small part of a run that the figures need, as plain arrays (JSON- and worker-transferable): a RunSeries.
 * @category Summaries
 */
export type RunSummary = RunSeries;

/**
 * A series over seeds: the steps, the mean and the sample standard deviation (0 for a single seed).
 * @category Summaries
 */
export interface SeriesSummary {
  steps: number[];
  mean: number[];
  sd: number[];
}

/**
 * The plotted series of one simulated run (encoder h).
 *
 * @example
 * import { simulate, summarizeRun } from '@mmcl/infomax';
 * summarizeRun(simulate({ d: 40, n: 4, m: 2, steps: 3, populationSamples: 0 })).signal.length; // → 4
 * @category Summaries
 */
export function summarizeRun(result: SimulationResult): RunSummary {
  return runSeries(result);
}

/**
 * Mean and sample standard deviation (n − 1) across equally long series, point by point, in seed order.
 *
 * @example
 * import { aggregate } from '@mmcl/infomax';
 * aggregate([0, 1], [[1, 2], [3, 2]]).mean; // → [2, 2]
 * @category Summaries
 */
export function aggregate(steps: readonly number[], series: readonly (readonly number[])[]): SeriesSummary {
  const points = steps.map((_, i) => meanAndSd(series.map((s) => s[i]), 1));
  return { steps: [...steps], mean: points.map((p) => p.mean), sd: points.map((p) => p.sd) };
}
