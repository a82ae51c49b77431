import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NumericalError } from '@mmcl/autodiff';
import { checkpointRun, restoreRun } from '../../packages/coloredmnist/src/checkpoint.js';
import { TINY_CONFIG } from '../../packages/coloredmnist/src/config.js';
import { contrastiveConfig, prepareData } from '../../packages/coloredmnist/src/experiment.js';
import {
  embedSet,
  epochStream,
  minibatchesPerEpoch,
  startEncoderRun,
  trainEpoch,
} from '../../packages/coloredmnist/src/train.js';

const data = prepareData(TINY_CONFIG);
const training = contrastiveConfig(TINY_CONFIG);
const seed = TINY_CONFIG.seed;
const bits = (run: { parameters: { data: Float64Array }[] }) => run.parameters.flatMap((p) => Array.from(p.data));

test('both modalities start from the same image encoder; multi adds the caption map', () => {
  const single = startEncoderRun('single', training, data.train, seed);
  const multi = startEncoderRun('multi', training, data.train, seed);
  assert.is(single.parameters.length, 2);
  assert.is(multi.parameters.length, 3);
  assert.equal(Array.from(single.parameters[0].data), Array.from(multi.parameters[0].data));
  assert.equal(multi.parameters[2].shape, [20, training.embedDim]);
});

test('epochs use distinct streams per modality and epoch', () => {
  const draw = (modality: 'single' | 'multi', epoch: number) => epochStream(seed, modality, epoch).uniform(1)[0];
  assert.is.not(draw('single', 0), draw('single', 1));
  assert.is.not(draw('single', 0), draw('multi', 0));
  assert.is(draw('multi', 3), draw('multi', 3));
});

for (const modality of ['single', 'multi'] as const) {
  test(`${modality}: same seed, same bits; stopping and resuming at an epoch boundary changes nothing`, async () => {
    const straight = startEncoderRun(modality, training, data.train, seed);
    for (let epoch = 0; epoch < 3; epoch++) assert.ok(await trainEpoch(straight, data.train, training, seed));
    const again = startEncoderRun(modality, training, data.train, seed);
    for (let epoch = 0; epoch < 3; epoch++) await trainEpoch(again, data.train, training, seed);
    assert.equal(bits(again), bits(straight));

    const first = startEncoderRun(modality, training, data.train, seed);
    await trainEpoch(first, data.train, training, seed);
    const saved = checkpointRun(first);
    const resumed = restoreRun(saved.meta, saved.values);
    for (let epoch = 1; epoch < 3; epoch++) await trainEpoch(resumed, data.train, training, seed);
    assert.equal(bits(resumed), bits(straight));
    assert.equal(resumed.epochLosses, straight.epochLosses);
    assert.ok(straight.epochLosses[2] < straight.epochLosses[0], `loss went down: ${straight.epochLosses}`);
  });
}

test('a stop request ends the epoch early without recording it, after one minibatch', async () => {
  const run = startEncoderRun('single', training, data.train, seed);
  let minibatches = 0;
  const complete = await trainEpoch(run, data.train, training, seed, { afterMinibatch: () => (minibatches += 1), shouldStop: () => true });
  assert.is(complete, false);
  assert.is(minibatches, 1);
  assert.is(run.epochLosses.length, 0);
  assert.is(minibatchesPerEpoch(120, 40), 3);
  assert.is(minibatchesPerEpoch(121, 40), 4);
});

test('a diverging run stops with an error naming the step and the quantity', async () => {
  const run = startEncoderRun('multi', training, data.train, seed);
  const reckless = { ...training, learningRate: 1e300 };
  try {
    for (let epoch = 0; epoch < 3; epoch++) await trainEpoch(run, data.train, reckless, seed);
    assert.unreachable('expected a NumericalError');
  } catch (err) {
    assert.instance(err, NumericalError);
    const error = err as NumericalError;
    assert.match(error.message, /^numerical trouble at step \d+ \(multi-modal training, epoch \d+, minibatch \d+\): (loss|gradient entry) is /);
    assert.ok(['loss', 'gradient entry'].includes(error.quantity), error.quantity);
    assert.ok(error.step >= 1 && error.step <= 3 * minibatchesPerEpoch(data.train.count, training.batchSize), `step ${error.step}`);
  }
});

test('embedSet gives one embedding row per image', () => {
  const run = startEncoderRun('single', training, data.train, seed);
  const embeddings = embedSet(run, data.test, training);
  assert.is(embeddings.length, data.test.count * training.embedDim);
  for (const v of embeddings) assert.ok(Number.isFinite(v));
});

test.run();
