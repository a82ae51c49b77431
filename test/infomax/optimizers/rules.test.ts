import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adamStep, decoupledDecay, rmspropStep, sgdStep, signGdStep } from '@mmcl/infomax/internal';

const sgd = { momentum: 0, nesterov: false, weightDecay: 0, decoupled: false };
const adam = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, decoupled: false, momentOrder: 'lerp' as const };

test('sgd: β = λ = 0 is W − η g bit for bit (the GD special case)', () => {
  const w = new Float64Array([0.3, -1.7, 2.9]);
  const g = new Float64Array([0.1, 0.7, -3.3]);
  const expected = w.map((x, k) => x - 0.013 * g[k]);
  sgdStep(w, g, 0.013, sgd, {});
  assert.equal(Array.from(w), Array.from(expected));
});

test('sgd momentum: buffer = g first, then β·buf + g; Nesterov steps along g + β·buf', () => {
  const w = new Float64Array([0]);
  const state = {};
  const options = { ...sgd, momentum: 0.5 };
  sgdStep(w, new Float64Array([1]), 1, options, state); // buf 1
  sgdStep(w, new Float64Array([2]), 1, options, state); // buf 2.5
  assert.is(w[0], -3.5);
  const v = new Float64Array([0]);
  const nesterov = { ...options, nesterov: true };
  const s2 = {};
  sgdStep(v, new Float64Array([1]), 1, nesterov, s2); // buf 1, d = 1 + 0.5
  sgdStep(v, new Float64Array([2]), 1, nesterov, s2); // buf 2.5, d = 2 + 1.25
  assert.is(v[0], -(1.5 + 3.25));
});

test('weight decay: coupled adds λW to the gradient, decoupled shrinks W by (1 − ηλ) first', () => {
  const w = new Float64Array([2]);
  sgdStep(w, new Float64Array([0]), 0.1, { ...sgd, weightDecay: 0.5 }, {});
  assert.is(w[0], 2 - 0.1 * (0.5 * 2));
  const v = new Float64Array([2]);
  sgdStep(v, new Float64Array([1]), 0.1, { ...sgd, weightDecay: 0.5, decoupled: true }, {});
  assert.is(v[0], 2 * (1 - 0.05) - 0.1);
  const u = new Float64Array([4]);
  decoupledDecay(u, 0.1, 0);
  assert.is(u[0], 4);
});

test('adam: the first step moves each coordinate by ≈ η sign(g); bias correction; state counts steps', () => {
  const w = new Float64Array([1, 1, 1]);
  const state: { step?: number } = {};
  adamStep(w, new Float64Array([3, -0.002, 0]), 0.1, adam, state);
  assert.ok(Math.abs(w[0] - 0.9) < 1e-8 && Math.abs(w[1] - 1.1) < 1e-5);
  assert.is(w[2], 1);
  assert.is(state.step, 1);
});

test("adam moment order: 'classic' differs from 'lerp' only in the last bits", () => {
  const a = new Float64Array([0.5, -0.25]);
  const b = Float64Array.from(a);
  const sa = {};
  const sb = {};
  for (let t = 0; t < 50; t++) {
    const g = new Float64Array([Math.sin(t), Math.cos(3 * t)]);
    adamStep(a, g, 0.01, adam, sa);
    adamStep(b, g, 0.01, { ...adam, momentOrder: 'classic' }, sb);
  }
  const gap = Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
  assert.ok(gap < 1e-14, `gap ${gap}`);
});

test('adamw = adam with decoupled decay: (1 − ηλ) shrink before the step', () => {
  const w = new Float64Array([2]);
  adamStep(w, new Float64Array([0]), 0.1, { ...adam, weightDecay: 0.5, decoupled: true }, {});
  assert.is(w[0], 2 * (1 - 0.05));
});

test('rmsprop: v = (1 − α) g² at the first step, W ← W − η g/(√v + ε)', () => {
  const w = new Float64Array([1]);
  rmspropStep(w, new Float64Array([2]), 0.01, { alpha: 0.99, epsilon: 1e-8, weightDecay: 0, decoupled: false }, {});
  assert.ok(Math.abs(w[0] - (1 - (0.01 * 2) / (Math.sqrt(0.01 * 4) + 1e-8))) < 1e-15);
});

test('signgd: sign(0) = 0, coordinate-wise', () => {
  const w = new Float64Array([1, 1, 1]);
  signGdStep(w, new Float64Array([-3, 0, 1e-300]), 0.5, { weightDecay: 0, decoupled: false });
  assert.equal(Array.from(w), [1.5, 1, 0.5]);
});

test.run();
