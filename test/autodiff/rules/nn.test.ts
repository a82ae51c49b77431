import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AutodiffError, ShapeError, Tensor, add, gradcheck, linear, logSoftmax, matmulNT, mul, neg, sqrt, square, sum, softmaxCrossEntropy,
  tensor, vectorNorm,
} from '@mmcl/autodiff';
import { allClose, bitwiseEqual, randomTensor, seedArb } from '../helpers.js';

const small = fc.integer({ min: 1, max: 5 });

function weightedSum(t: Tensor, seed: number): Tensor {
  return sum(mul(t, randomTensor(t.shape, seed + 7)));
}

test('linear equals matmulNT + bias bit for bit, and its three gradients pass gradcheck', () => {
  fc.assert(
    fc.property(small, small, small, seedArb, (rows, inputs, outputs, seed) => {
      const x = randomTensor([rows, inputs], seed);
      const w = randomTensor([outputs, inputs], seed + 1);
      const b = randomTensor([outputs], seed + 2);
      assert.ok(bitwiseEqual(linear(x, w, b).data, add(matmulNT(x, w), b).data));
      const result = gradcheck((xx, ww, bb) => weightedSum(linear(xx, ww, bb), seed), [x, w, b]);
      assert.ok(result.ok, JSON.stringify(result.failures));
    }),
  );
});

test('linear: shapes are checked with the fix named', () => {
  assert.throws(() => linear(tensor([[1, 2]]), tensor([[1, 2, 3]]), tensor([0])), (e: Error) => e instanceof ShapeError && /outputs×inputs/.test(e.message));
  assert.throws(() => linear(tensor([[1, 2]]), tensor([[1, 2]]), tensor([0, 1])), /bias must have shape \[1\]/);
});

test('vectorNorm equals sqrt(Σ x²) along each axis and passes gradcheck; gradient 0 at a zero slice', () => {
  fc.assert(
    fc.property(small, small, small, fc.integer({ min: -3, max: 2 }), seedArb, (a, b, c, axis, seed) => {
      const x = randomTensor([a, b, c], seed);
      assert.ok(allClose(vectorNorm(x, axis).data, sqrt(sum(square(x), axis)).data, 1e-15));
      assert.equal(vectorNorm(x, axis, true).shape.length, 3);
      const result = gradcheck((t) => weightedSum(vectorNorm(t, axis), seed), [x]);
      assert.ok(result.ok, JSON.stringify(result.failures));
    }),
  );
  const grads = gradcheck((t) => sum(vectorNorm(t, 1)), [tensor([[0, 0], [3, 4]])]);
  assert.ok(grads.ok);
});

test('softmaxCrossEntropy equals −logSoftmax at the targets (rows and columns) and passes gradcheck', () => {
  fc.assert(
    fc.property(small, small, fc.integer({ min: 0, max: 1 }), seedArb, (m, n, axis, seed) => {
      const logits = randomTensor([m, n], seed, 3);
      const slices = axis === 1 ? m : n;
      const dim = axis === 1 ? n : m;
      const targets = Array.from({ length: slices }, (_, s) => (s * 7 + seed) % dim);
      const loss = softmaxCrossEntropy(logits, targets, axis);
      const reference = logSoftmax(logits, axis);
      const expected = targets.map((t, s) => -(axis === 1 ? reference.data[s * n + t] : reference.data[t * n + s]));
      assert.ok(allClose(loss.data, expected, 1e-14));
      const result = gradcheck((t) => weightedSum(softmaxCrossEntropy(t, targets, axis), seed), [logits]);
      assert.ok(result.ok, JSON.stringify(result.failures));
    }),
  );
});

test('softmaxCrossEntropy keeps a nearly-zero loss where logSoftmax rounds it to 0', () => {
  // Loss = log(1 + e^{−60}) ≈ 8.8e−27 exactly representable in relative terms; −logSoftmax gives 0.
  const logits = tensor([[60, 0]]);
  const loss = softmaxCrossEntropy(logits, [0]).item();
  assert.ok(Math.abs(loss - Math.exp(-60)) <= 1e-15 * Math.exp(-60), `${loss}`);
  assert.is(neg(logSoftmax(logits)).data[0], 0);
});

test('softmaxCrossEntropy: target count and range are checked', () => {
  assert.throws(() => softmaxCrossEntropy(tensor([[1, 2]]), [0, 1]), (e: Error) => e instanceof AutodiffError && /need 1 targets/.test(e.message));
  assert.throws(() => softmaxCrossEntropy(tensor([[1, 2]]), [2]), /target 2 of slice 0 is out of range 0..1/);
});

test.run();
