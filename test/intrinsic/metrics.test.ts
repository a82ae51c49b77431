import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { discretisedMutualInformation, normSummary, retrievalAccuracy, similaritySummary } from '@mmcl/intrinsic';

test('retrieval: the positive must beat the negatives; top-k loosens it', () => {
  // Row 0's best match is column 1, row 1's is column 1, row 2's is column 2.
  const F = new Float64Array([1, 0, 0, 1, 1, 1]);
  const G = new Float64Array([0.5, 0, 1, 0, 0.9, 0.9]);
  assert.is(retrievalAccuracy(F, G, 3, 2, 1), 1 / 3);
  assert.is(retrievalAccuracy(F, G, 3, 2, 2), 2 / 3);
  assert.is(retrievalAccuracy(F, G, 3, 2, 3), 1);
});

test('similarity summary: quantiles of positives and negatives, densities integrate to 1', () => {
  const F = new Float64Array([1, 0, 0, 1, -1, 0]);
  const s = similaritySummary(F, F, 3, 2, 10);
  assert.is(s.positiveMedian, 1);
  assert.is(s.negativeMax, 0);
  assert.is(s.negativeMedian, 0); // negatives: −1, −1, 0, 0, 0, 0
  assert.is(s.negativesAbovePositiveMedian, 0);
  const width = s.edges[1] - s.edges[0];
  const total = (d: number[]) => d.reduce((a, b) => a + b, 0) * width;
  assert.ok(Math.abs(total(s.positiveDensity) - 1) < 1e-12 && Math.abs(total(s.negativeDensity) - 1) < 1e-12);
});

test('norm summary and discretised mutual information', () => {
  const norms = normSummary(new Float64Array([3, 4, 6, 8]), 2, 2);
  assert.is(norms.mean, 7.5);
  assert.is(norms.sd, 2.5);
  const a = new Float64Array([0.1, 0.2, 1.1, 1.3, 2.5, 2.6, 3.9, 3.1]);
  // Identical quantised variables with 4 equiprobable cells: I = log 4. Independent-looking pairing: smaller.
  assert.ok(Math.abs(discretisedMutualInformation(a, a, 4, 2, 2, 1) - Math.log(4)) < 1e-15);
  const constant = new Float64Array(8);
  assert.is(discretisedMutualInformation(a, constant, 4, 2, 2, 1), 0);
});

test.run();
