/**
 * Per-run summary series and their aggregation over seeds.
 *
 * The plotted metrics of spec §7.1 (first network, the engine's default definitions): signal learning =
 * max_r |γ_r^(t)| and noise memorisation = (1/n) Σ_i max_r ρ_{r,i}^(t).
 */
import { runSeries, type RunSeries, type SimulationResult } from '@mmcl/infomax';

/**
 * The small part of a run that the figures need, as plain arrays (JSON- and worker-transferable): @mmcl/infomax's
 * RunSeries (loss, signal, noise, test accuracy; a_t and the span residual when the optimizer produced them).
 */
export type RunSummary = RunSeries;

/** A series over seeds: the steps, the mean and the sample standard deviation (0 for a single seed). */
export interface SeriesSummary {
  steps: number[];
  mean: number[];
  sd: number[];
}

/** The summary of one simulated run. */
export function summarizeRun(result: SimulationResult): RunSummary {
  return runSeries(result);
}

/** Mean and sample standard deviation (n − 1) across equally long series, point by point, in seed order. */
export function aggregate(steps: readonly number[], series: readonly (readonly number[])[]): SeriesSummary {
  const count = series.length;
  const mean = steps.map((_, i) => series.reduce((sum, s) => sum + s[i], 0) / count);
  const sd = steps.map((_, i) => {
    if (count < 2) return 0;
    const squares = series.reduce((sum, s) => sum + (s[i] - mean[i]) ** 2, 0);
    return Math.sqrt(squares / (count - 1));
  });
  return { steps: [...steps], mean, sd };
}
