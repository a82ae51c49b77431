/**
 * The dense engine: weights W ∈ R^{m×d} (and W~), the InfoMax losses of spec §3 written with @mmcl/autodiff ops,
 * gradients by reverse-mode autodiff, plain full-batch GD. It is the ground truth the reduced engine is checked
 * against. The coefficients it reports are least-squares fits of W^(t) − W^(0) (spec §8.5, method 2); on request it
 * also runs the Lemma 5.1 / 5.3 recursions alongside (method 1), fed by the d-dimensional weights.
 */
import {
  Tensor, add, concat, logsumexp, matmulNT, mean, mul, relu, reshape, stopGradient, sub, sum, valueAndGrad, where,
} from '@mmcl/autodiff';
import { multiModalStep, singleModalStep, type PreActivations, type StepOutcome } from './dynamics.js';
import { addArrays, assertFinite, augmentationSequence, encoderData, stepContext, type EngineRun } from './engine.js';
import { encoderGram, type EncoderData } from './gram.js';
import { leastSquaresSolver } from './leastSquares.js';
import { matmul } from './linalg.js';
import { accumulate } from './recursion.js';
import type { InfomaxConfig, InfomaxInputs } from './types.js';

/** A dense run, plus the recursion-tracked coefficients when asked for. */
export interface DenseEngineRun extends EngineRun {
  /** Coefficients from the recursions of Lemma 5.1 / 5.3 (only with trackRecursion). */
  recursion(): { first: { gamma: Float64Array; rho: Float64Array }; second?: { gamma: Float64Array; rho: Float64Array } } | undefined;
  /** The current weights of the second encoder (multi-modal). */
  secondWeights(): Float64Array | undefined;
}

/** Row i = y_i µ: the signal patches of the n samples (n×d). */
function signalPatches(y: Float64Array, mu: Float64Array): Tensor {
  const n = y.length;
  const d = mu.length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[i * d + k] = y[i] * mu[k];
  return new Tensor(out, [n, d]);
}

/** The 0/1 mask of N_i (n×n). */
function negativeMask(inputs: InfomaxInputs, n: number): Tensor {
  const mask = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = inputs.negativeOffsets[i]; k < inputs.negativeOffsets[i + 1]; k++) mask[i * n + inputs.negatives[k]] = 1;
  }
  return new Tensor(mask, [n, n]);
}

/**
 * One InfoNCE term on activations (rows = samples, n×m): anchor (a¹, a²), detached positive partner (p¹, p²) and
 * detached negative partner (q¹, q²). −(1/n) Σ_i log softmax_0([F_{i,0}, F_{i,j} (j ∈ N_i)]), with −∞ masking j ∉ N_i.
 */
function infoNce(a1: Tensor, a2: Tensor, p1: Tensor, p2: Tensor, q1: Tensor, q2: Tensor, mask: Tensor, scale: number): Tensor {
  const n = a1.shape[0];
  const positive = mul(add(sum(mul(a1, p1), 1), sum(mul(a2, p2), 1)), scale);
  const negative = where(mask, mul(add(matmulNT(a1, q1), matmulNT(a2, q2)), scale), -Infinity);
  const logits = concat([reshape(positive, [n, 1]), negative], 1);
  return mean(sub(logsumexp(logits, 1), positive));
}

/** W ← W − η ∇W, in place. */
function descend(W: Float64Array, gradient: Float64Array, eta: number): void {
  for (let k = 0; k < W.length; k++) W[k] -= eta * gradient[k];
}

/** Pre-activations ⟨w_r, µ⟩, ⟨w_r, ξ_i⟩ (and ⟨w_r, ξ_i + ϵ_i⟩) straight from the d-dimensional weights. */
function densePreActivations(data: EncoderData, W: Float64Array, augmented?: Float64Array): PreActivations {
  const { d, n, m } = data;
  return {
    u: matmul(W, data.mu, m, d, 1),
    v: matmul(W, data.xi, m, d, n, false, true),
    vAugmented: augmented ? matmul(W, augmented, m, d, n, false, true) : undefined,
  };
}

/**
 * Start a dense run at W = W^(0) (and W~ = W~^(0)).
 *
 * @example
 * import { resolveConfig, generateInputs, createDenseEngine } from '@mmcl/infomax';
 * const config = resolveConfig({ d: 60, n: 10, m: 4, steps: 3, engine: 'dense' });
 * const run = createDenseEngine(config, generateInputs(config));
 * run.step(0, true).loss > 0; // true
 */
export function createDenseEngine(
  config: InfomaxConfig,
  inputs: InfomaxInputs,
  options: { trackRecursion?: boolean } = {},
): DenseEngineRun {
  const { n, m, d, nTest, eta } = config;
  const multi = config.mode === 'multi';
  const scale = 1 / (m * config.tau);
  const dataH = encoderData(config, inputs, 'first');
  const dataG = multi ? encoderData(config, inputs, 'second') : undefined;
  const solverH = leastSquaresSolver(dataH);
  const solverG = dataG ? leastSquaresSolver(dataG) : undefined;
  const mask = negativeMask(inputs, n);
  const signal = signalPatches(inputs.y, inputs.mu);
  const noise = new Tensor(inputs.xi, [n, d]);
  const signalTilde = dataG ? signalPatches(inputs.y, dataG.mu) : undefined;
  const noiseTilde = dataG ? new Tensor(dataG.xi, [n, d]) : undefined;
  const nextEps = config.resampleEps && !multi ? augmentationSequence(config) : undefined;
  let augmentedRows = multi ? undefined : addArrays(inputs.xi, inputs.eps);
  let augmented = augmentedRows ? new Tensor(augmentedRows, [n, d]) : undefined;
  const test = inputs.test;
  if (!test) throw new TypeError('inputs.test (the downstream set) is missing; use generateInputs');

  const W = Float64Array.from(inputs.W0);
  const WTilde = dataG ? Float64Array.from(dataG.W0) : undefined;

  const singleLoss = (w: Tensor) => {
    const a1 = relu(matmulNT(signal, w)); // h_r(x_i^(1)) = σ(⟨w_r, y_i µ⟩), n×m
    const a2 = relu(matmulNT(noise, w)); // h_r(x_i^(2)) = σ(⟨w_r, ξ_i⟩)
    const aHat = relu(matmulNT(augmented!, w)); // h_r(x^_i^(2)) = σ(⟨w_r, ξ_i + ϵ_i⟩)
    // The positive's signal patch is the anchor's own (augmentation leaves y µ unchanged); negatives un-augmented.
    return infoNce(a1, a2, stopGradient(a1), stopGradient(aHat), stopGradient(a1), stopGradient(a2), mask, scale);
  };
  const multiLoss = (w: Tensor, wTilde: Tensor) => {
    const h1 = relu(matmulNT(signal, w));
    const h2 = relu(matmulNT(noise, w));
    const g1 = relu(matmulNT(signalTilde!, wTilde));
    const g2 = relu(matmulNT(noiseTilde!, wTilde));
    const hTerm = infoNce(h1, h2, stopGradient(g1), stopGradient(g2), stopGradient(g1), stopGradient(g2), mask, scale);
    const gTerm = infoNce(g1, g2, stopGradient(h1), stopGradient(h2), stopGradient(h1), stopGradient(h2), mask, scale);
    return add(hTerm, gTerm);
  };
  const singleValueAndGrad = valueAndGrad(singleLoss);
  const multiValueAndGrad = valueAndGrad(multiLoss);

  // Recursion tracker (spec §8.5 method 1): Lemma 5.1 / 5.3 increments from the true weights' pre-activations.
  const gramH = options.trackRecursion ? encoderGram(dataH) : undefined;
  const gramG = options.trackRecursion && dataG ? encoderGram(dataG) : undefined;
  const ctx = gramH ? stepContext(config, inputs, gramH, gramG) : undefined;
  const recursion = gramH
    ? {
        first: { gamma: new Float64Array(m), rho: new Float64Array(m * n) },
        second: gramG ? { gamma: new Float64Array(m), rho: new Float64Array(m * n) } : undefined,
      }
    : undefined;

  const trackedStep = (): StepOutcome | undefined => {
    if (!ctx) return undefined;
    if (dataG && WTilde) return multiModalStep(densePreActivations(dataH, W), densePreActivations(dataG, WTilde), ctx);
    return singleModalStep(densePreActivations(dataH, W, augmentedRows), ctx);
  };

  return {
    step(t, advance) {
      if (nextEps && t > 0) {
        augmentedRows = addArrays(inputs.xi, nextEps());
        augmented = new Tensor(augmentedRows, [n, d]);
      }
      const tracked = trackedStep();
      let loss: number;
      if (WTilde) {
        const { value, grads } = multiValueAndGrad(new Tensor(W, [m, d]), new Tensor(WTilde, [m, d]));
        loss = value;
        assertFinite(t, 'loss', loss);
        if (advance) {
          descend(W, grads[0].data, eta);
          descend(WTilde, grads[1].data, eta);
        }
      } else {
        const { value, grads } = singleValueAndGrad(new Tensor(W, [m, d]));
        loss = value;
        assertFinite(t, 'loss', loss);
        if (advance) descend(W, grads[0].data, eta);
      }
      if (advance) {
        assertFinite(t + 1, 'W', W);
        if (WTilde) assertFinite(t + 1, 'W_tilde', WTilde);
        if (recursion && tracked) {
          accumulate(recursion.first.gamma, tracked.first.gamma);
          accumulate(recursion.first.rho, tracked.first.rho);
          if (recursion.second && tracked.second) {
            accumulate(recursion.second.gamma, tracked.second.gamma);
            accumulate(recursion.second.rho, tracked.second.rho);
          }
        }
      }
      return { loss, probabilities: tracked?.probabilities };
    },
    coefficients() {
      const first = solverH.solve(W);
      const second = solverG && WTilde ? solverG.solve(WTilde) : undefined;
      return { first, second };
    },
    testInnerProducts: () => ({
      nu: matmul(W, test.nu, m, d, 1),
      zeta: matmul(W, test.zeta, m, d, nTest, false, true),
    }),
    weights: () => Float64Array.from(W),
    secondWeights: () => (WTilde ? Float64Array.from(WTilde) : undefined),
    recursion: () => recursion,
  };
}
