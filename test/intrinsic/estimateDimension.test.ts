import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { estimateDimension, mleDimension, twoNnDimension, UndefinedDimensionError, type UndefinedReason } from '@mmcl/intrinsic';
import { gaussian, grid } from './manifolds.js';

function reasonOf(run: () => unknown): UndefinedReason {
  try {
    run();
  } catch (err) {
    if (err instanceof UndefinedDimensionError) return err.reason;
    throw err;
  }
  throw new Error('expected UndefinedDimensionError');
}

const n = 120;
const base = gaussian(n, 3, 4);

test('with dedupe, a permuted cloud with duplicated rows gives the estimate of the cloud itself, and counts the copies (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(n - 1), { maxLength: 40 }), fc.integer(), fc.constantFrom<'mle' | 'twonn'>('mle', 'twonn'), (copies, seed, estimator) => {
      const rows = [...Array.from({ length: n }, (_, i) => i), ...copies];
      // A seeded Fisher–Yates shuffle of the row order.
      let state = seed >>> 0;
      for (let i = rows.length - 1; i > 0; i--) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        const j = state % (i + 1);
        [rows[i], rows[j]] = [rows[j], rows[i]];
      }
      const data = new Float64Array(rows.length * 3);
      rows.forEach((r, i) => data.set(base.subarray(r * 3, r * 3 + 3), i * 3));
      const expected = estimateDimension({ data: base, shape: [n, 3] }, { estimator }).dimension;
      const report = estimateDimension({ data, shape: [rows.length, 3] }, { estimator, dedupe: true });
      assert.is(report.duplicateRows, copies.length);
      assert.is(report.dropped, copies.length);
      assert.is(report.rows, n);
      // Only the summation order differs.
      assert.ok(Math.abs(report.dimension - expected) <= 1e-12 * expected, `${report.dimension} vs ${expected}`);
    }),
    { numRuns: 40 },
  );
});

test('MLE with duplicates kept: pointwise 0 at the copies, so the estimate drops; the report gives the estimate without them', () => {
  const data = new Float64Array((n + 10) * 3);
  data.set(base);
  for (let c = 0; c < 10; c++) data.set(base.subarray(c * 3, c * 3 + 3), (n + c) * 3);
  const report = estimateDimension({ data, shape: [n + 10, 3] });
  const clean = mleDimension({ data: base, shape: [n, 3] }).dimension;
  assert.is(report.duplicateRows, 10);
  assert.is(report.zeroDistancePoints, 20);
  assert.is(report.withoutDuplicates, clean);
  assert.ok(report.dimension < 0.9 * clean, `the 20 zeros pull the mean down: ${report.dimension} vs ${clean}`);
  const library = mleDimension({ data, shape: [n + 10, 3] });
  assert.is(library.pointwise.filter((m) => m === 0).length, 20, 'scikit-dimension semantics: m̂ = 0 at a zero distance');
  assert.is(library.dimension, report.dimension);
  // No duplicates: no withoutDuplicates field.
  assert.is(estimateDimension({ data: base, shape: [n, 3] }).withoutDuplicates, undefined);
});

test('undefined estimates are refused with the reason: constant data, k + 1 copies (MLE), any copy (TwoNN), too few distinct rows', () => {
  assert.is(reasonOf(() => estimateDimension({ data: new Float64Array(60).fill(2.5), shape: [30, 2] })), 'constant');
  // 21 copies of one point: its 20 neighbours are at distance 0, R_k = 0, m̂ = NaN.
  const copies = new Float64Array((n + 21) * 3);
  copies.set(base);
  for (let c = 0; c < 21; c++) copies.set(base.subarray(0, 3), (n + c) * 3);
  assert.ok(Number.isNaN(mleDimension({ data: copies, shape: [n + 21, 3] }).dimension));
  assert.is(reasonOf(() => estimateDimension({ data: copies, shape: [n + 21, 3] })), 'duplicates');
  assert.ok(Number.isFinite(estimateDimension({ data: copies, shape: [n + 21, 3] }, { dedupe: true }).dimension));
  // One copy: TwoNN's μ = r2/0 is infinite, even when the fit's 10% discard hides it from the number.
  const one = new Float64Array((n + 1) * 3);
  one.set(base);
  one.set(base.subarray(0, 3), n * 3);
  assert.ok(Number.isFinite(twoNnDimension({ data: one, shape: [n + 1, 3] })), 'the raw fit returns a number');
  assert.is(reasonOf(() => estimateDimension({ data: one, shape: [n + 1, 3] }, { estimator: 'twonn' })), 'duplicates');
  // 15 distinct points repeated twice each: 30 rows pass k + 1 = 21, 15 distinct rows do not.
  const twice = new Float64Array(90);
  twice.set(base.subarray(0, 45));
  twice.set(base.subarray(0, 45), 45);
  assert.is(reasonOf(() => estimateDimension({ data: twice, shape: [30, 3] }, { dedupe: true })), 'too-few');
  assert.is(reasonOf(() => estimateDimension({ data: base.subarray(0, 60), shape: [20, 3] })), 'too-few');
});

test('lattice ties: an integer grid is counted (r1 = r2 everywhere), biases the MLE (3.19 for a 2-D grid), and is refused where the estimate is undefined', () => {
  const points = { data: grid(40, 2), shape: [1600, 2] as const };
  const report = estimateDimension(points);
  assert.is(report.tiedPoints, 1600);
  assert.is(report.duplicateRows, 0);
  // The bias the CLI's warning quotes: 3.19 for a 2-dimensional set.
  assert.is(report.dimension.toFixed(2), '3.19');
  // TwoNN: every μ = 1, so the slope is 0/0. MLE with k = 2: both neighbours at distance 1 everywhere, m̂ = 1/0.
  assert.ok(Number.isNaN(twoNnDimension(points)));
  assert.is(reasonOf(() => estimateDimension(points, { estimator: 'twonn' })), 'ties');
  assert.is(reasonOf(() => estimateDimension(points, { k: 2 })), 'ties');
  // The harmonic combination of +∞ pointwise values is finite; the count says why.
  const harmonic = estimateDimension(points, { k: 4, combine: 'harmonic' });
  assert.is(harmonic.equidistantPoints, 1600 - 4 - 4 * 38);
  // Continuous data: no ties, no zero distances.
  const clean = estimateDimension({ data: base, shape: [n, 3] }, { estimator: 'twonn' });
  assert.equal([clean.tiedPoints, clean.zeroDistancePoints, clean.equidistantPoints], [0, 0, 0]);
});

test.run();
