import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AutodiffError, Tensor, grad, gradcheck, log, logSoftmax, logsumexp, max, mean, mul, norm, softmax, sum, tensor,
  where,
} from '@mmcl/autodiff';
import { allClose, randomTensor, seedArb, shapeArb } from '../helpers.js';

function weightedSum(t: Tensor, seed: number): Tensor {
  return sum(mul(t, randomTensor(t.shape, seed + 7)));
}

/** A shape of rank ≥ 1 and an axis in it (negative half of the time), or undefined for "all". */
const shapeAndAxis = shapeArb(3, 4, 1).chain((shape) =>
  fc.tuple(fc.constant(shape), fc.option(fc.integer({ min: -shape.length, max: shape.length - 1 }), { nil: undefined }), fc.boolean()),
);

/** Reference reduction by explicit index arithmetic. */
function reduceReference(x: Tensor, axis: number | undefined, combine: (values: number[]) => number): number[] {
  if (axis === undefined) return [combine(Array.from(x.data))];
  const k = axis < 0 ? axis + x.shape.length : axis;
  const outer = x.shape.slice(0, k).reduce((p, d) => p * d, 1);
  const inner = x.shape.slice(k + 1).reduce((p, d) => p * d, 1);
  const dim = x.shape[k];
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const values: number[] = [];
      for (let j = 0; j < dim; j++) values.push(x.data[(o * dim + j) * inner + i]);
      out.push(combine(values));
    }
  }
  return out;
}

const total = (v: number[]) => v.reduce((s, x) => s + x, 0);

test('sum, mean, max: values match a reference over generated shapes and axes; keepDims keeps rank', () => {
  fc.assert(
    fc.property(shapeAndAxis, seedArb, ([shape, axis, keepDims], seed) => {
      const x = randomTensor(shape, seed);
      const s = sum(x, axis, keepDims);
      assert.ok(allClose(s.data, reduceReference(x, axis, total), 0));
      assert.ok(allClose(mean(x, axis, keepDims).data, reduceReference(x, axis, (v) => total(v) / v.length), 1e-15));
      assert.ok(allClose(max(x, axis, keepDims).data, reduceReference(x, axis, (v) => Math.max(...v)), 0));
      assert.is(s.shape.length, keepDims ? shape.length : axis === undefined ? 0 : shape.length - 1);
    }),
  );
});

test('sum, mean, max: gradients pass gradcheck', () => {
  fc.assert(
    fc.property(shapeAndAxis, seedArb, ([shape, axis, keepDims], seed) => {
      const x = randomTensor(shape, seed);
      for (const op of [sum, mean, max]) {
        const check = gradcheck((t) => weightedSum(op(t, axis, keepDims), seed), [x]);
        assert.ok(check.ok, `${op.name}: ${JSON.stringify(check.failures)}`);
      }
    }),
  );
});

test('max ties: the gradient goes to the first maximal entry; gradcheck moves the point off the tie', () => {
  const x = tensor([[1, 3, 3], [2, 2, 0]]);
  const [g] = grad((t: Tensor) => sum(max(t, 1)))(x);
  assert.equal(Array.from(g.data), [0, 1, 0, 1, 0, 0]);
  const check = gradcheck((t) => sum(max(t, 1)), [x]);
  assert.ok(check.moved >= 1, 'the tie must be detected');
  assert.ok(check.ok, JSON.stringify(check.failures));
});

test('logsumexp, softmax, logSoftmax: values match the closed forms; gradients pass gradcheck', () => {
  fc.assert(
    fc.property(shapeAndAxis, seedArb, ([shape, axis], seed) => {
      const x = randomTensor(shape, seed, 3);
      const ax = axis ?? -1;
      const lse = reduceReference(x, ax, (v) => Math.log(total(v.map(Math.exp))));
      assert.ok(allClose(logsumexp(x, ax).data, lse, 1e-14));
      const p = softmax(x, ax);
      assert.ok(allClose(sum(p, ax).data, new Array(lse.length).fill(1), 1e-14));
      assert.ok(allClose(log(p).data, logSoftmax(x, ax).data, 1e-13));
      for (const op of [logsumexp, softmax, logSoftmax]) {
        const check = gradcheck((t) => weightedSum(op(t, ax), seed), [x]);
        assert.ok(check.ok, `${op.name}: ${JSON.stringify(check.failures)}`);
      }
    }),
  );
});

test('logsumexp is stable for large logits', () => {
  assert.ok(allClose(logsumexp(tensor([1000, 1000])).data, [1000 + Math.LN2], 1e-15));
  assert.ok(allClose(logsumexp(tensor([-1000, -1000])).data, [-1000 + Math.LN2], 1e-15));
});

test('masked −Infinity logits: finite zero gradients, values as if the entries were absent; gradcheck passes', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 6 }), seedArb, (rows, cols, seed) => {
      const x = randomTensor([rows, cols], seed);
      // Mask a random subset, keeping at least one live entry per row (entry 0).
      const maskData = randomTensor([rows, cols], seed + 3).data.map((v, i) => (i % cols === 0 || v > 0 ? 1 : 0));
      const mask = new Tensor(maskData, [rows, cols]);
      const masked = (t: Tensor) => where(mask, t, -Infinity);
      const expected = reduceReference(x, 1, () => 0).map((_, r) => {
        let s = 0;
        for (let c = 0; c < cols; c++) if (maskData[r * cols + c]) s += Math.exp(x.data[r * cols + c]);
        return Math.log(s);
      });
      assert.ok(allClose(logsumexp(masked(x), 1).data, expected, 1e-14));
      for (const op of [logsumexp, softmax, logSoftmax]) {
        // logSoftmax keeps −Infinity at masked entries, so the loss reads only the live ones.
        const f = op === logsumexp
          ? (t: Tensor) => weightedSum(logsumexp(masked(t), 1), seed)
          : (t: Tensor) => weightedSum(where(mask, op(masked(t), 1), 0), seed);
        const [g] = grad(f)(x);
        assert.ok(g.data.every(Number.isFinite), `${op.name}: gradient not finite`);
        for (let i = 0; i < maskData.length; i++) if (!maskData[i]) assert.is(g.data[i], 0);
        const check = gradcheck(f, [x]);
        assert.ok(check.ok, `${op.name}: ${JSON.stringify(check.failures)}`);
      }
      // Directly on a −Infinity input (no `where` in between), logsumexp's gradient there is exactly 0.
      const [direct] = grad((t: Tensor) => sum(logsumexp(t, 1)))(masked(x));
      for (let i = 0; i < maskData.length; i++) if (!maskData[i]) assert.is(direct.data[i], 0);
    }),
  );
});

test('an all −Infinity row: logsumexp −Infinity, softmax 0, logSoftmax −Infinity, zero gradients', () => {
  const x = tensor([[-Infinity, -Infinity], [0, Math.log(3)]]);
  assert.equal(Array.from(logsumexp(x, 1).data), [-Infinity, Math.log(4)]);
  assert.equal(Array.from(softmax(x, 1).data), [0, 0, 0.25, 0.75]);
  assert.equal(Array.from(logSoftmax(x, 1).data).slice(0, 2), [-Infinity, -Infinity]);
  const [g] = grad((t: Tensor) => sum(logsumexp(t, 1)))(x);
  assert.equal(Array.from(g.data), [0, 0, 0.25, 0.75]);
  const [gs] = grad((t: Tensor) => sum(mul(softmax(t, 1), tensor([[1, 2], [3, 4]]))))(x);
  assert.equal(Array.from(gs.data).slice(0, 2), [0, 0]);
});

test('norm: value is the Frobenius norm, gradient x/‖x‖ passes gradcheck, gradient 0 at 0', () => {
  fc.assert(
    fc.property(shapeArb(3, 4), seedArb, (shape, seed) => {
      const x = randomTensor(shape, seed);
      assert.ok(allClose(norm(x).data, [Math.sqrt(total(Array.from(x.data, (v) => v * v)))], 1e-15));
      const check = gradcheck((t) => mul(norm(t), 2), [x]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
  assert.equal(Array.from(grad((t: Tensor) => norm(t))(tensor([0, 0]))[0].data), [0, 0]);
});

test('a bad axis is a one-line error naming the op and the range', () => {
  assert.throws(() => sum(tensor([[1]]), 2), (e: Error) => e instanceof AutodiffError && /sum: axis 2 is out of range for shape \[1,1\]/.test(e.message));
  assert.throws(() => max(tensor([]), 0), /max: cannot reduce an empty axis/);
});

test.run();
