import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adamStep, createAdamState, DEFAULT_ADAM } from '@mmcl/intrinsic';

test('the first step moves each parameter by lr·ĝ/(|ĝ| + eps) with ĝ = g + wd·θ (coupled decay)', () => {
  const theta = new Float64Array([1, -2, 0.5, 0]);
  const grad = new Float64Array([0.3, 0, -4e-9, 1e-3]);
  const before = Float64Array.from(theta);
  adamStep(theta, grad, createAdamState(4), DEFAULT_ADAM);
  for (let i = 0; i < 4; i++) {
    const g = grad[i] + DEFAULT_ADAM.weightDecay * before[i];
    const expected = before[i] - (DEFAULT_ADAM.learningRate * g) / (Math.abs(g) + DEFAULT_ADAM.epsilon);
    assert.ok(Math.abs(theta[i] - expected) <= 1e-15 * Math.max(1, Math.abs(expected)), `entry ${i}: ${theta[i]} vs ${expected}`);
  }
});

test('two steps follow the PyTorch recurrences (lerp for m, bias corrections with t)', () => {
  const theta = new Float64Array([0.7]);
  const state = createAdamState(1);
  const o = { ...DEFAULT_ADAM, learningRate: 0.1, weightDecay: 0.01 };
  let m = 0;
  let v = 0;
  let p = 0.7;
  for (const [t, raw] of [[1, 0.2], [2, -0.5]] as const) {
    adamStep(theta, new Float64Array([raw]), state, o);
    const g = raw + o.weightDecay * p;
    m += (1 - o.beta1) * (g - m);
    v = v * o.beta2 + (1 - o.beta2) * g * g;
    p -= ((o.learningRate / (1 - o.beta1 ** t)) * m) / (Math.sqrt(v) / Math.sqrt(1 - o.beta2 ** t) + o.epsilon);
    assert.is(theta[0], p);
  }
  assert.is(state.step, 2);
});

test('frozen entries (fixed τ) are left untouched, even by weight decay', () => {
  const theta = new Float64Array([1, 1]);
  adamStep(theta, new Float64Array([0, 0]), createAdamState(2), DEFAULT_ADAM, new Uint8Array([0, 1]));
  assert.ok(theta[0] < 1);
  assert.is(theta[1], 1);
});

test.run();
