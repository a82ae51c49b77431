import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AutodiffError, ShapeError, Tensor, concat, gatherRows, grad, gradcheck, mul, reshape, sliceRows, sum, tensor, toNested } from '@mmcl/autodiff';
import { randomTensor, seedArb, shapeArb } from '../helpers.js';

function weightedSum(t: Tensor, seed: number): Tensor {
  return sum(mul(t, randomTensor(t.shape, seed + 7)));
}

test('reshape: same entries in the same order, −1 inferred, zero-copy; gradient passes gradcheck', () => {
  fc.assert(
    fc.property(shapeArb(3, 4, 1), seedArb, (shape, seed) => {
      const x = randomTensor(shape, seed);
      const flat = reshape(x, [-1]);
      assert.equal(flat.shape, [x.size]);
      assert.is(flat.data, x.data);
      const back = reshape(flat, shape);
      assert.equal(back.shape, shape);
      const check = gradcheck((t) => weightedSum(reshape(t, [shape[0], -1]), seed), [x]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
  assert.throws(() => reshape(tensor([1, 2, 3]), [2, 2]), (e: Error) => e instanceof ShapeError && /cannot reshape \[3\] \(3 entries\) to \[2,2\]/.test(e.message));
});

test('concat: along any axis matches nested-array concatenation; gradient passes gradcheck', () => {
  fc.assert(
    fc.property(shapeArb(3, 3, 1), fc.integer({ min: 1, max: 3 }), fc.nat(), seedArb, (shape, extra, axisPick, seed) => {
      const axis = axisPick % shape.length;
      const other = shape.slice();
      other[axis] = extra;
      const a = randomTensor(shape, seed);
      const b = randomTensor(other, seed + 1);
      const c = concat([a, b], axis);
      const join = (x: unknown, y: unknown, depth: number): unknown =>
        depth === axis ? [...(x as unknown[]), ...(y as unknown[])] : (x as unknown[]).map((v, i) => join(v, (y as unknown[])[i], depth + 1));
      assert.equal(toNested(c), join(toNested(a), toNested(b), 0));
      const check = gradcheck((x, y) => weightedSum(concat([x, y], axis), seed), [a, b]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
  assert.throws(() => concat([tensor([[1, 2]]), tensor([[1, 2, 3]])], 0), /concat: shapes differ off axis 0: \[1,2\] and \[1,3\]/);
});

test('sliceRows: rows start..end−1, zero-copy; gradient passes gradcheck', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.nat(), fc.nat(), seedArb, (rows, cols, s, e, seed) => {
      const start = s % rows;
      const end = start + 1 + (e % (rows - start));
      const x = randomTensor([rows, cols], seed);
      const y = sliceRows(x, start, end);
      assert.equal(toNested(y), (toNested(x) as number[][]).slice(start, end));
      assert.is(y.data.buffer, x.data.buffer);
      const check = gradcheck((t) => weightedSum(sliceRows(t, start, end), seed), [x]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
  assert.throws(() => sliceRows(tensor([[1], [2]]), 1, 3), (e: Error) => e instanceof AutodiffError && /0 ≤ start ≤ end ≤ 2/.test(e.message));
});

test('gatherRows: picks rows with repeats; repeated rows accumulate gradient; gradcheck passes', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), seedArb, (rows, cols, picks, seed) => {
      const index = Int32Array.from(picks, (p) => p % rows);
      const x = randomTensor([rows, cols], seed);
      const y = gatherRows(x, index);
      const nested = toNested(x) as number[][];
      assert.equal(toNested(y), Array.from(index, (i) => nested[i]));
      const check = gradcheck((t) => weightedSum(gatherRows(t, index), seed), [x]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
  const [g] = grad((t: Tensor) => sum(gatherRows(t, [1, 1, 0])))(tensor([[1], [2]]));
  assert.equal(Array.from(g.data), [1, 2]);
  assert.throws(() => gatherRows(tensor([[1], [2]]), [2]), /gatherRows: row index 2 is out of range 0..1/);
});

test.run();
