import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  checkCoefficientBound,
  checkConvergence,
  checkGradientBound,
  trajectoryContext,
} from '@mmcl/theory';
import { distanceToComparator } from '@mmcl/theory/internal';
import { copyResult, rhoIndex, smallRun, withCoefficients } from '../fixtures.js';

test('Proposition C.13 holds on the run; a coefficient of 10³ is caught where it sits', () => {
  assert.is(checkCoefficientBound(trajectoryContext(smallRun('single'))).holds, true);
  const broken = copyResult(smallRun('single'));
  broken.h.rho.data[rhoIndex(broken, 30, 2, 1)] = 1e3;
  const result = checkCoefficientBound(trajectoryContext(broken));
  assert.is(result.holds, false);
  assert.equal(result.location, { step: 30, neuron: 2, sample: 1, encoder: 'h' });
});

test('Lemma C.14 / D.11: the proof-derived constant bounds the run; a jump in ρ is an oversized gradient', () => {
  for (const mode of ['single', 'multi'] as const) {
    const result = checkGradientBound(trajectoryContext(smallRun(mode)));
    assert.is(result.holds, true, result.detail);
    assert.ok(result.value! > 0 && Number.isFinite(result.value!));
  }
  const broken = copyResult(smallRun('single'));
  const { steps } = broken.config;
  broken.h.rho.data[rhoIndex(broken, steps, 0, 0)] += 5;
  const result = checkGradientBound(trajectoryContext(broken));
  assert.is(result.holds, false);
  assert.equal(result.location, { step: steps - 1, encoder: 'h' });
});

test('‖W − W*‖² from the Gram matrix equals the d-dimensional norm', () => {
  const run = smallRun('single');
  const context = trajectoryContext(run);
  const { d, m, n, tau, steps } = run.config;
  const scale = 2 * tau * Math.log((2 * context.typicalNegatives) / context.options.epsilon);
  let direct = 0;
  for (let r = 0; r < m; r++) {
    const diff = new Float64Array(d);
    const a = run.inputs.mu.reduce((s, x) => s + x * x, 0);
    for (let k = 0; k < d; k++) diff[k] = (run.h.gamma.data[steps * m + r] * run.inputs.mu[k]) / a;
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let k = 0; k < d; k++) q += run.inputs.xi[i * d + k] ** 2;
      const c = (run.h.rho.data[rhoIndex(run, steps, r, i)] - scale) / q;
      for (let k = 0; k < d; k++) diff[k] += c * run.inputs.xi[i * d + k];
    }
    direct += diff.reduce((s, x) => s + x * x, 0);
  }
  const viaGram = distanceToComparator(context, steps);
  assert.ok(Math.abs(viaGram - direct) <= 1e-12 * direct, `${viaGram} vs ${direct}`);
});

test('Lemma C.17 fails on the run at ϵ = 0.05 (a finding) and holds when ηϵ dominates; C.18 parts can fail', () => {
  const run = smallRun('single');
  const strict = checkConvergence(trajectoryContext(run));
  assert.is(strict.length, 4);
  const loose = checkConvergence(trajectoryContext(run, { epsilon: 1e3 }));
  assert.is(loose[0].holds, true, loose[0].detail);
  // W^(T1) = W*: the average bound collapses to ϵ and the lemma horizon to T1.
  const context = trajectoryContext(run, { epsilon: 1e-6 });
  const start = Math.ceil(context.stageOne);
  const star = 2 * run.config.tau * Math.log((2 * context.typicalNegatives) / 1e-6);
  const pinned = withCoefficients(run, (t, r) => run.h.gamma.data[t * run.config.m + r] * (t === start ? 0 : 1), (t, r, i) =>
    t === start ? star : run.h.rho.data[rhoIndex(run, t, r, i)],
  );
  const [, average, best] = checkConvergence(trajectoryContext(pinned, { epsilon: 1e-6 }));
  assert.is(average.holds, false);
  assert.equal(average.location, { step: start });
  assert.is(best.holds, false);
  const { m, steps } = run.config;
  const grown = copyResult(run);
  grown.h.gamma.data[steps * m] = 1e3;
  const [, , , size] = checkConvergence(trajectoryContext(grown));
  assert.is(size.holds, false);
  assert.equal(size.location, { step: steps, neuron: 0 });
});

test('Lemma D.15: zero noise coefficients meet the σ_0σ_ξ√d bound; a large ρ~ fails it', () => {
  const run = smallRun('multi');
  const quiet = withCoefficients(run, (t, r, which) => (which === 'h' ? run.h.gamma.data : run.g!.gamma.data)[t * run.config.m + r], () => 0);
  assert.is(checkConvergence(trajectoryContext(quiet))[3].holds, true);
  const noisy = copyResult(quiet);
  noisy.g!.rho.data[rhoIndex(noisy, run.config.steps, 1, 1)] = 5;
  const size = checkConvergence(trajectoryContext(noisy))[3];
  assert.is(size.holds, false);
  assert.equal(size.location, { step: run.config.steps, neuron: 1, sample: 1, encoder: 'g' });
});

test.run();
