/**
 * The phase diagram of spec §9.10 as Vega-Lite heatmaps over (n·SNR², C_µ), both on log axes: final test accuracy
 * and log10 of the signal/noise coefficient ratio, single- and multi-modal. Drawn on top: the heuristic boundaries
 * n·SNR² = 2 and C_µ·n·SNR² = 2 (spec §6.9) and the paper's constants n·SNR² = 1.7, 1.8 and C_µ = 2.66.
 */
import type { TopLevelSpec } from 'vega-lite';

/** One heatmap cell: the grid values, the cell edges and the mean values over seeds. */
export interface PhaseCell {
  mode: 'single' | 'multi';
  nSnr2: number;
  cMu: number;
  accuracy: number;
  log10Ratio: number;
}

/** Cell edges of a geometric grid: geometric midpoints between points, extended by half a step at the ends. */
export function cellEdges(points: readonly number[]): number[] {
  if (points.length === 1) return [points[0] / Math.SQRT2, points[0] * Math.SQRT2];
  const mid = points.slice(1).map((p, i) => Math.sqrt(p * points[i]));
  return [(points[0] * points[0]) / mid[0], ...mid, (points[points.length - 1] ** 2) / mid[mid.length - 1]];
}

// The single-modal dynamics do not involve µ~, so only the n·SNR² thresholds belong on those panels; the C_µ ones
// (and the multi-modal proof's n·SNR² ≥ 1.7) only on the multi-modal panels (spec §6.9, §9.10).
const BOUNDARIES = {
  single: ['heuristic n·SNR² = 2', 'paper n·SNR² = 1.8'],
  multi: ['heuristic Cµ·n·SNR² = 2', 'paper n·SNR² = 1.7', 'paper Cµ = 2.66'],
} as const;

function boundaryLines(mode: 'single' | 'multi', xDomain: [number, number], yDomain: [number, number]) {
  const rows: { boundary: string; x: number; y: number; order: number }[] = [];
  const vertical = (label: string, x: number) => rows.push({ boundary: label, x, y: yDomain[0], order: 0 }, { boundary: label, x, y: yDomain[1], order: 1 });
  if (mode === 'single') {
    vertical('heuristic n·SNR² = 2', 2);
    vertical('paper n·SNR² = 1.8', 1.8);
    return rows;
  }
  vertical('paper n·SNR² = 1.7', 1.7);
  rows.push({ boundary: 'paper Cµ = 2.66', x: xDomain[0], y: 2.66, order: 0 }, { boundary: 'paper Cµ = 2.66', x: xDomain[1], y: 2.66, order: 1 });
  const samples = 60;
  for (let k = 0; k <= samples; k++) {
    const x = xDomain[0] * (xDomain[1] / xDomain[0]) ** (k / samples);
    rows.push({ boundary: 'heuristic Cµ·n·SNR² = 2', x, y: 2 / x, order: k });
  }
  return rows;
}

const BOUNDARY_STYLE = {
  domain: [...BOUNDARIES.single, ...BOUNDARIES.multi],
  dash: [[1, 0], [4, 2], [8, 3], [2, 2], [6, 2, 2, 2]],
};

/**
 * The 2×2 figure: rows accuracy / log₁₀ ratio, columns single / multi. Each row has one colour legend (the two
 * panels share its scale) and the figure one legend of the boundary lines.
 */
export function phaseSpec(cells: readonly PhaseCell[], snrPoints: readonly number[], cMuPoints: readonly number[], seeds: number): TopLevelSpec {
  const xEdges = cellEdges(snrPoints);
  const yEdges = cellEdges(cMuPoints);
  const xDomain: [number, number] = [xEdges[0], xEdges[xEdges.length - 1]];
  const yDomain: [number, number] = [yEdges[0], yEdges[yEdges.length - 1]];
  const rects = cells.map((c) => {
    const i = snrPoints.indexOf(c.nSnr2);
    const j = cMuPoints.indexOf(c.cMu);
    return { ...c, x0: xEdges[i], x1: xEdges[i + 1], y0: yEdges[j], y1: yEdges[j + 1] };
  });
  const maxAbs = Math.max(0.5, ...cells.map((c) => Math.abs(c.log10Ratio)).filter(Number.isFinite));
  const metrics = [
    { field: 'accuracy', title: 'final test accuracy', legend: 'test accuracy', scale: { domain: [0.5, 1], scheme: 'viridis', clamp: true } },
    {
      field: 'log10Ratio', title: 'log₁₀(signal / noise) at t = T', legend: 'log₁₀ ratio',
      scale: { domain: [-maxAbs, maxAbs], scheme: 'redblue', domainMid: 0, clamp: true },
    },
  ];
  const x = { type: 'quantitative', scale: { type: 'log', domain: xDomain, nice: false }, title: 'n·SNR² = n‖µ‖² / (σξ² d)' } as const;
  // Short texts: Vega lays out by estimated text extents, and a title wider than its panel pushes the grid apart.
  const yTitle = { single: 'Cµ (unused by single-modal)', multi: 'Cµ = ‖µ̃‖ / ‖µ‖' } as const;
  const subtitle = { single: 'one run per n·SNR², repeated across Cµ', multi: 'one run per (n·SNR², Cµ)' } as const;
  const rows = metrics.map((metric) => ({
    hconcat: (['single', 'multi'] as const).map((mode) => ({
      title: { text: `${mode === 'single' ? 'Single-modal' : 'Multi-modal'}: ${metric.title}`, subtitle: subtitle[mode], subtitleColor: '#555' },
      width: 260,
      height: 220,
      layer: [
        {
          data: { values: rects.filter((r) => r.mode === mode) },
          mark: { type: 'rect', clip: true },
          encoding: {
            x: { ...x, field: 'x0' },
            x2: { field: 'x1' },
            y: { type: 'quantitative', scale: { type: 'log', domain: yDomain, nice: false }, title: yTitle[mode], field: 'y0' },
            y2: { field: 'y1' },
            color: { field: metric.field, type: 'quantitative', title: metric.legend, scale: metric.scale, legend: { orient: 'right' } },
          },
        },
        {
          data: { values: boundaryLines(mode, xDomain, yDomain) },
          mark: { type: 'line', clip: true, strokeWidth: 1.8 },
          encoding: {
            x: { ...x, field: 'x' },
            y: { type: 'quantitative', scale: { type: 'log', domain: yDomain, nice: false }, field: 'y' },
            order: { field: 'order', type: 'quantitative' },
            detail: { field: 'boundary' },
            strokeDash: {
              field: 'boundary', type: 'nominal', title: 'boundaries',
              legend: { orient: 'bottom', columns: 3, labelLimit: 0, symbolSize: 400 },
              scale: { domain: BOUNDARY_STYLE.domain, range: BOUNDARY_STYLE.dash },
            },
            color: { value: 'black' },
          },
        },
      ],
    })),
    resolve: { scale: { color: 'shared' } },
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Phase diagram: who wins, signal learning or noise memorisation',
      subtitle: [
        `${seeds === 1 ? 'one seed per cell' : `mean over ${seeds} seeds per cell`} at the final step T; Figure-1 configuration otherwise`,
        'signal = maxᵣ |γᵣ|, noise = (1/n) Σᵢ maxᵣ ρᵣ,ᵢ of encoder h; log₁₀ ratio > 0: signal learning wins',
      ],
    },
    background: 'white',
    vconcat: rows,
    resolve: { scale: { color: 'independent' }, legend: { strokeDash: 'shared' } },
  } as TopLevelSpec;
}
