import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fig1Spec, type Fig1Curve } from '../../../packages/cli/src/plots/fig1-chart.js';
import { renderSvg } from '../../../packages/cli/src/plots/render.js';
import { aggregate } from '../../../packages/cli/src/summary.js';

const steps = [0, 1, 2];
const curve = (mode: 'single' | 'multi', scale: number): Fig1Curve => ({
  mode,
  loss: aggregate(steps, [[3 * scale, 2, 1]]),
  accuracy: aggregate([0, 2], [[0.5, 0.6 * scale]]),
  signal: aggregate(steps, [[0, 0.1, 0.2 * scale]]),
  noise: aggregate(steps, [[0, 1, 2 * scale]]),
});

test('the Figure 1 chart has four titled panels with axes and a legend of both modes', async () => {
  const svg = await renderSvg(fig1Spec([curve('single', 1), curve('multi', 1.5)], 3));
  assert.ok(svg.startsWith('<svg'));
  for (const text of ['Training Loss', 'Test Accuracy', 'Signal Learning', 'Noise Memorization', 'Single-Modal', 'Multi-Modal', 'lines: mean over 3 seeds; bands: ± 1 sd']) {
    assert.ok(svg.includes(text), text);
  }
  assert.is(svg.match(/>epoch t \(full-batch gradient steps\)</g)?.length, 4, 'one x axis per panel');
  for (const label of ['maxᵣ |γᵣ⁽ᵗ⁾|', '(1/n) Σᵢ maxᵣ ρᵣ,ᵢ⁽ᵗ⁾', 'training loss (log scale)', 'multi-modal: sum of the two terms (h→g and g→h)']) {
    assert.ok(svg.includes(label), label);
  }
  assert.not.ok(svg.includes('max_r'), 'no ASCII pseudo-TeX');
  assert.is(svg.match(/role-legend"/g)?.length, 1, 'a single shared legend');
});

test('the loss axis is logarithmic (ticks by decades), the others linear', () => {
  const spec = fig1Spec([curve('single', 1), curve('multi', 1.5)], 3) as unknown as { concat: { layer: { encoding: { y: { scale: { type?: string } } } }[] }[] };
  assert.equal(spec.concat.map((panel) => panel.layer[1].encoding.y.scale.type ?? 'linear'), ['log', 'linear', 'linear', 'linear']);
});

test('one seed is said as such, not as a mean over 1 seed', async () => {
  const svg = await renderSvg(fig1Spec([curve('single', 1), curve('multi', 1.5)], 1));
  assert.ok(svg.includes('one seed (no spread shown)'));
  assert.not.ok(svg.includes('1 seed'));
});

test.run();
