import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runExperiment } from '@mmcl/intrinsic';

test('one small run end to end: metrics are in range and the sphere bound holds for d ≤ k*', () => {
  const r = runExperiment({ outputDim: 3, trainRows: 512, referenceRows: 100, testRows: 150, epochs: 12, batchSize: 128, hidden: [16, 16], step: { adam: { learningRate: 5e-3 } } });
  assert.ok(r.finalTemperature < 0.6, `τ ${r.finalTemperature}`);
  // Learned τ concentrates the norms; in d = 3 the representations then lie near S², whose dimension is 2.
  assert.ok(r.idF > 1 && r.idF < 3, `ID ${r.idF}`);
  assert.ok(r.testAccuracy >= 0 && r.testAccuracy <= 1);
  assert.ok(Math.abs(r.normMeanF - 1) < 0.2, `mean norm ${r.normMeanF}`);
  assert.ok(r.similarities.positiveMedian > r.similarities.negativeMedian);
});

test('d = 1 reports ID = 1, as the paper does (the MLE needs ≥ 2 features)', () => {
  const r = runExperiment({ outputDim: 1, trainRows: 256, referenceRows: 50, testRows: 60, epochs: 1, batchSize: 128, hidden: [8] });
  assert.is(r.idF, 1);
  assert.is(r.idG, 1);
});

test.run();
