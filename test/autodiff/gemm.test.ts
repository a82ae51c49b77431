import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gemm } from '@mmcl/autodiff';
import { gemmJs, naiveGemm } from '../../packages/autodiff/src/gemm.js';
import { bitwiseEqual, randomTensor, seedArb } from './helpers.js';

const sizes = fc.tuple(fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 23 }), fc.integer({ min: 0, max: 40 }));

test('gemm (default backend) and the TypeScript kernel equal the naive triple loop bit for bit, all transpose flags and edge sizes', () => {
  fc.assert(
    fc.property(sizes, fc.boolean(), fc.boolean(), fc.boolean(), seedArb, ([m, n, k], transA, transB, accumulate, seed) => {
      const a = randomTensor([m * k], seed).data;
      const b = randomTensor([k * n], seed + 1).data;
      const c0 = randomTensor([m * n], seed + 2).data;
      const slow = naiveGemm(transA, transB, m, n, k, a, b, c0.slice(), accumulate);
      assert.ok(bitwiseEqual(gemm(transA, transB, m, n, k, a, b, c0.slice(), accumulate), slow));
      assert.ok(bitwiseEqual(gemmJs(transA, transB, m, n, k, a, b, c0.slice(), accumulate), slow));
    }),
    { numRuns: 60 },
  );
});

test('gemm at a paper-1 shape (100×2000 · 2000×50) equals the naive loop bit for bit', () => {
  const [m, k, n] = [100, 2000, 50];
  const a = randomTensor([m * k], 1).data;
  const b = randomTensor([k * n], 2).data;
  assert.ok(bitwiseEqual(gemm(false, false, m, n, k, a, b, new Float64Array(m * n)), naiveGemm(false, false, m, n, k, a, b, new Float64Array(m * n))));
});

test('gemm across several k-blocks and m-blocks equals the naive loop bit for bit, all flags, accumulating', () => {
  const [m, n, k] = [70, 9, 600];
  const a = randomTensor([m * k], 3).data;
  const b = randomTensor([k * n], 4).data;
  const c0 = randomTensor([m * n], 5).data;
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      for (const accumulate of [false, true]) {
        const slow = naiveGemm(transA, transB, m, n, k, a, b, c0.slice(), accumulate);
        assert.ok(bitwiseEqual(gemm(transA, transB, m, n, k, a, b, c0.slice(), accumulate), slow));
        assert.ok(bitwiseEqual(gemmJs(transA, transB, m, n, k, a, b, c0.slice(), accumulate), slow));
      }
    }
  }
});

test('gemm: a 2×2 product by hand, and a clear error for short arrays', () => {
  const c = gemm(false, false, 2, 2, 2, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), new Float64Array(4));
  assert.equal(Array.from(c), [19, 22, 43, 50]);
  assert.throws(() => gemm(false, false, 2, 2, 2, new Float64Array(3), new Float64Array(4), new Float64Array(4)), /gemm: arrays too short for m=2, n=2, k=2/);
});

test('gemm with k = 0 gives zeros (or leaves C when accumulating)', () => {
  assert.equal(Array.from(gemm(false, false, 1, 2, 0, new Float64Array(0), new Float64Array(0), new Float64Array([5, 5]))), [0, 0]);
  assert.equal(Array.from(gemm(false, false, 1, 2, 0, new Float64Array(0), new Float64Array(0), new Float64Array([5, 5]), true)), [5, 5]);
});

test.run();
