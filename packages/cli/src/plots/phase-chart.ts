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

function boundaryLines(xDomain: [number, number], yDomain: [number, number]) {
  const rows: { boundary: string; x: number; y: number; order: number }[] = [];
  const vertical = (label: string, x: number) => rows.push({ boundary: label, x, y: yDomain[0], order: 0 }, { boundary: label, x, y: yDomain[1], order: 1 });
  vertical('heuristic n·SNR² = 2', 2);
  vertical('paper n·SNR² = 1.7', 1.7);
  vertical('paper n·SNR² = 1.8', 1.8);
  rows.push({ boundary: 'paper C_µ = 2.66', x: xDomain[0], y: 2.66, order: 0 }, { boundary: 'paper C_µ = 2.66', x: xDomain[1], y: 2.66, order: 1 });
  const samples = 60;
  for (let k = 0; k <= samples; k++) {
    const x = xDomain[0] * (xDomain[1] / xDomain[0]) ** (k / samples);
    rows.push({ boundary: 'heuristic C_µ·n·SNR² = 2', x, y: 2 / x, order: k });
  }
  return rows;
}

const BOUNDARY_STYLE = {
  domain: ['heuristic n·SNR² = 2', 'heuristic C_µ·n·SNR² = 2', 'paper n·SNR² = 1.7', 'paper n·SNR² = 1.8', 'paper C_µ = 2.66'],
  dash: [[1, 0], [8, 3], [2, 2], [4, 2], [6, 2, 2, 2]],
};

/** The 2×2 figure: rows accuracy / log10 ratio, columns single / multi. */
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
    { field: 'accuracy', title: 'final test accuracy', scale: { domain: [0.5, 1], scheme: 'viridis', clamp: true } },
    { field: 'log10Ratio', title: 'log10 ratio', scale: { domain: [-maxAbs, maxAbs], scheme: 'redblue', domainMid: 0, clamp: true } },
  ];
  const x = { type: 'quantitative', scale: { type: 'log', domain: xDomain, nice: false }, title: 'n·SNR²' } as const;
  const y = { type: 'quantitative', scale: { type: 'log', domain: yDomain, nice: false }, title: 'C_µ = ‖µ~‖ / ‖µ‖' } as const;
  const panels = metrics.flatMap((metric) =>
    (['single', 'multi'] as const).map((mode) => ({
      title: `${mode === 'single' ? 'Single-modal' : 'Multi-modal'}: ${metric.field === 'accuracy' ? metric.title : 'log10(signal / noise)'}`,
      width: 260,
      height: 220,
      layer: [
        {
          data: { values: rects.filter((r) => r.mode === mode) },
          mark: { type: 'rect', clip: true },
          encoding: {
            x: { ...x, field: 'x0' },
            x2: { field: 'x1' },
            y: { ...y, field: 'y0' },
            y2: { field: 'y1' },
            color: { field: metric.field, type: 'quantitative', title: metric.title, scale: metric.scale, legend: { orient: 'right' } },
          },
        },
        {
          data: { values: boundaryLines(xDomain, yDomain) },
          mark: { type: 'line', clip: true, strokeWidth: 1.8 },
          encoding: {
            x: { ...x, field: 'x' },
            y: { ...y, field: 'y' },
            order: { field: 'order', type: 'quantitative' },
            detail: { field: 'boundary' },
            strokeDash: { field: 'boundary', type: 'nominal', title: 'boundaries', legend: { orient: 'bottom', columns: 3, labelLimit: 0, symbolSize: 400 }, scale: { domain: BOUNDARY_STYLE.domain, range: BOUNDARY_STYLE.dash } },
            color: { value: 'black' },
          },
        },
      ],
      resolve: { scale: { color: 'independent' } },
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Phase diagram: who wins, signal learning or noise memorisation', subtitle: `mean over ${seeds} seed${seeds === 1 ? '' : 's'} per cell; Figure-1 configuration otherwise` },
    background: 'white',
    columns: 2,
    concat: panels,
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
