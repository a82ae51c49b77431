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
  for (const text of ['Training Loss', 'Test Accuracy', 'Signal Learning', 'Noise Memorization', 'Single-Modal', 'Multi-Modal', 'mean ± 1 sd over 3 seeds']) {
    assert.ok(svg.includes(text), text);
  }
  assert.is(svg.match(/>Epoch</g)?.length, 4, 'one x axis per panel');
  assert.is(svg.match(/role-legend"/g)?.length, 1, 'a single shared legend');
});

test.run();
