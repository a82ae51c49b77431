/**
 * The dense engine: weights W ∈ R^{m×d} (and W~), the InfoMax losses of spec §3 written with @mmcl/autodiff ops,
 * gradients by reverse-mode autodiff, plain full-batch GD. It is the ground truth the reduced engine is checked
 * against. The coefficients it reports are least-squares fits of W^(t) − W^(0) (spec §8.5, method 2); on request it
 * also runs the Lemma 5.1 / 5.3 recursions alongside (method 1), fed by the d-dimensional weights.
 */
import {
  Tensor, add, concat, logsumexp, matmulNT, mean, mul, relu, reshape, stopGradient, sub, sum, valueAndGrad, where,
} from '@mmcl/autodiff';
import { multiModalStep, singleModalStep, type PreActivations, type StepContext } from './dynamics.js';
import { addArrays, assertFinite, augmentationSequence, encoderData, stepContext, type CoefficientState, type EngineRun } from './engine.js';
import { encoderGram } from './gram.js';
import { leastSquaresSolver } from './leastSquares.js';
import { relu as reluArray } from './infonce.js';
import { matmul } from './linalg.js';
import { applyIncrement, coefficientVector } from './optimizers/coefficients.js';
import { trainingPlan } from './optimizers/plan.js';
import type { InfomaxConfig, InfomaxInputs } from './types.js';

/**
 * A dense run, plus the recursion-tracked coefficients when asked for.
 * @category Engines
 */
export interface DenseEngineRun extends EngineRun {
  /** Coefficients from the recursions of Lemma 5.1 / 5.3 (only with trackRecursion). */
  recursion(): { h: CoefficientState; g?: CoefficientState } | undefined;
  /** The current weights W~ of encoder g (multi-modal). */
  weightsG(): Float64Array | undefined;
}

/** A row vector (1×d) tensor. */
function row(v: Float64Array): Tensor {
  return new Tensor(v, [1, v.length]);
}

/** (rows×cols) → (cols×rows), row-major. */
function transposed(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

/** The 0/1 mask of N_i (n×n) from the flat negative lists. */
function negativeMask(negatives: Int32Array, offsets: Int32Array, n: number): Tensor {
  const mask = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) mask[i * n + negatives[k]] = 1;
  }
  return new Tensor(mask, [n, n]);
}

/**
 * One InfoNCE term on activations (rows = samples, n×m): anchor (a¹, a²), detached positive partner (p¹, p²) and
 * detached negative partner (q¹, q²). −(1/n) Σ_i log softmax_0([F_{i,0}, F_{i,j} (j ∈ N_i)]), with −∞ masking j ∉ N_i.
 * A minibatch (`batchSize` B) masks every negative of the anchors outside the batch, whose terms are then exactly 0
 * with zero gradient, and divides the sum by B.
 */
function infoNce(a1: Tensor, a2: Tensor, p1: Tensor, p2: Tensor, q1: Tensor, q2: Tensor, mask: Tensor, scale: number, batchSize?: number): Tensor {
  const n = a1.shape[0];
  const positive = mul(add(sum(mul(a1, p1), 1), sum(mul(a2, p2), 1)), scale);
  const negative = where(mask, mul(add(matmulNT(a1, q1), matmulNT(a2, q2)), scale), -Infinity);
  const logits = concat([reshape(positive, [n, 1]), negative], 1);
  const terms = sub(logsumexp(logits, 1), positive);
  return batchSize === undefined ? mean(terms) : mul(sum(terms), 1 / batchSize);
}

/**
 * Start a dense run at W = W^(0) (and W~ = W~^(0)).
 *
 * @example
 * import { resolveConfig, generateInputs } from '@mmcl/infomax';
 * import { createDenseEngine } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 60, n: 10, m: 4, steps: 3, engine: 'dense' });
 * const run = createDenseEngine(config, generateInputs(config));
 * run.step(0, true).loss > 0; // → true
 * @category Engines
 */
export function createDenseEngine(
  config: InfomaxConfig,
  inputs: InfomaxInputs,
  options: { trackRecursion?: boolean } = {},
): DenseEngineRun {
  const { n, m, d, nTest } = config;
  const multi = config.mode === 'multi';
  const scale = 1 / (m * config.tau);
  const dataH = encoderData(config, inputs, 'h');
  const dataG = multi ? encoderData(config, inputs, 'g') : undefined;
  const solverH = leastSquaresSolver(dataH);
  const solverG = dataG ? leastSquaresSolver(dataG) : undefined;
  const fullMask = negativeMask(inputs.negatives, inputs.negativeOffsets, n);
  // The negatives and batch size of the loss being differentiated (a minibatch's, or the full set's).
  let mask = fullMask;
  let batchSize: number | undefined;
  const plan = trainingPlan(config, inputs);
  const rules = { W: plan.createRule(), WTilde: plan.createRule() };
  const scale0 = { h: new Float64Array([1]), g: new Float64Array([1]) }; // a_t of each encoder
  const scaleRules = { h: plan.createScaleRule(), g: plan.createScaleRule() };
  const labels = new Tensor(inputs.y, [n, 1]);
  const muRow = row(inputs.mu);
  const noise = new Tensor(inputs.xi, [n, d]);
  const muTildeRow = dataG ? row(dataG.mu) : undefined;
  const noiseTilde = dataG ? new Tensor(dataG.xi, [n, d]) : undefined;
  // ⟨w_r^(0), µ⟩ and ⟨w_r^(0), ξ_i⟩, so that the least-squares right-hand side ⟨w_r − w_r^(0), ·⟩ comes from the
  // forward pass's pre-activations.
  const initialH = { u: matmul(dataH.W0, dataH.mu, m, d, 1), v: matmul(dataH.W0, dataH.xi, m, d, n, false, true) };
  const initialG = dataG ? { u: matmul(dataG.W0, dataG.mu, m, d, 1), v: matmul(dataG.W0, dataG.xi, m, d, n, false, true) } : undefined;
  const nextEps = config.resampleEps && !multi ? augmentationSequence(config) : undefined;
  let augmentedRows = multi ? undefined : addArrays(inputs.xi, inputs.eps);
  let augmentedActivations: Tensor | undefined;
  const test = inputs.test;
  if (!test) throw new TypeError('inputs.test (the downstream set) is missing; use generateInputs');

  const W = Float64Array.from(inputs.W0);
  const WTilde = dataG ? Float64Array.from(dataG.W0) : undefined;

  // Pre-activations of the last forward pass, kept for the coefficients and the recursion tracker (no extra O(mnd)).
  let last: { u: Float64Array; v: Float64Array; uTilde?: Float64Array; vTilde?: Float64Array } | undefined;
  /**
   * Patch activations of one encoder (rows = samples, n×m). The signal patch of sample i is y_i µ, so
   * ⟨w_r, y_i µ⟩ = y_i ⟨w_r, µ⟩: one 1×d·d×m product instead of an n×d one (same values, same gradient).
   */
  const activations = (w: Tensor, mu: Tensor, xi: Tensor) => {
    const u = matmulNT(mu, w); // 1×m: ⟨w_r, µ⟩
    const v = matmulNT(xi, w); // n×m: ⟨w_r, ξ_i⟩
    return { u, v, a1: relu(mul(labels, u)), a2: relu(v) };
  };
  const singleLoss = (w: Tensor) => {
    const { u, v, a1, a2 } = activations(w, muRow, noise); // h_r(x_i^(1)), h_r(x_i^(2))
    last = { u: u.data, v: v.data };
    // The positive x^_i = [y_i µ, ξ_i + ϵ_i] enters only detached: its activations σ(⟨w_r, ξ_i + ϵ_i⟩) are computed
    // off the tape (augmentedActivations). Its signal patch is the anchor's own. Negatives are un-augmented.
    return infoNce(a1, a2, stopGradient(a1), augmentedActivations!, stopGradient(a1), stopGradient(a2), mask, scale, batchSize);
  };
  const multiLoss = (w: Tensor, wTilde: Tensor) => {
    const h = activations(w, muRow, noise);
    const g = activations(wTilde, muTildeRow!, noiseTilde!);
    last = { u: h.u.data, v: h.v.data, uTilde: g.u.data, vTilde: g.v.data };
    const hTerm = infoNce(h.a1, h.a2, stopGradient(g.a1), stopGradient(g.a2), stopGradient(g.a1), stopGradient(g.a2), mask, scale, batchSize);
    const gTerm = infoNce(g.a1, g.a2, stopGradient(h.a1), stopGradient(h.a2), stopGradient(h.a1), stopGradient(h.a2), mask, scale, batchSize);
    return add(hTerm, gTerm);
  };
  // Every step has the same shapes: the tape's outputs and gradients reuse last step's arrays (no fresh m×d arrays
  // to fault in and collect). The arrays are dead by the next call; `last` and the gradients are used before it.
  const singleValueAndGrad = valueAndGrad(singleLoss, { reuseBuffers: true });
  const multiValueAndGrad = valueAndGrad(multiLoss, { reuseBuffers: true });

  // Recursion tracker (spec §8.5 method 1): Lemma 5.1 / 5.3 increments from the true weights' pre-activations.
  const gramH = options.trackRecursion ? encoderGram(dataH) : undefined;
  const gramG = options.trackRecursion && dataG ? encoderGram(dataG) : undefined;
  const ctx = gramH ? stepContext(config, inputs, gramH, gramG) : undefined;
  // The extended recursion: the optimizer applied to [a, γ, ρ] (spec optimizers.md §2); Lemma 5.1 / 5.3 for plain GD.
  const recursion = gramH && plan.spanPreserving
    ? { h: coefficientVector(m, n), g: gramG ? coefficientVector(m, n) : undefined }
    : undefined;
  const recursionRules = { h: plan.createRule(), g: plan.createRule() };

  /** The pre-activations of W^(t) (m-major, fresh copies) from the last forward pass, plus the augmented ones. */
  const preActivations = (augmentedPre?: Float64Array) => {
    const h: PreActivations = { u: Float64Array.from(last!.u), v: transposed(last!.v, n, m), vAugmented: augmentedPre };
    const g: PreActivations | undefined = last!.uTilde ? { u: Float64Array.from(last!.uTilde), v: transposed(last!.vTilde!, n, m) } : undefined;
    return { h, g };
  };
  /**
   * Least squares on span{µ, ξ_i} with right-hand side ⟨w_r − a w_r^(0), ·⟩ = pre-activation − a · initial projection
   * (a = a_t; 1·x = x, so GD's bits are unchanged).
   */
  const coefficientsOf = (pre: PreActivations, initial: { u: Float64Array; v: Float64Array }, solver: typeof solverH, a: number) => ({
    ...solver.fromInnerProducts(pre.u.map((x, r) => x - a * initial.u[r]), pre.v.map((x, k) => x - a * initial.v[k])),
    a,
  });
  /** Loss and gradients of the current weights for the current mask and batch size. */
  const lossAndGradients = (): { loss: number; gradients: Float64Array[] } => {
    if (WTilde) {
      const { value, grads } = multiValueAndGrad(new Tensor(W, [m, d]), new Tensor(WTilde, [m, d]));
      return { loss: value, gradients: grads.map((g) => g.data) };
    }
    const { value, grads } = singleValueAndGrad(new Tensor(W, [m, d]));
    return { loss: value, gradients: [grads[0].data] };
  };
  /** The full-set loss alone (a forward pass off the tape), for a minibatch step and the last (loss-only) evaluation. */
  const fullLoss = (): number => {
    const saved = { mask, batchSize };
    mask = fullMask;
    batchSize = undefined;
    const value = WTilde ? multiLoss(new Tensor(W, [m, d]), new Tensor(WTilde, [m, d])) : singleLoss(new Tensor(W, [m, d]));
    ({ mask, batchSize } = saved);
    return value.data[0];
  };

  return {
    step(t, advance) {
      let augmentedSamples: Float64Array | undefined;
      if (!multi) {
        if (nextEps && t > 0) augmentedRows = addArrays(inputs.xi, nextEps());
        // ⟨w_r, ξ_i + ϵ_i⟩ off the tape, sample-major (n×m) as the loss takes it: the same sums as W·(ξ + ϵ)ᵀ
        // (products commute, same order over d), with the smaller W packed instead of the n×d rows.
        augmentedSamples = matmul(augmentedRows!, W, n, d, m, false, true);
        augmentedActivations = new Tensor(reluArray(augmentedSamples), [n, m]);
      }
      const stepPlan = advance ? plan.step(t) : undefined;
      const batch = stepPlan?.batch;
      // The loss reported is the full set's: a forward pass off the tape when the gradient is a minibatch's, and
      // all the last evaluation (advance = false) needs. Taken first, so the gradients are used as soon as they exist.
      const fullSetLoss = batch || !stepPlan ? fullLoss() : undefined;
      if (batch) {
        mask = negativeMask(batch.negatives, batch.negativeOffsets, n);
        batchSize = plan.batchSize;
      }
      const computed = stepPlan ? lossAndGradients() : undefined;
      mask = fullMask;
      batchSize = undefined;
      const loss = fullSetLoss ?? computed!.loss;
      assertFinite(t, 'loss', loss);
      // The tape's outputs and gradients live in its buffer pool, whose arrays may be views of wasm memory that go
      // stale when memory grows: copy the (small) pre-activations out and apply the update before any further kernel.
      // Only the recursion tracker reads ⟨w_r, ξ_i + ϵ_i⟩ neuron-major.
      const pre = preActivations(augmentedSamples && ctx ? transposed(augmentedSamples, n, m) : undefined);
      const scale0Before = { h: scale0.h[0], g: scale0.g[0] }; // a_t of W^(t), before the update
      if (stepPlan && computed) {
        rules.W(W, computed.gradients[0], stepPlan.lr);
        scaleRules.h(scale0.h, stepPlan.lr);
        assertFinite(t + 1, 'W', W);
        if (WTilde) {
          rules.WTilde(WTilde, computed.gradients[1], stepPlan.lr);
          scaleRules.g(scale0.g, stepPlan.lr);
          assertFinite(t + 1, 'W_tilde', WTilde);
        }
      }
      const coefficients = {
        h: coefficientsOf(pre.h, initialH, solverH, scale0Before.h),
        g: pre.g && initialG && solverG ? coefficientsOf(pre.g, initialG, solverG, scale0Before.g) : undefined,
      };
      const track = (stepCtx: StepContext) => (pre.g ? multiModalStep(pre.h, pre.g, stepCtx) : singleModalStep(pre.h, stepCtx));
      const tracked = ctx ? track(stepPlan && !batch ? { ...ctx, rate: stepPlan.rate } : ctx) : undefined;
      if (stepPlan && recursion && tracked && ctx) {
        const moving = batch ? track({ ...ctx, ...batch, rate: stepPlan.rate }) : tracked;
        applyIncrement(recursion.h, moving.h, plan.plain, recursionRules.h, stepPlan.lr);
        if (recursion.g && moving.g) applyIncrement(recursion.g, moving.g, plan.plain, recursionRules.g, stepPlan.lr);
      }
      return { loss, coefficients, probabilities: tracked?.probabilities };
    },
    coefficients: () => ({ h: solverH.solve(W), g: solverG && WTilde ? solverG.solve(WTilde) : undefined }),
    spanResidual: () => ({
      h: solverH.spanResidual(W, scale0.h[0]),
      g: solverG && WTilde ? solverG.spanResidual(WTilde, scale0.g[0]) : undefined,
    }),
    testInnerProducts: () => ({
      nu: matmul(W, test.nu, m, d, 1),
      zeta: matmul(W, test.zeta, m, d, nTest, false, true),
    }),
    weights: () => Float64Array.from(W),
    weightsG: () => (WTilde ? Float64Array.from(WTilde) : undefined),
    recursion: () =>
      recursion && {
        h: { gamma: recursion.h.gamma, rho: recursion.h.rho, a: recursion.h.state[0] },
        g: recursion.g && { gamma: recursion.g.gamma, rho: recursion.g.rho, a: recursion.g.state[0] },
      },
  };
}
