import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Tensor, abs, exp, gradcheck, log, matmul, max, mean, mul, relu, softmax, stopGradient, sum, tensor, transpose,
} from '@mmcl/autodiff';
import { randomTensor } from './helpers.js';

test('a correct gradient passes in both modes, with near-machine-precision agreement', () => {
  const x = randomTensor([3, 4], 1);
  const f = (t: Tensor) => sum(exp(mul(t, 0.5)));
  for (const mode of ['full', 'directions'] as const) {
    const result = gradcheck(f, [x], { mode });
    assert.ok(result.ok);
    assert.is(result.mode, mode);
    assert.is(result.checked, mode === 'full' ? 12 : 8);
    assert.ok(result.maxRelativeError < 1e-8, `relative error ${result.maxRelativeError}`);
  }
});

test('a wrong gradient is caught: Σ x·sg(x) has tape gradient x but true gradient 2x', () => {
  const x = randomTensor([5], 2);
  const result = gradcheck((t) => sum(mul(t, stopGradient(t))), [x]);
  assert.not.ok(result.ok);
  assert.is(result.failed, 5);
  const first = result.failures[0];
  assert.ok(Math.abs(first.numeric - 2 * first.analytic) < 1e-8);
});

test('the plain central difference (order 2) also works with its own step', () => {
  const result = gradcheck((t) => sum(log(mul(t, t))), [randomTensor([6], 3, 1, 3)], { order: 2, rtol: 1e-5, atol: 1e-7 });
  assert.ok(result.ok, JSON.stringify(result.failures));
  assert.is(result.tolerance.step, 1e-6);
});

test('a point on a ReLU kink is moved off it, and the count is reported', () => {
  const x = tensor([[1, 1], [2, -1]]);
  const f = (t: Tensor) => mean(relu(matmul(x, t)));
  const w = tensor([[1, -1], [0.5, 2]]); // x·w = [[1.5, 1], [1.5, −4]]: away from every kink
  const kinked = tensor([[1, -1], [0.5, 1]]);
  assert.is(matmul(x, kinked).data[1], 0);
  const result = gradcheck(f, [kinked]);
  assert.ok(result.moved >= 1);
  assert.ok(result.ok, JSON.stringify(result.failures));
  assert.is(gradcheck(f, [w]).moved, 0);
});

test('a direction whose stencil straddles a kink is skipped and counted, not failed', () => {
  // |t| at t = 2e−4 with step 1e−4: the stencil point t − 2h·v crosses 0 for v = ±1 (full mode, one coordinate).
  const result = gradcheck((t) => sum(abs(t)), [tensor([2e-4 - 1e-12])], { kinkMargin: 0, mode: 'full' });
  assert.is(result.skipped, 1);
  assert.is(result.checked, 0);
  assert.not.ok(result.ok); // nothing was checked, so nothing is claimed
});

test('ties in max are detected as kinks', () => {
  const result = gradcheck((t) => max(t), [tensor([2, 2, 1])]);
  assert.ok(result.moved >= 1);
  assert.ok(result.ok);
});

test('a tensor-valued f: full mode checks the whole Jacobian, directions mode checks uᵀJv', () => {
  const x = randomTensor([2, 3], 4);
  const full = gradcheck((t) => softmax(t, 1), [x], { mode: 'full' });
  assert.ok(full.ok, JSON.stringify(full.failures));
  assert.is(full.checked, 6 * 6); // 6 outputs × 6 input coordinates
  const directions = gradcheck((t) => matmul(t, transpose(t)), [x], { mode: 'directions', directions: 5 });
  assert.ok(directions.ok, JSON.stringify(directions.failures));
  assert.is(directions.checked, 5);
});

test('a wrong Jacobian entry is caught and located', () => {
  // y = x ⊙ sg(x): the tape's Jacobian is diag(x), the true one diag(2x).
  const x = tensor([1, 2, 3]);
  const result = gradcheck((t) => mul(t, stopGradient(t)), [x], { mode: 'full' });
  assert.not.ok(result.ok);
  assert.is(result.failed, 3);
  assert.equal(result.failures.map((f) => [f.output, f.index]), [[0, 0], [1, 1], [2, 2]]);
});

test.run();
