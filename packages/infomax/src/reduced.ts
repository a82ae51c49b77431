/**
 * The reduced engine (spec §8.5): the exact dynamics in coefficient space (GD, and the span-preserving optimizers of
 * spec optimizers.md §2 in the extended state [a, γ, ρ]). The weights are never formed; every
 * inner product comes from Gram matrices computed once, so a step costs O(m n²) instead of O(m n d).
 */
import { multiModalStep, singleModalStep, type PreActivations, type StepContext, type StepOutcome } from './dynamics.js';
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
 * The projections onto ξ_j and ξ_j + ϵ_j side by side (count 2n), so that both pre-activations come from one
 * m×n×2n product per step instead of two m×n×n ones.
 */
function sideBySide(a: Projections, b: Projections, m: number, n: number): Projections {
  const k = a.count + b.count;
  const join = (x: Float64Array, y: Float64Array, rows: number) => {
    const out = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) {
      out.set(x.subarray(r * a.count, (r + 1) * a.count), r * k);
      out.set(y.subarray(r * b.count, (r + 1) * b.count), r * k + a.count);
    }
    return out;
  };
  return { count: k, mu: join(a.mu, b.mu, 1), xi: join(a.xi, b.xi, n), w0: join(a.w0, b.w0, m) };
}

/**
 * Pre-activations of an encoder from its coefficients: u = ⟨w_r, µ⟩, v = ⟨w_r, ξ_j⟩ and, single-modal,
 * ⟨w_r, ξ_j + ϵ_j⟩ (from `noiseAndAugmented`, the side-by-side projections). `a` is the coefficient of W^(0).
 */
function preActivations(gram: EncoderGram, x: CoefficientVector, noiseAndAugmented?: Projections): PreActivations {
  const { gamma, rho } = x;
  const a = x.state[0];
  const rhoBar = scaledNoise(gram, rho);
  const u = innerProducts(gram, gamma, rho, gram.onMu, rhoBar, a);
  if (!noiseAndAugmented) return { u, v: innerProducts(gram, gamma, rho, gram.onXi, rhoBar, a) };
  const { m, n } = gram;
  const both = innerProducts(gram, gamma, rho, noiseAndAugmented, rhoBar, a); // m×2n
  const v = new Float64Array(m * n);
  const vAugmented = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    v.set(both.subarray(2 * r * n, (2 * r + 1) * n), r * n);
    vAugmented.set(both.subarray((2 * r + 1) * n, (2 * r + 2) * n), r * n);
  }
  return { u, v, vAugmented };
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
 * import { resolveConfig, generateInputs, createReducedEngine } from '@mmcl/infomax';
 * const config = resolveConfig({ d: 60, n: 10, m: 4, steps: 3 });
 * const run = createReducedEngine(config, generateInputs(config));
 * run.step(0, true).loss > 0; // true
 */
export function createReducedEngine(config: InfomaxConfig, inputs: InfomaxInputs): EngineRun {
  const { m, n } = config;
  const multi = config.mode === 'multi';
  const sources = encoderSources(config, inputs);
  const gramH = sources.first;
  const gramG = sources.second;
  const dataH = sources.dataFirst; // undefined with the Gram sampler: nothing d-dimensional exists
  const ctx = stepContext(config, inputs, gramH, gramG);
  const plan = trainingPlan(config, inputs);
  if (!plan.spanPreserving) throw new TypeError(`the reduced engine runs span-preserving optimizers only (got ${plan.optimizer.name})`);
  const nextEps = config.resampleEps && !multi ? augmentationSequence(config) : undefined;
  const withAugmented = (eps: Float64Array) => sideBySide(gramH.onXi, projectTargets(dataH!, addArrays(inputs.xi, eps), n), m, n);
  let augmented = sources.augmented ? sideBySide(gramH.onXi, sources.augmented, m, n) : undefined;
  const { onNu, onZeta } = sources;

  const first = coefficientVector(m, n);
  const second = multi ? coefficientVector(m, n) : undefined;
  const ruleH = plan.createRule();
  const ruleG = plan.createRule();

  /** Loss, increments and probabilities of the current weights, for the given negatives and rate. */
  const evaluate = (stepCtx: StepContext): StepOutcome =>
    gramG && second
      ? multiModalStep(preActivations(gramH, first), preActivations(gramG, second), stepCtx)
      : singleModalStep(preActivations(gramH, first, augmented), stepCtx);

  return {
    step(t, advance) {
      if (nextEps && t > 0 && !multi) augmented = withAugmented(nextEps());
      const stepPlan = advance ? plan.step(t) : undefined;
      // Full batch: one evaluation gives the loss and the step. Minibatch: the full-set loss, then the batch's step.
      const outcome = evaluate(stepPlan && !stepPlan.batch ? { ...ctx, rate: stepPlan.rate } : ctx);
      assertFinite(t, 'loss', outcome.loss);
      const coefficients = { first: snapshot(first), second: second ? snapshot(second) : undefined };
      if (stepPlan) {
        const moving = stepPlan.batch ? evaluate({ ...ctx, ...stepPlan.batch, rate: stepPlan.rate }) : outcome;
        applyIncrement(first, moving.first, plan.plain, ruleH, stepPlan.lr);
        assertFinite(t + 1, 'gamma', first.gamma);
        assertFinite(t + 1, 'rho', first.rho);
        if (second && moving.second) {
          applyIncrement(second, moving.second, plan.plain, ruleG, stepPlan.lr);
          assertFinite(t + 1, 'gamma_tilde', second.gamma);
          assertFinite(t + 1, 'rho_tilde', second.rho);
        }
      }
      return { loss: outcome.loss, coefficients, probabilities: outcome.probabilities };
    },
    coefficients: () => ({ first: snapshot(first), second: second ? snapshot(second) : undefined }),
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
