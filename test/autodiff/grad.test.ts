import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AutodiffError, Tensor, add, grad, matmul, mean, mul, relu, reshape, stopGradient, sum, square, tensor,
  valueAndGrad,
} from '@mmcl/autodiff';
import { allClose, randomTensor } from './helpers.js';

test('valueAndGrad: value and one gradient per argument', () => {
  const { value, grads } = valueAndGrad((x: Tensor, y: Tensor) => sum(mul(x, y)))(tensor([1, 2]), tensor([3, 4]));
  assert.is(value, 11);
  assert.equal(Array.from(grads[0].data), [3, 4]);
  assert.equal(Array.from(grads[1].data), [1, 2]);
  assert.equal(grads[0].shape, [2]);
});

test('grad of Σx² is 2x', () => {
  const x = randomTensor([3, 4], 1);
  const [g] = grad((t: Tensor) => sum(square(t)))(x);
  assert.ok(allClose(g.data, Array.from(x.data, (v) => 2 * v), 0));
});

test('unused inputs get zero gradients of their own shape', () => {
  const [, gy] = grad((x: Tensor, _y: Tensor) => sum(x))(tensor([1, 2]), tensor([[1, 2, 3]]));
  assert.equal(gy.shape, [1, 3]);
  assert.equal(Array.from(gy.data), [0, 0, 0]);
  // A result that depends on no argument at all.
  const [gz] = grad((_z: Tensor) => tensor(3))(tensor([1]));
  assert.equal(Array.from(gz.data), [0]);
});

test('the same tensor passed twice gets two separate gradients; caller tensors are not modified', () => {
  const x = tensor([1, 2]);
  const [ga, gb] = grad((a: Tensor, b: Tensor) => sum(mul(mul(a, a), b)))(x, x);
  assert.equal(Array.from(ga.data), [2, 8]);
  assert.equal(Array.from(gb.data), [1, 4]);
  assert.equal(Array.from(x.data), [1, 2]);
});

test('a non-scalar result is a clear error naming the shape', () => {
  assert.throws(() => grad((x: Tensor) => mul(x, 2))(tensor([1, 2])), (e: Error) =>
    e instanceof AutodiffError && e.message === 'grad: f must return a scalar, got shape [2] (reduce it with sum or mean)');
  assert.throws(() => grad(((x: Tensor) => 3) as unknown as (x: Tensor) => Tensor)(tensor([1])), /grad: f must return a Tensor, got number/);
});

test('stopGradient: forward identity, backward zero (the stop-gradient similarity of Huang et al. 2024)', () => {
  const x = randomTensor([4], 2);
  const [g] = grad((t: Tensor) => sum(mul(t, stopGradient(t))))(x);
  assert.ok(allClose(g.data, x.data, 0)); // d/dx Σ x·sg(x) = sg(x) = x, not 2x
  assert.is(stopGradient(x).data, x.data);
  const [g0] = grad((t: Tensor) => sum(stopGradient(t)))(x);
  assert.equal(Array.from(g0.data), [0, 0, 0, 0]);
});

test('a variable used by several ops accumulates all contributions', () => {
  const w = randomTensor([3, 2], 3);
  const x = randomTensor([5, 3], 4);
  // L = mean(relu(x·w)) + Σ w² ;  dL/dw = xᵀ·(1{x·w>0}/10) + 2w
  const [g] = grad((t: Tensor) => add(mean(relu(matmul(x, t))), sum(square(t))))(w);
  const z = matmul(x, w);
  const expected = new Float64Array(6);
  for (let i = 0; i < 5; i++) for (let a = 0; a < 3; a++) for (let b = 0; b < 2; b++) {
    if (z.data[i * 2 + b] > 0) expected[a * 2 + b] += x.data[i * 3 + a] / 10;
  }
  for (let j = 0; j < 6; j++) expected[j] += 2 * w.data[j];
  assert.ok(allClose(g.data, expected, 1e-14));
});

test('gradients that alias the upstream gradient are copied before accumulation', () => {
  // d/dx Σ (x + x)² = 8x; add returns the upstream gradient for both inputs, reshape passes it through.
  const x = randomTensor([2, 3], 5);
  const [g] = grad((t: Tensor) => {
    const doubled = reshape(add(t, t), [6]);
    return sum(mul(doubled, doubled));
  })(x);
  assert.ok(allClose(g.data, Array.from(x.data, (v) => 8 * v), 1e-15));
});

test('nested grad: the inner function sees outer variables as constants', () => {
  const outer = grad((a: Tensor) => {
    const [inner] = grad((b: Tensor) => sum(mul(a, b)))(tensor([1, 1]));
    assert.equal(Array.from(inner.data), Array.from(a.data));
    return sum(square(a));
  });
  assert.equal(Array.from(outer(tensor([1, 3]))[0].data), [2, 6]);
});

test.run();
