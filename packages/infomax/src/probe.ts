/**
 * Downstream evaluation (spec §1.4, §7.1): the frozen embedding h(x_test), a logistic-regression probe and its
 * accuracy.
 *
 * Probe protocol [choice, spec §7.1]: fit on the first `probeTrainSize` OOD samples, score on the rest; binary
 * logistic regression with an intercept minimising ½‖w‖² + C Σ_k log(1 + exp(−y_k (⟨w, h_k⟩ + b))) (intercept not
 * penalised), solved by Newton's method with backtracking to a gradient norm below 1e-10.
 */
import { anchorActivations } from './infonce.js';
import { cholesky, choleskySolveRows } from './linalg.js';

/**
 * A linear head f(h) = ⟨w, h⟩ + b.
 * @category Evaluation
 */
export interface ProbeHead {
  weights: Float64Array;
  bias: number;
  /** Newton iterations used. */
  iterations: number;
}

/**
 * The frozen embedding h̄_r(x_k) = σ(y_k ⟨w_r, ν⟩) + σ(⟨w_r, ζ_k⟩) of count test samples (count×m), from the
 * inner products ⟨w_r, ν⟩ (m) and ⟨w_r, ζ_k⟩ (m×count): the sum of the two patch activations the training loss
 * uses ({@link anchorActivations}, with ν, ζ_k in place of µ, ξ_i), laid out sample-major for the probe.
 *
 * @example
 * import { embedTestSamples } from '@mmcl/infomax/internal';
 * embedTestSamples(new Float64Array([2]), new Float64Array([0.5, -1]), new Float64Array([1, -1])); // → [2.5, 0]
 * @category Evaluation
 */
export function embedTestSamples(innerNu: Float64Array, innerZeta: Float64Array, yTest: Float64Array): Float64Array {
  const m = innerNu.length;
  const count = yTest.length;
  const { signal, noise } = anchorActivations(innerNu, innerZeta, yTest);
  const features = new Float64Array(count * m);
  for (let k = 0; k < count; k++) {
    for (let r = 0; r < m; r++) features[k * m + r] = signal[r * count + k] + noise[r * count + k];
  }
  return features;
}

/** log(1 + e^{−t}) without overflow. */
function softplusNeg(t: number): number {
  return t > 0 ? Math.log1p(Math.exp(-t)) : -t + Math.log1p(Math.exp(t));
}

function objective(features: Float64Array, labels: Float64Array, rows: number, w: Float64Array, b: number, C: number): number {
  const m = w.length;
  let value = 0;
  for (let r = 0; r < m; r++) value += 0.5 * w[r] * w[r];
  for (let k = 0; k < rows; k++) {
    let z = b;
    for (let r = 0; r < m; r++) z += w[r] * features[k * m + r];
    value += C * softplusNeg(labels[k] * z);
  }
  return value;
}

/**
 * Fit the L2-regularised logistic probe on the first `rows` samples of features (count×m), labels in {−1, +1}.
 *
 * @example
 * import { fitLogisticProbe } from '@mmcl/infomax/internal';
 * const head = fitLogisticProbe(new Float64Array([1, -1, 2, -2]), new Float64Array([1, -1, 1, -1]), 4, 1, 1);
 * head.weights[0] > 0; // → true
 * @category Evaluation
 */
export function fitLogisticProbe(features: Float64Array, labels: Float64Array, rows: number, m: number, C: number): ProbeHead {
  const k1 = m + 1; // parameters: w_1..w_m, then b
  const w = new Float64Array(m);
  let b = 0;
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    const grad = new Float64Array(k1);
    const hess = new Float64Array(k1 * k1);
    for (let r = 0; r < m; r++) {
      grad[r] = w[r];
      hess[r * k1 + r] = 1;
    }
    for (let k = 0; k < rows; k++) {
      const x = features.subarray(k * m, k * m + m);
      let z = b;
      for (let r = 0; r < m; r++) z += w[r] * x[r];
      const margin = labels[k] * z;
      const p = 1 / (1 + Math.exp(margin)); // σ(−y z)
      const g = -C * labels[k] * p;
      const h = C * p * (1 - p);
      for (let r = 0; r < m; r++) {
        grad[r] += g * x[r];
        for (let s = 0; s <= r; s++) hess[r * k1 + s] += h * x[r] * x[s];
        hess[m * k1 + r] += h * x[r];
      }
      grad[m] += g;
      hess[m * k1 + m] += h;
    }
    let gradNorm = 0;
    for (let r = 0; r < k1; r++) gradNorm = Math.max(gradNorm, Math.abs(grad[r]));
    if (gradNorm < 1e-10) break;
    for (let r = 0; r < k1; r++) for (let s = r + 1; s < k1; s++) hess[r * k1 + s] = hess[s * k1 + r];
    // A tiny ridge keeps the intercept block invertible when every sample sits on one side.
    hess[m * k1 + m] += 1e-12;
    const step = Float64Array.from(grad);
    choleskySolveRows(cholesky(hess, k1), k1, step, 1);
    // Near the optimum the decrease falls below the rounding of the objective; allow that much slack so the
    // (quadratically convergent) Newton steps keep shrinking the gradient.
    const before = objective(features, labels, rows, w, b, C);
    const slack = 1e-13 * Math.abs(before);
    let scale = 1;
    for (let tries = 0; tries < 50; tries++, scale /= 2) {
      const wTry = new Float64Array(m);
      for (let r = 0; r < m; r++) wTry[r] = w[r] - scale * step[r];
      const bTry = b - scale * step[m];
      if (objective(features, labels, rows, wTry, bTry, C) <= before + slack) {
        w.set(wTry);
        b = bTry;
        break;
      }
    }
  }
  return { weights: w, bias: b, iterations };
}

/**
 * Fraction of samples [from, to) with y_k f(h_k) > 0 (a zero score counts as an error).
 *
 * @example
 * import { probeAccuracy } from '@mmcl/infomax/internal';
 * probeAccuracy({ weights: new Float64Array([1]), bias: 0, iterations: 0 }, new Float64Array([1, -1]), new Float64Array([1, 1]), 0, 2); // → 0.5
 * @category Evaluation
 */
export function probeAccuracy(head: ProbeHead, features: Float64Array, labels: Float64Array, from: number, to: number): number {
  const m = head.weights.length;
  let correct = 0;
  for (let k = from; k < to; k++) {
    let z = head.bias;
    for (let r = 0; r < m; r++) z += head.weights[r] * features[k * m + r];
    if (labels[k] * z > 0) correct++;
  }
  return correct / (to - from);
}

/**
 * The downstream evaluation of spec §7.1 at one step: embed the OOD set, fit the probe on the first
 * `trainSize` samples, score it on the rest.
 *
 * @example
 * import { evaluateProbe } from '@mmcl/infomax/internal';
 * const y = new Float64Array([1, -1, 1, -1]);
 * evaluateProbe(new Float64Array([1]), new Float64Array(4), y, 2, 1).accuracy; // → 1
 * @category Evaluation
 */
export function evaluateProbe(innerNu: Float64Array, innerZeta: Float64Array, yTest: Float64Array, trainSize: number, C: number) {
  const features = embedTestSamples(innerNu, innerZeta, yTest);
  const head = fitLogisticProbe(features, yTest, trainSize, innerNu.length, C);
  return { head, accuracy: probeAccuracy(head, features, yTest, trainSize, yTest.length) };
}
