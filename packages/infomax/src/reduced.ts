/**
 * The reduced engine (spec §8.5): the exact dynamics in coefficient space (GD, and the span-preserving optimizers of
 * spec optimizers.md §2 in the extended state [a, γ, ρ]). The weights are never formed; every
 * inner product comes from Gram matrices computed once, so a step costs O(m n²) instead of O(m n d).
 */
import { multiModalStep, singleModalStep, stepBuffers, type PreActivations, type StepBuffers, type StepContext, type StepOutcome } from './dynamics.js';
import {
  addArrays,
  assertFinite,
  augmentationSequence,
  stepContext,
  type CoefficientState,
  type EngineRun,
} from './engine.js';
import { innerProducts, projectTargets, scaledNoise, weightsFromCoefficients, type EncoderGram, type Projections } from './gram.js';
import { encoderSources } from './gramSources.js';
import { applyIncrement, coefficientVector, type CoefficientVector } from './optimizers/coefficients.js';
import { trainingPlan } from './optimizers/plan.js';
import type { InfomaxConfig, InfomaxInputs } from './types.js';

/**
 * Projections side by side (counts added): onto µ, the ξ_j and (single-modal) the ξ_j + ϵ_j, so that all the
 * pre-activations of an encoder come from one m×n×(1 + n (+ n)) product per step. gemm sums every entry in the
 * same order whatever the width, so each column has the bits of its own product.
 */
function sideBySide(parts: Projections[], m: number, n: number): Projections {
  const k = parts.reduce((total, p) => total + p.count, 0);
  const join = (pick: (p: Projections) => Float64Array, rows: number) => {
    const out = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) {
      let at = r * k;
      for (const p of parts) {
        out.set(pick(p).subarray(r * p.count, (r + 1) * p.count), at);
        at += p.count;
      }
    }
    return out;
  };
  return { count: k, mu: join((p) => p.mu, 1), xi: join((p) => p.xi, n), w0: join((p) => p.w0, m) };
}

/** The arrays one encoder's pre-activations are computed in, reused by every step. */
interface PreActivationBuffers {
  rhoBar: Float64Array;
  u: Float64Array;
  v: Float64Array;
  /** ⟨w_r, µ⟩, ⟨w_r, ξ_j⟩ and, single-modal, ⟨w_r, ξ_j + ϵ_j⟩ side by side: m×(1 + n (+ n)). */
  all: Float64Array;
  vAugmented: Float64Array;
}

function preActivationBuffers(m: number, n: number, single: boolean): PreActivationBuffers {
  const size = m * n;
  return {
    rhoBar: new Float64Array(size),
    u: new Float64Array(m),
    v: new Float64Array(size),
    all: new Float64Array(m * (single ? 1 + 2 * n : 1 + n)),
    vAugmented: new Float64Array(single ? size : 0),
  };
}

/**
 * Pre-activations of an encoder from its coefficients: u = ⟨w_r, µ⟩, v = ⟨w_r, ξ_j⟩ and, single-modal,
 * ⟨w_r, ξ_j + ϵ_j⟩, from `targets`, the side-by-side projections onto µ, the ξ_j (and the ξ_j + ϵ_j). `a` is the
 * coefficient of W^(0). Written into `out` (valid until the next call with the same buffers).
 */
function preActivations(gram: EncoderGram, x: CoefficientVector, out: PreActivationBuffers, targets: Projections): PreActivations {
  const { gamma, rho } = x;
  const { m, n } = gram;
  const rhoBar = scaledNoise(gram, rho, out.rhoBar);
  const all = innerProducts(gram, gamma, rho, targets, rhoBar, x.state[0], out.all); // m×(1 + n (+ n))
  const { u, v, vAugmented } = out;
  const k = targets.count;
  const augmented = k > 1 + n;
  for (let r = 0; r < m; r++) {
    u[r] = all[r * k];
    v.set(all.subarray(r * k + 1, r * k + 1 + n), r * n);
    if (augmented) vAugmented.set(all.subarray(r * k + 1 + n, (r + 1) * k), r * n);
  }
  return augmented ? { u, v, vAugmented } : { u, v };
}

/** A fresh copy of an encoder's coefficients (and a_t) for the trajectory. */
function snapshot(x: CoefficientVector): CoefficientState {
  return { gamma: Float64Array.from(x.gamma), rho: Float64Array.from(x.rho), a: x.state[0] };
}

/**
 * Start a reduced-engine run at γ = ρ = 0, a = 1 (W = W^(0)). Runs the span-preserving optimizers (SGD with
 * minibatches, momentum, Nesterov, weight decay; spec optimizers.md §2) in the extended state [a, γ, ρ] plus the
 * optimizer's buffers in the same coordinates.
 *
 * @example
 * import { resolveConfig, generateInputs } from '@mmcl/infomax';
 * import { createReducedEngine } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 60, n: 10, m: 4, steps: 3 });
 * const run = createReducedEngine(config, generateInputs(config));
 * run.step(0, true).loss > 0; // → true
 * @category Engines
 */
export function createReducedEngine(config: InfomaxConfig, inputs: InfomaxInputs): EngineRun {
  const { m, n } = config;
  const multi = config.mode === 'multi';
  const sources = encoderSources(config, inputs);
  const gramH = sources.h;
  const gramG = sources.g;
  const dataH = sources.dataH; // undefined with the Gram sampler: nothing d-dimensional exists
  const ctx = stepContext(config, inputs, gramH, gramG);
  const plan = trainingPlan(config, inputs);
  if (!plan.spanPreserving) throw new TypeError(`the reduced engine runs span-preserving optimizers only (got ${plan.optimizer.name})`);
  const nextEps = config.resampleEps && !multi ? augmentationSequence(config) : undefined;
  const withAugmented = (eps: Float64Array) => sideBySide([gramH.onMu, gramH.onXi, projectTargets(dataH!, addArrays(inputs.xi, eps), n)], m, n);
  // What each encoder's pre-activations are read from: single-modal [µ | ξ | ξ + ϵ], multi-modal [µ | ξ] (and [µ~ | ξ~]).
  let targetsH = sources.augmented ? sideBySide([gramH.onMu, gramH.onXi, sources.augmented], m, n) : sideBySide([gramH.onMu, gramH.onXi], m, n);
  const targetsG = gramG && sideBySide([gramG.onMu, gramG.onXi], m, n);
  const { onNu, onZeta } = sources;

  const first = coefficientVector(m, n);
  const second = multi ? coefficientVector(m, n) : undefined;
  const ruleH = plan.createRule();
  const ruleG = plan.createRule();

  // Every array a step computes lives in these buffers, so a step allocates nothing of size m·n or n² (only the
  // snapshots it reports). A minibatch step evaluates twice (full-set loss, then the batch's step): own buffers.
  const preH = preActivationBuffers(m, n, !multi);
  const preG = preActivationBuffers(m, n, false);
  const fullBuffers = stepBuffers(m, n, inputs.negatives.length);
  let batchBuffers: StepBuffers | undefined;

  /** Loss, increments and probabilities of the current weights, for the given negatives and rate. */
  const evaluate = (stepCtx: StepContext, buffers: StepBuffers): StepOutcome =>
    gramG && second
      ? multiModalStep(preActivations(gramH, first, preH, targetsH), preActivations(gramG, second, preG, targetsG!), stepCtx, buffers)
      : singleModalStep(preActivations(gramH, first, preH, targetsH), stepCtx, buffers);

  return {
    step(t, advance) {
      if (nextEps && t > 0 && !multi) targetsH = withAugmented(nextEps());
      const stepPlan = advance ? plan.step(t) : undefined;
      // Full batch: one evaluation gives the loss and the step. Minibatch: the full-set loss, then the batch's step.
      const outcome = evaluate(stepPlan && !stepPlan.batch ? { ...ctx, rate: stepPlan.rate } : ctx, fullBuffers);
      assertFinite(t, 'loss', outcome.loss);
      const coefficients = { h: snapshot(first), g: second ? snapshot(second) : undefined };
      if (stepPlan) {
        const moving = stepPlan.batch
          ? evaluate({ ...ctx, ...stepPlan.batch, rate: stepPlan.rate }, (batchBuffers ??= stepBuffers(m, n, inputs.negatives.length)))
          : outcome;
        applyIncrement(first, moving.h, plan.plain, ruleH, stepPlan.lr);
        assertFinite(t + 1, 'gamma', first.gamma);
        assertFinite(t + 1, 'rho', first.rho);
        if (second && moving.g) {
          applyIncrement(second, moving.g, plan.plain, ruleG, stepPlan.lr);
          assertFinite(t + 1, 'gamma_tilde', second.gamma);
          assertFinite(t + 1, 'rho_tilde', second.rho);
        }
      }
      return { loss: outcome.loss, coefficients, probabilities: outcome.probabilities };
    },
    coefficients: () => ({ h: snapshot(first), g: second ? snapshot(second) : undefined }),
    testInnerProducts() {
      const rhoBar = scaledNoise(gramH, first.rho);
      const a = first.state[0];
      return {
        nu: innerProducts(gramH, first.gamma, first.rho, onNu, rhoBar, a),
        zeta: innerProducts(gramH, first.gamma, first.rho, onZeta, rhoBar, a),
      };
    },
    weights() {
      if (!dataH) throw new TypeError('weights: a Gram-sampler run has no d-dimensional weights (use the Gram blocks)');
      return weightsFromCoefficients(dataH, first.gamma, first.rho, first.state[0]);
    },
  };
}
