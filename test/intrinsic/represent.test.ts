// Pin of the paper-2 evaluation normaliser (spec paper2.md §6.1, §10): test representations are f̃(x_test)/m̂_f with
// m̂_f the mean norm over the REFERENCE set {x_j^a}, never over the test set. Both tests fail if the test set is used.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams, tensor } from '@mmcl/autodiff';
import { generatePairs, initModel, represent, runExperiment } from '@mmcl/intrinsic';
import { mlpApply, mlpParameters, sliceRows } from '@mmcl/intrinsic/internal';

/** Mean Euclidean norm of the rows of an n×d array, by hand. */
function meanRowNorm(values: Float64Array, rows: number, d: number): number {
  let sum = 0;
  for (let i = 0; i < rows; i++) sum += Math.hypot(...values.subarray(i * d, (i + 1) * d));
  return sum / rows;
}

test('represent divides f̃(x_test) by the mean norm of f̃ over the reference rows, not the test rows', () => {
  const d = 4;
  const streams = createStreams(11);
  const model = initModel({ inputX: 20, inputY: 20, outputDim: d, hidden: [16, 16] }, (n) => streams.init.uniform(n), 0);
  const data = generatePairs({ link: 'linear', rows: 300, latentDim: 5 }, streams.data);
  const reference = sliceRows(data, 0, 100);
  const testSet = sliceRows(data, 100, 300);
  // Scale the test inputs so that their mean norm differs clearly from the reference set's.
  const testX = testSet.x.map((v) => 3 * v);
  const raw = (x: Float64Array, rows: number) => mlpApply(mlpParameters(model.f), tensor(x, [rows, 20])).data;
  const rawTest = raw(testX, testSet.rows);
  const referenceNorm = meanRowNorm(raw(reference.x, reference.rows), reference.rows, d);
  const testNorm = meanRowNorm(rawTest, testSet.rows, d);
  assert.ok(Math.abs(testNorm / referenceNorm - 1) > 0.1, 'the two candidate normalisers differ, so the test can tell them apart');
  const { values, meanNorm } = represent(model.f, testX, testSet.rows, reference.x, reference.rows, 'meanNorm');
  assert.ok(Math.abs(meanNorm - referenceNorm) <= 1e-14 * referenceNorm, `m̂ ${meanNorm} vs reference ${referenceNorm} (test set: ${testNorm})`);
  for (let i = 0; i < values.length; i++) assert.ok(Math.abs(values[i] - rawTest[i] / referenceNorm) <= 1e-14 * Math.abs(rawTest[i] / referenceNorm) + 1e-300);
});

test('runExperiment evaluates with the reference-set normaliser: the test representations do not have mean norm exactly 1', () => {
  // With the test set as normaliser, mean_i ‖f̃(x_i)‖ / m̂_test = 1 up to rounding (≈ 1e-16); with the reference set it
  // is m̂_test / m̂_ref, which differs from 1 by sampling noise (≈ 1e-2 here).
  const r = runExperiment({ outputDim: 3, trainRows: 256, referenceRows: 60, testRows: 80, epochs: 1, batchSize: 128, hidden: [8] });
  assert.ok(Math.abs(r.normMeanF - 1) > 1e-9, `mean test norm ${r.normMeanF}: exactly 1 means the test set normalised itself`);
  assert.ok(Math.abs(r.normMeanF - 1) < 0.5, `mean test norm ${r.normMeanF}`);
});

test.run();
