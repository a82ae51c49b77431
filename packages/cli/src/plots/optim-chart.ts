/**
 * The optimizer comparison as a Vega-Lite chart: loss, test accuracy, signal learning, noise memorisation and span
 * residual against step, one row per mode, one colour per optimizer, a band of ± 1 standard deviation over seeds.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SeriesSummary } from '../summary.js';

/** The curves of one optimizer in one mode. */
export interface OptimCurve {
  label: string;
  mode: 'single' | 'multi';
  loss: SeriesSummary;
  accuracy: SeriesSummary;
  signal: SeriesSummary;
  noise: SeriesSummary;
  /** Dense-engine runs only. */
  spanResidual?: SeriesSummary;
}

const PANELS = [
  { key: 'loss', title: 'Training Loss', axis: 'training loss', log: false },
  { key: 'accuracy', title: 'Test Accuracy', axis: 'OOD test accuracy', log: false },
  { key: 'signal', title: 'Signal Learning', axis: 'max_r |γ_r|', log: false },
  { key: 'noise', title: 'Noise Memorization', axis: 'mean_i max_r ρ_r,i', log: false },
  { key: 'spanResidual', title: 'Span Residual', axis: '‖W − aW0 − proj‖/‖W − aW0‖', log: false },
] as const;

const MODE_LABEL = { single: 'single-modal', multi: 'multi-modal' } as const;

/**
 * The Vega-Lite specification of the comparison.
 *
 * @example
 * optimSpec([], 3).title; // { text: …, subtitle: 'mean ± 1 sd over 3 seeds' }
 */
export function optimSpec(curves: readonly OptimCurve[], seeds: number): TopLevelSpec {
  const labels = [...new Set(curves.map((c) => c.label))];
  const modes = (['single', 'multi'] as const).filter((mode) => curves.some((c) => c.mode === mode));
  const panels = modes.flatMap((mode) =>
    PANELS.map(({ key, title, axis }) => {
      const values = curves
        .filter((c) => c.mode === mode)
        .flatMap((curve) => {
          const series = curve[key];
          if (!series) return [];
          return Array.from(series.steps, (step, i) => ({
            step,
            optimizer: curve.label,
            mean: series.mean[i],
            low: series.mean[i] - series.sd[i],
            high: series.mean[i] + series.sd[i],
          }));
        });
      const x = { field: 'step', type: 'quantitative', title: 'step' } as const;
      const color = { field: 'optimizer', type: 'nominal', title: null, scale: { domain: labels, scheme: 'category10' }, legend: { orient: 'top' } } as const;
      const y = (field: string) => ({ field, type: 'quantitative', title: axis, scale: { zero: key !== 'accuracy' } }) as const;
      return {
        title: `${title} (${MODE_LABEL[mode]})`,
        width: 220,
        height: 160,
        data: { values },
        layer: [
          { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: y('low'), y2: { field: 'high' }, color } },
          { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: y('mean'), color } },
        ],
      };
    }),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Optimizers on paper 1’s model (Huang et al. 2024)', subtitle: `mean ± 1 sd over ${seeds} seed${seeds === 1 ? '' : 's'}` },
    background: 'white',
    columns: PANELS.length,
    concat: panels,
    config: { view: { stroke: '#ccc' }, axis: { grid: true, gridColor: '#eee' } },
  } as TopLevelSpec;
}
