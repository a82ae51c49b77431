import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Tensor, abs, add, concat, exp, grad, gradcheck, log, logsumexp, matmul, matmulNT, max, mean, mul, relu, reshape, softmax,
  stopGradient, sub, sum, tensor, transpose, where,
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

test('a stop-gradient loss is checked by making the stopped partner a second argument (paper-1 InfoNCE)', () => {
  // With sg inside, the tape gradient is by design not the derivative of the loss value, so gradcheck would
  // (rightly) fail. The checkable form: partner features computed from a separate argument wPartner = w; then
  // ∂L/∂w of that form must equal the sg loss's gradient, and gradcheck verifies it.
  const [n, d, m] = [10, 16, 5];
  const x = randomTensor([n, d], 11);
  const view = add(x, randomTensor([n, d], 12, 0.1));
  const labels = Array.from(randomTensor([n], 13).data, (v) => (v > 0 ? 1 : -1));
  const mask = new Tensor(Float64Array.from({ length: n * n }, (_, k) => (labels[Math.floor(k / n)] !== labels[k % n] ? 1 : 0)), [n, n]);
  const infoNCE = (h: Tensor, partner: Tensor, partnerView: Tensor) => {
    const positive = mul(sum(mul(h, partnerView), 1, true), 2);
    const negatives = where(mask, mul(matmulNT(h, partner), 2), -Infinity);
    return mean(sub(logsumexp(concat([positive, negatives], 1), 1), reshape(positive, [n])));
  };
  const withStopGradient = (w: Tensor) => {
    const h = relu(matmulNT(x, w));
    return infoNCE(h, stopGradient(h), stopGradient(relu(matmulNT(view, w))));
  };
  const twoArguments = (w: Tensor, wPartner: Tensor) =>
    infoNCE(relu(matmulNT(x, w)), relu(matmulNT(x, wPartner)), relu(matmulNT(view, wPartner)));
  const w = randomTensor([m, d], 14, 0.5);
  const [sgGrad] = grad(withStopGradient)(w);
  const [anchorGrad] = grad(twoArguments)(w, w);
  for (let i = 0; i < sgGrad.size; i++) assert.ok(Math.abs(sgGrad.data[i] - anchorGrad.data[i]) <= 1e-15 * (1 + Math.abs(anchorGrad.data[i])));
  const result = gradcheck(twoArguments, [w, w], { directions: 12 });
  assert.ok(result.ok, JSON.stringify(result.failures));
  assert.ok(result.checked >= 6, `only ${result.checked} of 12 directions checked`);
  assert.not.ok(gradcheck(withStopGradient, [w], { directions: 4 }).ok);
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
