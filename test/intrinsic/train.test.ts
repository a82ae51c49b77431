import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { generatePairs, initModel, resolveStepConfig, trainModel } from '@mmcl/intrinsic';
import { sliceRows } from '@mmcl/intrinsic/internal';

function setup(learnTemperature: boolean, seed = 5) {
  const streams = createStreams(seed);
  const all = generatePairs({ link: 'linear', rows: 640 }, streams.data);
  const train = sliceRows(all, 0, 512);
  const ref = sliceRows(all, 512, 640);
  const config = resolveStepConfig({ learnTemperature, adam: { learningRate: 3e-3, weightDecay: 1e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } });
  const model = initModel({ inputX: 20, inputY: 20, outputDim: 6, hidden: [16, 16] }, (n) => streams.init.uniform(n), 0);
  return { streams, train, reference: { x: ref.x, y: ref.y, rows: ref.rows }, config, model };
}

test('learned τ falls and the loss drops on the linear link; fixed τ stays put', () => {
  const learned = setup(true);
  const h = trainModel(learned.model, learned.train, learned.reference, learned.config, { epochs: 15, batchSize: 128, shuffle: null });
  assert.is(h.temperatures.length, 15 * 4);
  // Adam moves s by at most ≈ lr per step, so τ can fall at most to ≈ exp(−c·lr·60) ≈ 0.49 here.
  assert.ok(h.temperatures[h.temperatures.length - 1] < 0.7, `τ = ${h.temperatures[h.temperatures.length - 1]}`);
  assert.ok(h.epochLoss[14] < h.epochLoss[0] - 1, `loss ${h.epochLoss[0]} → ${h.epochLoss[14]}`);
  assert.ok(h.epochAlign[14] < h.epochAlign[0], 'positives become more aligned (align = −mean cos falls)');
  const fixed = setup(false);
  const s0 = fixed.model.parameters[fixed.model.temperatureIndex];
  const hf = trainModel(fixed.model, fixed.train, fixed.reference, { ...fixed.config, initialTemperature: 1 }, { epochs: 2, batchSize: 128, shuffle: null });
  assert.ok(hf.temperatures.every((t) => t === 1));
  assert.is(fixed.model.parameters[fixed.model.temperatureIndex], s0);
});

test('training is bit-reproducible, and shuffling changes the batches but not reproducibility', () => {
  const run = (shuffle: boolean) => {
    const s = setup(true, 8);
    const order = shuffle ? (_e: number, rows: number) => s.streams.shuffle.permutation(rows) : null;
    trainModel(s.model, s.train, s.reference, s.config, { epochs: 2, batchSize: 128, shuffle: order });
    return Array.from(s.model.parameters);
  };
  assert.equal(run(false), run(false));
  assert.equal(run(true), run(true));
  assert.not.equal(run(true), run(false));
});

test('batchSize larger than the data is a one-line error', () => {
  const s = setup(true);
  assert.throws(() => trainModel(s.model, s.train, s.reference, s.config, { epochs: 1, batchSize: 1000, shuffle: null }), /batchSize 1000 exceeds the 512 training rows/);
});

test.run();
