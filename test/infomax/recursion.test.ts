import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateInputs, resolveConfig, simulate } from '@mmcl/infomax';
import { createDenseEngine, encoderData, leastSquaresSolver, weightsFromCoefficients } from '@mmcl/infomax/internal';
import { relativeDifference } from './helpers.js';
import { worstStepDifference } from './helpers.js';

/**
 * The coefficients three ways (spec §8.5): the recursions of Lemma 5.1 / 5.3 fed by the dense weights, least squares
 * of the dense W^(t) − W^(0), and the reduced engine. All three must agree near machine precision.
 */
function threeWays(mode: 'single' | 'multi') {
  const base = { mode, d: 220, n: 20, m: 6, steps: 30, nTest: 20, probeTrainSize: 10, evalEvery: 30, populationSamples: 0, seed: 4 };
  const dense = simulate({ ...base, engine: 'dense' }, { trackRecursion: true });
  const reduced = simulate({ ...base, engine: 'reduced' });
  return { dense, reduced, points: base.steps + 1 };
}

for (const mode of ['single', 'multi'] as const) {
  test(`${mode}-modal: recursion = least squares = reduced to 1e-12 at every step`, () => {
    const { dense, reduced, points } = threeWays(mode);
    const pairs: Array<[string, Float64Array, Float64Array]> = [
      ['γ recursion vs least squares', dense.recursion!.h.gamma.data, dense.h.gamma.data],
      ['ρ recursion vs least squares', dense.recursion!.h.rho.data, dense.h.rho.data],
      ['γ recursion vs reduced', dense.recursion!.h.gamma.data, reduced.h.gamma.data],
      ['ρ recursion vs reduced', dense.recursion!.h.rho.data, reduced.h.rho.data],
    ];
    if (mode === 'multi') {
      pairs.push(['γ~ recursion vs least squares', dense.recursion!.g!.gamma.data, dense.g!.gamma.data]);
      pairs.push(['ρ~ recursion vs reduced', dense.recursion!.g!.rho.data, reduced.g!.rho.data]);
    }
    for (const [name, a, b] of pairs) {
      const diff = worstStepDifference(a, b, points);
      assert.ok(diff < 1e-12, `${name}: ${diff}`);
    }
    // The coefficients are not trivially small: the dynamics moved.
    const last = dense.h.rho.data.subarray((points - 1) * 6 * 20);
    assert.ok(Math.max(...last) > 0.1, `max ρ at T = ${Math.max(...last)}`);
  });
}

test('decomposition exactness: W^(T) − W^(0) lies in span{µ, ξ_i} (least-squares residual ~1e-15)', () => {
  const { dense } = threeWays('single');
  const data = encoderData(dense.config, dense.inputs, 'h');
  const T = dense.config.steps;
  const { m, n } = dense.config;
  const W = weightsFromCoefficients(data, dense.h.gamma.data.subarray(T * m, (T + 1) * m), dense.h.rho.data.subarray(T * m * n, (T + 1) * m * n));
  const fit = leastSquaresSolver(data).solve(W, { residual: true });
  assert.ok(fit.residual < 1e-13, `residual ${fit.residual}`);
});

test('least squares from the forward pre-activations = least squares on the d-dimensional W^(t) − W^(0) (1e-12)', () => {
  for (const mode of ['single', 'multi'] as const) {
    const config = resolveConfig({ mode, d: 200, n: 16, m: 5, steps: 12, nTest: 10, probeTrainSize: 5, engine: 'dense', seed: 8 });
    const run = createDenseEngine(config, generateInputs(config));
    for (let t = 0; t <= 12; t++) {
      const direct = run.coefficients();
      const report = run.step(t, t < 12);
      if (t === 0) continue; // both exactly zero
      assert.ok(relativeDifference(report.coefficients.h.gamma, direct.h.gamma) < 1e-12, `${mode} γ at ${t}`);
      assert.ok(relativeDifference(report.coefficients.h.rho, direct.h.rho) < 1e-12, `${mode} ρ at ${t}`);
      if (mode === 'multi') assert.ok(relativeDifference(report.coefficients.g!.rho, direct.g!.rho) < 1e-12);
    }
  }
});

test.run();
