import fc from 'fast-check';
import * as math from 'mathjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ShapeError, Tensor, gradcheck, matmul, matmulNT, matmulTN, mul, outer, sum, tensor, toNested, transpose } from '@mmcl/autodiff';
import { allClose, bitwiseEqual, randomTensor, seedArb } from '../helpers.js';

const dims = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }));

function weightedSum(t: Tensor, seed: number): Tensor {
  return sum(mul(t, randomTensor(t.shape, seed + 7)));
}

test('matmul matches mathjs; A·Bᵀ and Aᵀ·B match matmul of explicit transposes bit for bit', () => {
  fc.assert(
    fc.property(dims, seedArb, ([m, k, n], seed) => {
      const a = randomTensor([m, k], seed);
      const b = randomTensor([k, n], seed + 1);
      const c = matmul(a, b);
      assert.equal(c.shape, [m, n]);
      const product = math.multiply(toNested(a) as number[][], toNested(b) as number[][]) as unknown as number[][];
      const expected = product.flat();
      assert.ok(allClose(c.data, expected, 1e-14));
      assert.ok(bitwiseEqual(matmulNT(a, transpose(b)).data, c.data));
      assert.ok(bitwiseEqual(matmulTN(transpose(a), b).data, c.data));
    }),
  );
});

test('matmul, matmulNT, matmulTN: gradients pass gradcheck', () => {
  fc.assert(
    fc.property(dims, seedArb, ([m, k, n], seed) => {
      const cases: [string, (x: Tensor, y: Tensor) => Tensor, number[], number[]][] = [
        ['matmul', matmul, [m, k], [k, n]],
        ['matmulNT', matmulNT, [m, k], [n, k]],
        ['matmulTN', matmulTN, [k, m], [k, n]],
      ];
      for (const [name, op, sa, sb] of cases) {
        const check = gradcheck((x, y) => weightedSum(op(x, y), seed), [randomTensor(sa, seed), randomTensor(sb, seed + 1)]);
        assert.ok(check.ok, `${name}: ${JSON.stringify(check.failures)}`);
      }
    }),
  );
});

test('matmul errors name both shapes', () => {
  assert.throws(() => matmul(randomTensor([3, 4], 0), randomTensor([5, 2], 0)), (e: Error) =>
    e instanceof ShapeError && e.message === 'matmul: inner dimensions differ: [3,4] · [5,2]');
  assert.throws(() => matmulNT(randomTensor([3, 4], 0), randomTensor([2, 5], 0)), /matmulNT: inner dimensions differ: \[3,4\] ·ᵀ \[2,5\]/);
  assert.throws(() => matmulTN(randomTensor([3, 4], 0), randomTensor([5, 2], 0)), /matmulTN: inner dimensions differ: \[3,4\] ᵀ· \[5,2\]/);
  assert.throws(() => matmul(randomTensor([3], 0), randomTensor([3, 2], 0)), /matmul: first argument must be a matrix \(rank 2\), got shape \[3\]/);
});

test('outer: forward is u_i·v_j and gradients pass gradcheck', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), seedArb, (m, n, seed) => {
      const u = randomTensor([m], seed);
      const v = randomTensor([n], seed + 1);
      const o = outer(u, v);
      assert.equal(o.shape, [m, n]);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) assert.is(o.data[i * n + j], u.data[i] * v.data[j]);
      const check = gradcheck((x, y) => weightedSum(outer(x, y), seed), [u, v]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
  assert.throws(() => outer(tensor([[1]]), tensor([1])), /outer: both arguments must be vectors, got \[1,1\] and \[1\]/);
});

test('transpose: entries move, gradient passes gradcheck', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), seedArb, (m, n, seed) => {
      const a = randomTensor([m, n], seed);
      const t = transpose(a);
      assert.equal(t.shape, [n, m]);
      assert.equal(toNested(t), math.transpose(toNested(a) as number[][]));
      const check = gradcheck((x) => weightedSum(transpose(x), seed), [a], { directions: 4 });
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
});

test.run();
