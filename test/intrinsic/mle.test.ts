import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IntrinsicInputError, mleDimension } from '@mmcl/intrinsic';
import { embed, gaussian, sphere, torus } from './manifolds.js';

/** An independent, naive MLE: full distance rows, sorted, formula of spec §6.5. */
function naiveMle(x: Float64Array, n: number, D: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dists: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < D; c++) s += (x[i * D + c] - x[j * D + c]) ** 2;
      dists.push(Math.sqrt(s));
    }
    dists.sort((a, b) => a - b);
    let logs = 0;
    for (let j = 0; j < k; j++) logs += Math.log(dists[k - 1] / dists[j]);
    out[i] = (k - 1) / logs;
  }
  return out;
}

test('pointwise estimates equal a naive re-implementation of scikit-dimension\'s formula', () => {
  const n = 60;
  const D = 4;
  const x = gaussian(n, D, 7);
  const result = mleDimension({ data: x, shape: [n, D] }, { k: 10 });
  const expected = naiveMle(x, n, D, 10);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(result.pointwise[i] - expected[i]) <= 1e-12 * expected[i], `row ${i}`);
  const mean = expected.reduce((a, b) => a + b, 0) / n;
  assert.ok(Math.abs(result.dimension - mean) <= 1e-12 * mean);
  const harmonic = 1 / (expected.reduce((a, b) => a + 1 / b, 0) / n);
  assert.ok(Math.abs(mleDimension({ data: x, shape: [n, D] }, { k: 10, combine: 'harmonic' }).dimension - harmonic) <= 1e-12 * harmonic);
  assert.ok(harmonic < mean, 'harmonic mean ≤ arithmetic mean');
});

test('k ≥ n is lowered to n − 1, as in scikit-dimension', () => {
  const x = gaussian(8, 3, 1);
  assert.is(mleDimension({ data: x, shape: [8, 3] }, { k: 20 }).k, 7);
});

test('a duplicate point gives a pointwise estimate of 0 (log(R_k/0) = ∞)', () => {
  const x = gaussian(30, 3, 2);
  x.set(x.subarray(0, 3), 3); // row 1 = row 0
  const result = mleDimension({ data: x, shape: [30, 3] }, { k: 5 });
  assert.is(result.pointwise[0], 0);
  assert.is(result.pointwise[1], 0);
});

test('known manifolds (N = 2000, k = 20) reproduce the calibration of spec §8.4, with its bias', () => {
  const n = 2000;
  // 5-dimensional Gaussian in R^10: spec 5.36 (small positive bias).
  const g5 = mleDimension({ data: embed(gaussian(n, 5, 1), n, 5, 10, 1), shape: [n, 10] }).dimension;
  assert.ok(g5 > 5.1 && g5 < 5.5, `N(0, I_5): ${g5}`);
  // Uniform on S^5 ⊂ R^6, rotated into R^10: spec 5.09.
  const s5 = mleDimension({ data: embed(sphere(n, 5, 2), n, 6, 10, 2), shape: [n, 10] }).dimension;
  assert.ok(s5 > 4.95 && s5 < 5.3, `S^5: ${s5}`);
  // 10-dimensional Gaussian: spec 9.64 (negative bias at larger dimension).
  const g10 = mleDimension({ data: embed(gaussian(n, 10, 3), n, 10, 12, 3), shape: [n, 12] }).dimension;
  assert.ok(g10 > 9.4 && g10 < 9.9, `N(0, I_10): ${g10}`);
  // A 2-torus in R^3, rotated into R^10.
  const t2 = mleDimension({ data: embed(torus(n, 4), n, 3, 10, 4), shape: [n, 10] }).dimension;
  assert.ok(t2 > 1.95 && t2 < 2.3, `torus: ${t2}`);
});

test('bad input gets a one-line error naming the field', () => {
  assert.throws(() => mleDimension({ data: new Float64Array([1, 2, NaN, 4, 5, 6]), shape: [3, 2] }), (e: unknown) => e instanceof IntrinsicInputError && /row 1, column 0 is NaN/.test((e as Error).message));
  assert.throws(() => mleDimension({ data: new Float64Array(4), shape: [2, 2] }), /at least 3/);
  assert.throws(() => mleDimension({ data: new Float64Array(6), shape: [3, 2] }, { k: 1 }), /k must be/);
});

test.run();
