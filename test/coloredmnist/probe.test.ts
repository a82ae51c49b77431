import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { fitProbe, probeAccuracy, probePredict } from '../../packages/coloredmnist/src/probe.js';

const config = { steps: 200, learningRate: 0.05, weightDecay: 1e-3 };

/** Ten unit-variance Gaussian clusters at 8·e_label (+100) in 10 dimensions, plus a constant 11th feature. */
function clusters(count: number, seed: number): { features: Float64Array; labels: Int32Array } {
  const stream = createStreams(seed).data;
  const features = new Float64Array(count * 11);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    labels[n] = n % 10;
    const noise = stream.normal(10);
    for (let d = 0; d < 10; d++) features[n * 11 + d] = 100 + (d === labels[n] ? 8 : 0) + noise[d];
    features[n * 11 + 10] = 3; // constant: must not break the standardisation
  }
  return { features, labels };
}

test('separable clusters are classified perfectly, on training and fresh test data', () => {
  const train = clusters(300, 1);
  const test_ = clusters(200, 2);
  const probe = fitProbe(train.features, 11, train.labels, config);
  assert.is(probeAccuracy(probe, train.features, train.labels), 1);
  assert.is(probeAccuracy(probe, test_.features, test_.labels), 1);
  for (const v of probe.weights.data) assert.ok(Number.isFinite(v));
});

test('a probe with no steps predicts class 0 (ties go to the lowest class); accuracy counts matches', () => {
  const train = clusters(50, 3);
  const probe = fitProbe(train.features, 11, train.labels, { ...config, steps: 0 });
  assert.equal(Array.from(probePredict(probe, train.features)), new Array(50).fill(0));
  assert.is(probeAccuracy(probe, train.features, train.labels), 5 / 50);
});

test('the fit is deterministic (same data, same bits) and does not depend on feature offsets', () => {
  const train = clusters(100, 4);
  const a = fitProbe(train.features, 11, train.labels, config);
  const b = fitProbe(train.features, 11, train.labels, config);
  assert.equal(Array.from(a.weights.data), Array.from(b.weights.data));
  const shifted = train.features.map((v) => v - 100);
  const c = fitProbe(shifted, 11, train.labels, config);
  for (let k = 0; k < a.weights.size; k++) assert.ok(Math.abs(a.weights.data[k] - c.weights.data[k]) < 1e-9);
});

test.run();
