/**
 * The grid of the phase sweep (spec §9.10) and its outputs, shared by `mmcl phase` and `mmcl merge`.
 *
 * A grid point fixes n·SNR² = n‖µ‖²/(σ_ξ² d) through ‖µ‖ and C_µ = ‖µ~‖/‖µ‖ through ‖µ~‖, at the Figure-1
 * configuration otherwise. The single-modal dynamics do not involve µ~, so single-modal runs are made once per
 * n·SNR² and shown across the C_µ axis.
 */
import type { InfomaxConfig } from '@mmcl/infomax';
import { z } from 'zod';
import { phaseSpec, type PhaseCell } from './plots/phase-chart.js';
import { renderSvg } from './plots/render.js';
import type { StagedOutput } from './output.js';
import type { RunSummary } from './summary.js';
import { formatTable, toCsv } from './table.js';

/** A geometric axis: `points` values from `min` to `max`. */
export interface GridAxis {
  min: number;
  max: number;
  points: number;
}

/** "min:max:points" with 0 < min ≤ max and points ≥ 1 (points = 1 needs min = max). */
export const axisField = () =>
  z
    .string()
    .regex(/^\s*[0-9.eE+-]+\s*:\s*[0-9.eE+-]+\s*:\s*\d+\s*$/, 'must be min:max:points, for example 0.25:8:12')
    .transform((text) => {
      const [min, max, points] = text.split(':').map(Number);
      return { min, max, points };
    })
    .refine((a) => Number.isFinite(a.min) && Number.isFinite(a.max) && a.min > 0 && a.max >= a.min, 'needs 0 < min ≤ max')
    .refine((a) => Number.isInteger(a.points) && a.points >= 1 && (a.points > 1 || a.min === a.max), 'needs a whole number of points ≥ 1 (1 only when min = max)');

/** The values of a geometric axis, computed as min·(max/min)^(k/(points−1)). */
export function axisValues(axis: GridAxis): number[] {
  if (axis.points === 1) return [axis.min];
  return Array.from({ length: axis.points }, (_, k) => axis.min * (axis.max / axis.min) ** (k / (axis.points - 1)));
}

/** One run of the sweep. */
export interface PhasePoint {
  name: string;
  mode: 'single' | 'multi';
  /** Index on the n·SNR² axis and on the C_µ axis (0 for single-modal runs). */
  i: number;
  j: number;
  seed: number;
  nSnr2: number;
  cMu: number;
}

/** The final values of one run, as stored in shard files and phase-runs.csv. */
export interface PhaseResult extends PhasePoint {
  muNorm: number;
  muTildeNorm: number;
  loss: number;
  accuracy: number;
  signal: number;
  noise: number;
}

/** Everything that defines a sweep; shards can be merged only when these are equal. */
export interface PhaseGrid {
  snr: GridAxis;
  cMu: GridAxis;
  seeds: number;
  /** The engine configuration shared by every run (µ norms, mode and seed are set per point). */
  base: InfomaxConfig;
}

/** Every run of the grid in a fixed order (the order shards are cut from). */
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

/** The engine configuration of a grid point: ‖µ‖ = σ_ξ √(n·SNR² · d / n), ‖µ~‖ = C_µ ‖µ‖. */
export function pointConfig(grid: PhaseGrid, point: PhasePoint): InfomaxConfig {
  const { d, n, sigmaXi } = grid.base;
  const muNorm = sigmaXi * Math.sqrt((point.nSnr2 * d) / n);
  return { ...grid.base, mode: point.mode, seed: point.seed, muNorm, muTildeNorm: point.cMu * muNorm };
}

/** The final values of a finished run. */
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

/** The mean cells of the heatmaps; single-modal cells repeat across the C_µ axis. */
export function phaseCells(grid: PhaseGrid, results: readonly PhaseResult[]): (PhaseCell & { seeds: number; signal: number; noise: number })[] {
  const snr = axisValues(grid.snr);
  const cMu = axisValues(grid.cMu);
  const cells = [];
  for (const mode of ['single', 'multi'] as const) {
    for (let i = 0; i < snr.length; i++) {
      for (let j = 0; j < cMu.length; j++) {
        const runs = results
          .filter((r) => r.mode === mode && r.i === i && (mode === 'single' || r.j === j))
          .sort((a, b) => a.seed - b.seed);
        const mean = (f: (r: PhaseResult) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
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

/** Writes phase.svg, phase.csv (cell means), phase-runs.csv (every run) and phase.json; returns the printed summary. */
export async function writePhaseOutputs(grid: PhaseGrid, results: readonly PhaseResult[], output: StagedOutput): Promise<string> {
  const cells = phaseCells(grid, results);
  const snr = axisValues(grid.snr);
  const cMu = axisValues(grid.cMu);
  output.write('phase-runs.csv', phaseRunsCsv(results));
  output.write(
    'phase.csv',
    toCsv(
      ['mode', 'n_snr2', 'c_mu', 'seeds', 'test_accuracy_mean', 'log10_signal_noise_ratio_mean', 'signal_mean', 'noise_mean'],
      cells.map((c) => [c.mode, c.nSnr2, c.cMu, c.seeds, c.accuracy, c.log10Ratio, c.signal, c.noise]),
    ),
  );
  output.write('phase.json', JSON.stringify({ grid, results }, null, 1) + '\n');
  output.write('phase.svg', await renderSvg(phaseSpec(cells, snr, cMu, grid.seeds)));
  return phaseReport(cells);
}

/** Every run's final values, one row per run. */
export function phaseRunsCsv(results: readonly PhaseResult[]): string {
  const header = ['mode', 'n_snr2', 'c_mu', 'seed', 'mu_norm', 'mu_tilde_norm', 'loss', 'test_accuracy', 'signal', 'noise'];
  return toCsv(header, results.map((r) => [r.mode, r.nSnr2, r.mode === 'single' ? undefined : r.cMu, r.seed, r.muNorm, r.mode === 'single' ? undefined : r.muTildeNorm, r.loss, r.accuracy, r.signal, r.noise]));
}

/**
 * How often the heuristic of spec §6.9 predicts the winner: signal wins (ratio > 1) iff n·SNR² > 2 (single) or
 * C_µ·n·SNR² > 2 (multi).
 */
export function phaseReport(cells: ReturnType<typeof phaseCells>): string {
  const rows = [['mode', 'cells', 'signal wins', 'accuracy ≥ 0.9', 'agrees with heuristic']];
  for (const mode of ['single', 'multi'] as const) {
    const own = cells.filter((c) => c.mode === mode);
    const predicted = (c: PhaseCell) => (mode === 'single' ? c.nSnr2 : c.cMu * c.nSnr2) > 2;
    const wins = own.filter((c) => c.log10Ratio > 0).length;
    const accurate = own.filter((c) => c.accuracy >= 0.9).length;
    const agree = own.filter((c) => c.log10Ratio > 0 === predicted(c)).length;
    rows.push([mode, String(own.length), String(wins), String(accurate), `${((100 * agree) / own.length).toFixed(0)}%`]);
  }
  return formatTable(rows);
}
