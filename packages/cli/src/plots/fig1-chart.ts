/**
 * Figure 1 of Huang et al. (2024) as a Vega-Lite chart: four panels against epoch (training loss, test accuracy,
 * signal learning, noise memorisation), one curve per mode with a band of ± 1 standard deviation over seeds.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Figure1Curve } from '@mmcl/infomax';

/** One mode's curves of the four panels (mean and sd over seeds at each epoch): @mmcl/infomax's figure1 output. */
export type Fig1Curve = Figure1Curve;

// Axis titles are typeset with Unicode (Greek letters, sub- and superscripts), rendered in DejaVu Sans.
const PANELS = [
  {
    key: 'loss', title: 'Training Loss',
    subtitle: ['InfoNCE loss L(W⁽ᵗ⁾), log scale;', 'multi-modal: sum of the two terms (h→g and g→h)'],
    axis: 'training loss (log scale)', log: true,
  },
  { key: 'accuracy', title: 'Test Accuracy', subtitle: ['linear probe on the downstream', 'test set (spec §7.1)'], axis: 'test accuracy', log: false },
  { key: 'signal', title: 'Signal Learning', subtitle: ['largest signal coefficient', 'of encoder h over its neurons r'], axis: 'maxᵣ |γᵣ⁽ᵗ⁾|', log: false },
  {
    key: 'noise', title: 'Noise Memorization',
    subtitle: ['largest noise coefficient per sample i,', 'averaged over the n samples (encoder h)'],
    axis: '(1/n) Σᵢ maxᵣ ρᵣ,ᵢ⁽ᵗ⁾', log: false,
  },
] as const;

const MODE_LABEL = { single: 'Single-Modal', multi: 'Multi-Modal' } as const;

/** The Vega-Lite specification of Figure 1 for `curves`, labelled with the number of seeds. */
export function fig1Spec(curves: readonly Fig1Curve[], seeds: number): TopLevelSpec {
  const panels = PANELS.map(({ key, title, subtitle, axis, log }) => {
    // Accuracy lives in [0.5, 1]: starting its axis at 0 would flatten the difference the figure is about.
    // The loss spans decades (≈ 8 down to ≈ 0.01): on a linear axis its end values (0.015 vs 0.013) are invisible.
    const scale = log ? { type: 'log' } : { zero: key !== 'accuracy' };
    const values = curves.flatMap((curve) => {
      const series = curve[key];
      return Array.from(series.steps, (epoch, i) => {
        const m = series.mean[i];
        const s = series.sd[i];
        // On the log axis a band reaching 0 cannot be drawn; it then starts at the mean (the sd is still in fig1.csv).
        return { epoch, model: MODE_LABEL[curve.mode], mean: m, low: log && m - s <= 0 ? m : m - s, high: m + s };
      });
    });
    const x = { field: 'epoch', type: 'quantitative', title: 'epoch t (full-batch gradient steps)' } as const;
    const color = {
      field: 'model',
      type: 'nominal',
      title: null,
      scale: { domain: ['Single-Modal', 'Multi-Modal'], range: ['#d62728', '#1f77b4'] },
      legend: { orient: 'top', direction: 'horizontal', labelFontSize: 12, symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3 },
    } as const;
    return {
      title: { text: title, subtitle: [...subtitle], subtitleColor: '#555' },
      width: 300,
      height: 200,
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: 0.2 },
          encoding: { x, y: { field: 'low', type: 'quantitative', title: axis, scale }, y2: { field: 'high' }, color },
        },
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: { x, y: { field: 'mean', type: 'quantitative', title: axis, scale }, color },
        },
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Single- vs multi-modal contrastive learning (Huang et al. 2024, Figure 1)',
      subtitle: seeds === 1 ? 'one seed (no spread shown)' : `lines: mean over ${seeds} seeds; bands: ± 1 sd`,
    },
    background: 'white',
    columns: 2,
    concat: panels,
    config: { view: { stroke: '#ccc' }, axis: { grid: true, gridColor: '#eee' } },
  } as TopLevelSpec;
}
