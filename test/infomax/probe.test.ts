import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { embedTestSamples, evaluateProbe, fitLogisticProbe, probeAccuracy } from '@mmcl/infomax/internal';

const random = createStreams(21).check;

/** The gradient of ½‖w‖² + C Σ log(1 + e^{−y(⟨w,x⟩+b)}) at the fitted head (zero at the optimum). */
function gradientNorm(features: Float64Array, labels: Float64Array, rows: number, m: number, C: number, w: Float64Array, b: number): number {
  const g = Float64Array.from(w);
  let gb = 0;
  for (let k = 0; k < rows; k++) {
    let z = b;
    for (let r = 0; r < m; r++) z += w[r] * features[k * m + r];
    const p = 1 / (1 + Math.exp(labels[k] * z));
    for (let r = 0; r < m; r++) g[r] -= C * labels[k] * p * features[k * m + r];
    gb -= C * labels[k] * p;
  }
  return Math.max(Math.abs(gb), ...Array.from(g, Math.abs));
}

test('the logistic probe reaches the optimum of its L2-regularised objective (gradient < 1e-9)', () => {
  const rows = 80;
  const m = 6;
  const labels = Float64Array.from({ length: rows }, (_, k) => (k % 2 === 0 ? 1 : -1));
  const features = random.normal(rows * m);
  for (let k = 0; k < rows; k++) features[k * m] += labels[k] * 0.8 + 0.3; // informative first feature, offset
  const head = fitLogisticProbe(features, labels, rows, m, 1);
  assert.ok(gradientNorm(features, labels, rows, m, 1, head.weights, head.bias) < 1e-9);
  assert.ok(head.weights[0] > 0.5, `w_0 = ${head.weights[0]}`);
  assert.ok(head.iterations < 50);
});

test('separable data are classified perfectly; a zero score counts as an error', () => {
  const features = new Float64Array([1, 2, -1, -3]);
  const labels = new Float64Array([1, 1, -1, -1]);
  const head = fitLogisticProbe(features, labels, 4, 1, 1);
  assert.is(probeAccuracy(head, features, labels, 0, 4), 1);
  assert.is(probeAccuracy({ weights: new Float64Array([0]), bias: 0, iterations: 0 }, features, labels, 0, 4), 0);
});

test('embedding h̄_r(x_k) = σ(y_k ⟨w_r, ν⟩) + σ(⟨w_r, ζ_k⟩); evaluateProbe fits on the first rows and scores the rest', () => {
  // m = 2, three samples
  const features = embedTestSamples(new Float64Array([1, -2]), new Float64Array([0.5, -1, 2, 0, 0, -3]), new Float64Array([1, -1, 1]));
  assert.equal(Array.from(features), [1.5, 0, 0, 2, 3, 0]);
  const y = Float64Array.from({ length: 40 }, (_, k) => (k % 2 ? 1 : -1));
  const { accuracy, head } = evaluateProbe(new Float64Array([1, -1]), random.normal(2 * 40, 0.1), y, 20, 1);
  assert.is(accuracy, 1); // the signal patch separates the classes
  assert.ok(head.weights.length === 2);
});

test.run();
