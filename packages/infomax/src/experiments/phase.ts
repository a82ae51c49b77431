/**
 * The phase sweep of spec §9.10 as library functions: single- and multi-modal runs over a geometric grid of
 * n·SNR² = n‖µ‖²/(σ_ξ² d) (through ‖µ‖) and C_µ = ‖µ~‖/‖µ‖ (through ‖µ~‖), several seeds per point, at the
 * Figure-1 configuration otherwise; the cells are the means over seeds. The single-modal dynamics do not involve
 * µ~, so single-modal runs are made once per n·SNR² (their cells carry no C_µ). `mmcl phase` runs the same points on
 * worker threads, in shards on a cluster, and draws the heatmaps.
 */
import { arrayMean } from '@mmcl/autodiff';
import { resolveConfig } from '../config.js';
import { simulate } from '../simulate.js';
import type { InfomaxConfig, InfomaxConfigInput, Mode } from '../types.js';
import { summarizeRun, type RunSummary } from './series.js';

/**
 * A geometric axis: `points` values from `min` to `max`.
 * @category Experiments
 */
export interface GridAxis {
  min: number;
  max: number;
  points: number;
}

/**
 * Everything that defines a sweep; shards can be merged only when these are equal.
 * @category Experiments
 */
export interface PhaseGrid {
  snr: GridAxis;
  cMu: GridAxis;
  seeds: number;
  /** The engine configuration shared by every run (µ norms, mode and seed are set per point). */
  base: InfomaxConfig;
}

/**
 * One run of the sweep.
 * @category Experiments
 */
export interface PhasePoint {
  name: string;
  mode: Mode;
  /** Index on the n·SNR² axis and on the C_µ axis (0 for single-modal runs). */
  i: number;
  j: number;
  seed: number;
  nSnr2: number;
  cMu: number;
}

/**
 * The final values of one run, as stored in shard files and phase-runs.csv.
 * @category Experiments
 */
export interface PhaseResult extends PhasePoint {
  muNorm: number;
  muTildeNorm: number;
  loss: number;
  accuracy: number;
  signal: number;
  noise: number;
}

/**
 * One cell of the diagram: means over seeds (log10Ratio is the mean of log10(signal/noise)).
 * @category Experiments
 */
export interface PhaseCellSummary {
  mode: Mode;
  nSnr2: number;
  /** The C_µ of the cell; single-modal cells repeat across the C_µ axis with the same values. */
  cMu: number;
  seeds: number;
  accuracy: number;
  log10Ratio: number;
  signal: number;
  noise: number;
}

/**
 * The values of a geometric axis, computed as min·(max/min)^(k/(points−1)).
 *
 * @example
 * import { axisValues } from '@mmcl/infomax/internal';
 * axisValues({ min: 1, max: 4, points: 3 }); // → [1, 2, 4]
 * @category Experiments
 */
export function axisValues(axis: GridAxis): number[] {
  if (axis.points === 1) return [axis.min];
  return Array.from({ length: axis.points }, (_, k) => axis.min * (axis.max / axis.min) ** (k / (axis.points - 1)));
}

/**
 * Every run of the grid in a fixed order (the order shards are cut from).
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { phasePoints } from '@mmcl/infomax/internal';
 * const grid = { snr: { min: 1, max: 4, points: 2 }, cMu: { min: 1, max: 1, points: 1 }, seeds: 1, base: resolveConfig() };
 * phasePoints(grid).map((p) => p.name); // → ['single-s0-seed0', 'multi-s0-c0-seed0', 'single-s1-seed0', 'multi-s1-c0-seed0']
 * @category Experiments
 */
export function phasePoints(grid: PhaseGrid): PhasePoint[] {
  const snr = axisValues(grid.snr);
  const cMu = axisValues(grid.cMu);
  const points: PhasePoint[] = [];
  for (let i = 0; i < snr.length; i++) {
    for (let seed = 0; seed < grid.seeds; seed++) {
      points.push({ name: `single-s${i}-seed${seed}`, mode: 'single', i, j: 0, seed, nSnr2: snr[i], cMu: cMu[0] });
      for (let j = 0; j < cMu.length; j++) {
        points.push({ name: `multi-s${i}-c${j}-seed${seed}`, mode: 'multi', i, j, seed, nSnr2: snr[i], cMu: cMu[j] });
      }
    }
  }
  return points;
}

/**
 * The engine configuration of a grid point: ‖µ‖ = σ_ξ √(n·SNR² · d / n), ‖µ~‖ = C_µ ‖µ‖.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { phasePoints, pointConfig } from '@mmcl/infomax/internal';
 * const grid = { snr: { min: 1, max: 1, points: 1 }, cMu: { min: 3, max: 3, points: 1 }, seeds: 1, base: resolveConfig({ d: 50, n: 2 }) };
 * // ‖µ‖ = 1 · √(1 · 50 / 2) = 5, so ‖µ~‖ = 3 · 5
 * pointConfig(grid, phasePoints(grid)[1]).muTildeNorm; // → 15
 * @category Experiments
 */
export function pointConfig(grid: PhaseGrid, point: PhasePoint): InfomaxConfig {
  const { d, n, sigmaXi } = grid.base;
  const muNorm = sigmaXi * Math.sqrt((point.nSnr2 * d) / n);
  return { ...grid.base, mode: point.mode, seed: point.seed, muNorm, muTildeNorm: point.cMu * muNorm };
}

/**
 * The final values of a finished run.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { phasePoints, phaseResult } from '@mmcl/infomax/internal';
 * const grid = { snr: { min: 2, max: 2, points: 1 }, cMu: { min: 3, max: 3, points: 1 }, seeds: 1, base: resolveConfig({ d: 50, n: 2 }) };
 * const summary = { loss: [2, 1], signal: [0, 4], noise: [0, 2], evalSteps: [0, 1], testAccuracy: [0.5, 0.9], wallTimeMs: 1 };
 * phaseResult(grid, phasePoints(grid)[0], summary).accuracy; // → 0.9
 * @category Experiments
 */
export function phaseResult(grid: PhaseGrid, point: PhasePoint, summary: RunSummary): PhaseResult {
  const config = pointConfig(grid, point);
  const last = (xs: number[]) => xs[xs.length - 1];
  return {
    ...point,
    muNorm: config.muNorm,
    muTildeNorm: config.muTildeNorm,
    loss: last(summary.loss),
    accuracy: last(summary.testAccuracy),
    signal: last(summary.signal),
    noise: last(summary.noise),
  };
}

/**
 * The mean cells of the heatmaps, over seeds in seed order; single-modal cells repeat across the C_µ axis.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { phaseCells } from '@mmcl/infomax/internal';
 * const grid = { snr: { min: 2, max: 2, points: 1 }, cMu: { min: 3, max: 3, points: 1 }, seeds: 1, base: resolveConfig() };
 * phaseCells(grid, []).length; // → 2
 * @category Experiments
 */
export function phaseCells(grid: PhaseGrid, results: readonly PhaseResult[]): PhaseCellSummary[] {
  const snr = axisValues(grid.snr);
  const cMu = axisValues(grid.cMu);
  const cells: PhaseCellSummary[] = [];
  for (const mode of ['single', 'multi'] as const) {
    for (let i = 0; i < snr.length; i++) {
      for (let j = 0; j < cMu.length; j++) {
        const runs = results
          .filter((r) => r.mode === mode && r.i === i && (mode === 'single' || r.j === j))
          .sort((a, b) => a.seed - b.seed);
        const mean = (f: (r: PhaseResult) => number) => arrayMean(runs.map(f));
        cells.push({
          mode, nSnr2: snr[i], cMu: cMu[j], seeds: runs.length,
          accuracy: mean((r) => r.accuracy),
          // The mean of log ratios (a geometric mean of ratios): one seed's ratio of 100 must not drown out the rest.
          log10Ratio: mean((r) => Math.log10(r.signal / r.noise)),
          signal: mean((r) => r.signal),
          noise: mean((r) => r.noise),
        });
      }
    }
  }
  return cells;
}

/**
 * The default horizon of the sweep: by 100 steps the loss has converged and the signal/noise ordering is settled.
 * @category Experiments
 */
export const PHASE_DEFAULT_STEPS = 100;

/**
 * What {@link phaseSweep} returns.
 * @category Experiments
 */
export interface PhaseSweepResult {
  grid: PhaseGrid;
  results: PhaseResult[];
  cells: PhaseCellSummary[];
}

/**
 * Run the phase sweep in this thread: every point of the grid, then the cells. `base` changes the Figure-1
 * configuration (by default the probe runs at t = 0 and T only and the population error is off, as in `mmcl phase`).
 *
 * @example
 * import { phaseSweep } from '@mmcl/infomax';
 * const sweep = phaseSweep({ snr: { min: 0.5, max: 4, points: 2 }, cMu: { min: 1, max: 4, points: 2 }, seeds: 1, base: { d: 60, n: 6, m: 3, steps: 5, nTest: 10, probeTrainSize: 5 } });
 * sweep.results.length; // → 6
 * @category Experiments
 */
export function phaseSweep(options: {
  snr: GridAxis;
  cMu: GridAxis;
  seeds: number;
  base?: InfomaxConfigInput;
  onRun?: (done: number, total: number) => void;
}): PhaseSweepResult {
  const steps = options.base?.steps ?? PHASE_DEFAULT_STEPS;
  const base = resolveConfig({ evalEvery: steps, populationSamples: 0, ...options.base, steps });
  const grid: PhaseGrid = { snr: options.snr, cMu: options.cMu, seeds: options.seeds, base };
  const points = phasePoints(grid);
  const results = points.map((point, k) => {
    const result = phaseResult(grid, point, summarizeRun(simulate(pointConfig(grid, point))));
    options.onRun?.(k + 1, points.length);
    return result;
  });
  return { grid, results, cells: phaseCells(grid, results) };
}
