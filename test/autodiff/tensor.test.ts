import fc from 'fast-check';
import ndarray from 'ndarray';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ShapeError, Tensor, copyFromNdarray, fromNdarray, full, ones, scalar, tensor, toNdarray, toNested, zeros } from '@mmcl/autodiff';

test('tensor from nested arrays infers the shape and stores row-major', () => {
  const t = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.equal(t.shape, [2, 3]);
  assert.equal(Array.from(t.data), [1, 2, 3, 4, 5, 6]);
  assert.is(t.size, 6);
  assert.equal(tensor(5).shape, []);
  assert.is(scalar(2.5).item(), 2.5);
});

test('nested round trip: toNested(tensor(x)) equals x for generated nested arrays', () => {
  const nested = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })).chain(([a, b, c]) =>
    fc.array(fc.array(fc.array(fc.double({ noNaN: true }), { minLength: c, maxLength: c }), { minLength: b, maxLength: b }), { minLength: a, maxLength: a }),
  );
  fc.assert(fc.property(nested, (x) => {
    assert.equal(toNested(tensor(x)), x);
  }));
});

test('a Float64Array is used without copying; shape checks name both sizes', () => {
  const data = new Float64Array([1, 2, 3, 4]);
  const t = tensor(data, [2, 2]);
  assert.is(t.data, data);
  assert.throws(() => tensor(data, [3, 2]), (e: Error) => e instanceof ShapeError && e.message === 'tensor: data has 4 entries but shape [3,2] needs 6');
  assert.throws(() => tensor([[1, 2], [3]]), /ragged/);
});

test('zeros, ones, full', () => {
  assert.equal(Array.from(zeros([2, 2]).data), [0, 0, 0, 0]);
  assert.equal(Array.from(ones([3]).data), [1, 1, 1]);
  assert.equal(Array.from(full([2], 7).data), [7, 7]);
  assert.throws(() => zeros([2, -1]), /every dimension must be a non-negative integer/);
});

test('ndarray views are zero-copy in both directions', () => {
  const t = tensor([[1, 2], [3, 4]]);
  const nd = toNdarray(t);
  assert.is(nd.get(1, 0), 3);
  nd.set(0, 1, 20);
  assert.is(t.data[1], 20);
  const back = fromNdarray(nd);
  assert.is(back.data, t.data);
  assert.equal(back.shape, [2, 2]);
  // A contiguous sub-block sharing the buffer.
  const rows = fromNdarray(ndarray(t.data, [2, 2]).lo(1, 0));
  assert.equal(Array.from(rows.data), [3, 4]);
  assert.is(rows.data.buffer, t.data.buffer);
  assert.throws(() => fromNdarray(ndarray(t.data, [2, 2]).transpose(1, 0)), /only C-ordered contiguous ndarrays/);
});

test('copyFromNdarray copies strided views into a fresh C-ordered tensor', () => {
  const source = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
  const transposed = copyFromNdarray(source.transpose(1, 0));
  assert.equal(transposed.shape, [3, 2]);
  assert.equal(Array.from(transposed.data), [1, 4, 2, 5, 3, 6]);
  assert.is.not(transposed.data.buffer, source.data.buffer);
  const everyOtherColumn = copyFromNdarray(source.step(1, 2));
  assert.equal(toNested(everyOtherColumn), [[1, 3], [4, 6]]);
});

test('item() of a non-scalar names the shape', () => {
  assert.throws(() => new Tensor(new Float64Array(2), [2]).item(), /item: tensor of shape \[2\] is not a scalar/);
});

test.run();
