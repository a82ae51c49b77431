/**
 * The outputs of the phase sweep (spec §9.10), shared by `mmcl phase` and `mmcl merge`. The sweep itself (grid,
 * points, configurations, cells) is @mmcl/infomax's phase experiment, re-exported here for the command modules.
 */
import { type PhaseCellSummary, type PhaseGrid, type PhaseResult } from '@mmcl/infomax';
import { axisValues, phaseCells } from '@mmcl/infomax/internal';
import { z } from 'zod';
import { phaseSpec, type PhaseCell } from './plots/phase-chart.js';
import { writeFigure } from './plots/render.js';
import type { StagedOutput } from './output.js';
import { formatTable, toCsv } from './table.js';

export { type GridAxis, type PhaseGrid, type PhasePoint, type PhaseResult } from '@mmcl/infomax';
export { axisValues, phaseCells, phasePoints, phaseResult, pointConfig } from '@mmcl/infomax/internal';

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

/** Writes phase.svg (.png, .pdf), phase.csv (cell means), phase-runs.csv (every run) and phase.json; returns the printed summary. */
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
  await writeFigure((name, data) => output.write(name, data), 'phase', phaseSpec(cells, snr, cMu, grid.seeds));
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
export function phaseReport(cells: readonly PhaseCellSummary[]): string {
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
