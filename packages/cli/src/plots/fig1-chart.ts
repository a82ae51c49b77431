/**
 * Figure 1 of Huang et al. (2024) as a Vega-Lite chart: four panels against epoch (training loss, test accuracy,
 * signal learning, noise memorisation), one curve per mode with a band of ± 1 standard deviation over seeds.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Figure1Curve } from '@mmcl/infomax';

/** One mode's curves of the four panels (mean and sd over seeds at each epoch): @mmcl/infomax's figure1 output. */
export type Fig1Curve = Figure1Curve;

const PANELS = [
  { key: 'loss', title: 'Training Loss', axis: 'training loss' },
  { key: 'accuracy', title: 'Test Accuracy', axis: 'OOD test accuracy' },
  { key: 'signal', title: 'Signal Learning', axis: 'max_r |γ_r|' },
  { key: 'noise', title: 'Noise Memorization', axis: 'mean_i max_r ρ_r,i' },
] as const;

const MODE_LABEL = { single: 'Single-Modal', multi: 'Multi-Modal' } as const;

/** The Vega-Lite specification of Figure 1 for `curves`, labelled with the number of seeds. */
export function fig1Spec(curves: readonly Fig1Curve[], seeds: number): TopLevelSpec {
  const panels = PANELS.map(({ key, title, axis }) => {
    // Accuracy lives in [0.5, 1]: starting its axis at 0 would flatten the difference the figure is about.
    const zero = key !== 'accuracy';
    const values = curves.flatMap((curve) => {
      const series = curve[key];
      return Array.from(series.steps, (epoch, i) => ({
        epoch,
        model: MODE_LABEL[curve.mode],
        mean: series.mean[i],
        low: series.mean[i] - series.sd[i],
        high: series.mean[i] + series.sd[i],
      }));
    });
    const x = { field: 'epoch', type: 'quantitative', title: 'Epoch' } as const;
    const color = {
      field: 'model',
      type: 'nominal',
      title: null,
      scale: { domain: ['Single-Modal', 'Multi-Modal'], range: ['#d62728', '#1f77b4'] },
      legend: { orient: 'top', direction: 'horizontal', labelFontSize: 12, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3 },
    } as const;
    return {
      title: title,
      width: 300,
      height: 200,
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: 0.2 },
          encoding: { x, y: { field: 'low', type: 'quantitative', title: axis, scale: { zero } }, y2: { field: 'high' }, color },
        },
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: { x, y: { field: 'mean', type: 'quantitative', title: axis, scale: { zero } }, color },
        },
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Single- vs multi-modal contrastive learning (Huang et al. 2024, Figure 1)', subtitle: `mean ± 1 sd over ${seeds} seed${seeds === 1 ? '' : 's'}` },
    background: 'white',
    columns: 2,
    concat: panels,
    config: { view: { stroke: '#ccc' }, axis: { grid: true, gridColor: '#eee' } },
  } as TopLevelSpec;
}
