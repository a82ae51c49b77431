import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams, gradcheck, tensor, type Tensor } from '@mmcl/autodiff';
import { clipLoss, normalizeRows, simclrLoss } from '../../packages/coloredmnist/src/losses.js';

function rows(t: Tensor): number[][] {
  const [n, k] = t.shape;
  return Array.from({ length: n }, (_, i) => Array.from(t.data.subarray(i * k, (i + 1) * k)));
}
const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const lse = (v: number[]) => Math.max(...v) + Math.log(v.reduce((s, x) => s + Math.exp(x - Math.max(...v)), 0));

/** NT-Xent written out loop by loop, as in the SimCLR paper. */
function referenceSimclr(a: Tensor, b: Tensor, temperature: number): number {
  const views = [...rows(a), ...rows(b)].map(unit);
  const n = a.shape[0];
  let total = 0;
  for (let i = 0; i < 2 * n; i++) {
    const others = views.flatMap((v, j) => (j === i ? [] : [dot(views[i], v) / temperature]));
    total += lse(others) - dot(views[i], views[(i + n) % (2 * n)]) / temperature;
  }
  return total / (2 * n);
}

/** CLIP's symmetric cross-entropy written out loop by loop. */
function referenceClip(images: Tensor, captions: Tensor, temperature: number): number {
  const u = rows(images).map(unit);
  const v = rows(captions).map(unit);
  const n = u.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 0.5 * (lse(v.map((c) => dot(u[i], c) / temperature)) - dot(u[i], v[i]) / temperature);
    total += 0.5 * (lse(u.map((c) => dot(c, v[i]) / temperature)) - dot(u[i], v[i]) / temperature);
  }
  return total / n;
}

const stream = createStreams(21).test;
const a = tensor(stream.normal(5 * 3), [5, 3]);
const b = tensor(stream.normal(5 * 3), [5, 3]);

test('normalizeRows gives unit rows in the same directions', () => {
  const z = rows(normalizeRows(a));
  rows(a).forEach((row, i) => {
    assert.ok(Math.abs(Math.hypot(...z[i]) - 1) < 1e-15);
    assert.ok(Math.abs(dot(unit(row), z[i]) - 1) < 1e-15);
  });
});

test('simclrLoss and clipLoss equal their loop-by-loop definitions to 1e-13', () => {
  for (const temperature of [0.1, 0.5, 2]) {
    assert.ok(Math.abs(simclrLoss(a, b, temperature).item() - referenceSimclr(a, b, temperature)) < 1e-13);
    assert.ok(Math.abs(clipLoss(a, b, temperature).item() - referenceClip(a, b, temperature)) < 1e-13);
  }
});

test('both losses reach log-of-negatives bounds: aligned distinct pairs beat random ones', () => {
  const basis = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  // Perfectly matched orthogonal pairs at τ = 0.1: each row's loss is log(1 + Σ e^{−10}) over its negatives.
  assert.ok(Math.abs(clipLoss(basis, basis, 0.1).item() - Math.log(1 + 2 * Math.exp(-10))) < 1e-14);
  assert.ok(Math.abs(simclrLoss(basis, basis, 0.1).item() - Math.log(Math.exp(10) + 4) + 10) < 1e-13);
  assert.ok(clipLoss(a, b, 0.1).item() > clipLoss(basis, basis, 0.1).item());
});

test('gradients of both losses match finite differences', () => {
  for (const loss of [simclrLoss, clipLoss]) {
    const result = gradcheck((x: Tensor, y: Tensor) => loss(x, y, 0.3), [a, b], { mode: 'full' });
    assert.ok(result.ok, `max error ${result.maxError}`);
  }
});

test.run();
