import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '@mmcl/infomax';
import { batchNegatives, batchSequence, learningRate, learningRateFactor } from '@mmcl/infomax/internal';

const optimizerOf = (raw: Record<string, unknown>) => resolveConfig({ steps: 100, optimizer: { name: 'sgd', ...raw } }).optimizer;

test('schedules in closed form: constant, step, cosine endpoints and midpoint, linear warm-up', () => {
  assert.is(learningRate(optimizerOf({}), 0.01, 57), 0.01);
  const step = optimizerOf({ schedule: 'step', stepEvery: 10, stepFactor: 0.5 });
  assert.equal([0, 9, 10, 25].map((t) => learningRateFactor(step, t)), [1, 1, 0.5, 0.25]);
  const cosine = optimizerOf({ schedule: 'cosine', minFactor: 0.2 });
  assert.is(cosine.cosineSteps, 100);
  assert.is(learningRateFactor(cosine, 0), 1);
  assert.ok(Math.abs(learningRateFactor(cosine, 50) - 0.6) < 1e-15);
  assert.ok(Math.abs(learningRateFactor(cosine, 100) - 0.2) < 1e-15);
  assert.ok(Math.abs(learningRateFactor(cosine, 140) - 0.2) < 1e-15, 'flat after the horizon');
  const warm = optimizerOf({ warmupSteps: 4 });
  assert.equal([0, 1, 3, 4].map((t) => learningRateFactor(warm, t)), [0.25, 0.5, 1, 1]);
});

test('batches: a seeded permutation per epoch, drop_last, every sample at most once per epoch, reproducible', () => {
  const a = batchSequence(10, 3, 7);
  const b = batchSequence(10, 3, 7);
  for (let epoch = 0; epoch < 4; epoch++) {
    const seen = new Set<number>();
    for (let k = 0; k < 3; k++) {
      const t = epoch * 3 + k;
      const batch = a(t);
      assert.equal(Array.from(batch), Array.from(b(t)));
      assert.is(batch.length, 3);
      for (let j = 1; j < 3; j++) assert.ok(batch[j] > batch[j - 1], 'sorted');
      for (const i of batch) seen.add(i);
    }
    assert.is(seen.size, 9, 'one sample dropped per epoch');
  }
  assert.not.equal(Array.from(batchSequence(10, 3, 8)(0)), Array.from(batchSequence(10, 3, 7)(0)));
  assert.throws(() => a(0), /in order/);
});

test('batch negatives: in-batch keeps N_i ∩ S, whole-set keeps N_i, anchors outside S get none', () => {
  const negatives = new Int32Array([2, 3, 2, 3, 0, 1, 0, 1]); // y = [+, +, −, −]
  const offsets = new Int32Array([0, 2, 4, 6, 8]);
  const inBatch = batchNegatives(negatives, offsets, new Int32Array([0, 2]), 'batch');
  assert.equal(Array.from(inBatch.negatives), [2, 0]);
  assert.equal(Array.from(inBatch.negativeOffsets), [0, 1, 1, 2, 2]);
  const whole = batchNegatives(negatives, offsets, new Int32Array([0, 2]), 'all');
  assert.equal(Array.from(whole.negatives), [2, 3, 0, 1]);
});

test.run();
