import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '@mmcl/infomax';
import { worstStepDifference } from '../helpers.js';

/**
 * Spec optimizers.md §5.2: every span-preserving optimizer runs in both engines — dense (autodiff, d-dimensional
 * weights, coefficients by least squares) and reduced (Gram space, extended state [a, γ, ρ] and buffers) — and they
 * agree to ≤ 1e-9 relative over the whole trajectory; the dense weights stay in a_t W^(0) + span{µ, ξ_i} (span
 * residual ≤ 1e-12).
 */
const small = { d: 120, n: 16, m: 5, steps: 30, nTest: 24, probeTrainSize: 12, evalEvery: 6, populationSamples: 0, eta: 0.05, seed: 2 };

const family: Record<string, Record<string, unknown>> = {
  'sgd B=6 in-batch': { name: 'sgd', batchSize: 6 },
  'sgd B=6 whole-set negatives': { name: 'sgd', batchSize: 6, batchNegatives: 'all' },
  'momentum 0.9': { name: 'sgd', momentum: 0.9 },
  'nesterov 0.9, B=8': { name: 'sgd', momentum: 0.9, nesterov: true, batchSize: 8 },
  'coupled decay λ=0.5': { name: 'sgd', weightDecay: 0.5 },
  'decoupled decay λ=0.5 + momentum': { name: 'sgd', weightDecay: 0.5, decoupledWeightDecay: true, momentum: 0.5 },
  'cosine schedule + warm-up': { name: 'sgd', schedule: 'cosine', minFactor: 0.1, warmupSteps: 5 },
  'step schedule + momentum': { name: 'sgd', schedule: 'step', stepEvery: 7, stepFactor: 0.5, momentum: 0.8 },
};

for (const mode of ['single', 'multi'] as const) {
  for (const [name, optimizer] of Object.entries(family)) {
    test(`dense = reduced ≤ 1e-9, span residual ≤ 1e-12: ${mode}, ${name}`, () => {
      const config = { ...small, mode, optimizer };
      const reduced = simulate({ ...config, engine: 'reduced' });
      const dense = simulate({ ...config, engine: 'dense' });
      const points = config.steps + 1;
      const worst = Math.max(
        worstStepDifference(dense.loss, reduced.loss, points),
        worstStepDifference(dense.h.gamma.data, reduced.h.gamma.data, points),
        worstStepDifference(dense.h.rho.data, reduced.h.rho.data, points),
        worstStepDifference(dense.h.a!, reduced.h.a!, points),
        ...(mode === 'multi' ? [worstStepDifference(dense.g!.gamma.data, reduced.g!.gamma.data, points), worstStepDifference(dense.g!.rho.data, reduced.g!.rho.data, points)] : []),
      );
      assert.ok(worst <= 1e-9, `worst relative difference ${worst}`);
      // The optimizer moved the weights (a test that cannot pass on a run that did nothing).
      assert.ok(Math.max(...reduced.h.rho.data.map(Math.abs)) > 1e-3);
      const residuals = [...dense.spanResidual!.h, ...(dense.spanResidual!.g ?? [])];
      assert.ok(Math.max(...residuals) <= 1e-12, `span residual ${Math.max(...residuals)}`);
      assert.equal(Array.from(dense.testAccuracy), Array.from(reduced.testAccuracy));
    });
  }
}

test('weight decay moves a_t as the scalar recursion says: coupled a_{t+1} = (1 − ηλ) a_t without momentum', () => {
  const r = simulate({ ...small, optimizer: { name: 'sgd', weightDecay: 0.5 } });
  for (let t = 0; t <= small.steps; t++) assert.ok(Math.abs(r.h.a![t] - (1 - small.eta * 0.5) ** t) < 1e-14);
});

test.run();
