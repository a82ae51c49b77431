/**
 * The reduced engine (spec §8.5): the exact GD dynamics in coefficient space. The weights are never formed; every
 * inner product comes from Gram matrices computed once, so a step costs O(m n²) instead of O(m n d).
 */
import { multiModalStep, singleModalStep, type PreActivations, type StepOutcome } from './dynamics.js';
import {
  addArrays,
  assertFinite,
  augmentationSequence,
  encoderData,
  stepContext,
  type EngineRun,
} from './engine.js';
import { encoderGram, innerProducts, projectTargets, scaledNoise, weightsFromCoefficients, type EncoderGram, type Projections } from './gram.js';
import { accumulate } from './recursion.js';
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
 * ⟨w_r, ξ_j + ϵ_j⟩ (from `noiseAndAugmented`, the side-by-side projections).
 */
function preActivations(gram: EncoderGram, gamma: Float64Array, rho: Float64Array, noiseAndAugmented?: Projections): PreActivations {
  const rhoBar = scaledNoise(gram, rho);
  const u = innerProducts(gram, gamma, rho, gram.onMu, rhoBar);
  if (!noiseAndAugmented) return { u, v: innerProducts(gram, gamma, rho, gram.onXi, rhoBar) };
  const { m, n } = gram;
  const both = innerProducts(gram, gamma, rho, noiseAndAugmented, rhoBar); // m×2n
  const v = new Float64Array(m * n);
  const vAugmented = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    v.set(both.subarray(2 * r * n, (2 * r + 1) * n), r * n);
    vAugmented.set(both.subarray((2 * r + 1) * n, (2 * r + 2) * n), r * n);
  }
  return { u, v, vAugmented };
}

/**
 * Start a reduced-engine run at γ = ρ = 0 (W = W^(0)).
 *
 * @example
 * import { resolveConfig, generateInputs, createReducedEngine } from '@mmcl/infomax';
 * const config = resolveConfig({ d: 60, n: 10, m: 4, steps: 3 });
 * const run = createReducedEngine(config, generateInputs(config));
 * run.step(0, true).loss > 0; // true
 */
export function createReducedEngine(config: InfomaxConfig, inputs: InfomaxInputs): EngineRun {
  const { m, n, nTest } = config;
  const multi = config.mode === 'multi';
  const dataH = encoderData(config, inputs, 'first');
  const gramH = encoderGram(dataH);
  const dataG = multi ? encoderData(config, inputs, 'second') : undefined;
  const gramG = dataG ? encoderGram(dataG) : undefined;
  const ctx = stepContext(config, inputs, gramH, gramG);
  const nextEps = config.resampleEps && !multi ? augmentationSequence(config) : undefined;
  const withAugmented = (eps: Float64Array) => sideBySide(gramH.onXi, projectTargets(dataH, addArrays(inputs.xi, eps), n), m, n);
  let augmented = multi ? undefined : withAugmented(inputs.eps);
  const test = inputs.test;
  if (!test) throw new TypeError('inputs.test (the downstream set) is missing; use generateInputs');
  const onNu = projectTargets(dataH, test.nu, 1);
  const onZeta = projectTargets(dataH, test.zeta, nTest);

  const first = { gamma: new Float64Array(m), rho: new Float64Array(m * n) };
  const second = multi ? { gamma: new Float64Array(m), rho: new Float64Array(m * n) } : undefined;

  return {
    step(t, advance) {
      let outcome: StepOutcome;
      if (gramG && second) {
        outcome = multiModalStep(
          preActivations(gramH, first.gamma, first.rho),
          preActivations(gramG, second.gamma, second.rho),
          ctx,
        );
      } else {
        if (nextEps && t > 0) augmented = withAugmented(nextEps());
        outcome = singleModalStep(preActivations(gramH, first.gamma, first.rho, augmented), ctx);
      }
      assertFinite(t, 'loss', outcome.loss);
      const coefficients = {
        first: { gamma: Float64Array.from(first.gamma), rho: Float64Array.from(first.rho) },
        second: second ? { gamma: Float64Array.from(second.gamma), rho: Float64Array.from(second.rho) } : undefined,
      };
      if (advance) {
        accumulate(first.gamma, outcome.first.gamma);
        accumulate(first.rho, outcome.first.rho);
        assertFinite(t + 1, 'gamma', first.gamma);
        assertFinite(t + 1, 'rho', first.rho);
        if (second && outcome.second) {
          accumulate(second.gamma, outcome.second.gamma);
          accumulate(second.rho, outcome.second.rho);
          assertFinite(t + 1, 'gamma_tilde', second.gamma);
          assertFinite(t + 1, 'rho_tilde', second.rho);
        }
      }
      return { loss: outcome.loss, coefficients, probabilities: outcome.probabilities };
    },
    coefficients: () => ({ first, second }),
    testInnerProducts() {
      const rhoBar = scaledNoise(gramH, first.rho);
      return {
        nu: innerProducts(gramH, first.gamma, first.rho, onNu, rhoBar),
        zeta: innerProducts(gramH, first.gamma, first.rho, onZeta, rhoBar),
      };
    },
    weights: () => weightsFromCoefficients(dataH, first.gamma, first.rho),
  };
}
