import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { generateInputs, resolveConfig } from '@mmcl/infomax';
import { encoderData, leastSquaresSolver, weightsFromCoefficients } from '@mmcl/infomax/internal';
import { relativeDifference } from './helpers.js';

const config = resolveConfig({ d: 150, n: 20, m: 6, nTest: 10, probeTrainSize: 5, seed: 5 });
const data = encoderData(config, generateInputs(config), 'h');
const solver = leastSquaresSolver(data);
const random = createStreams(3).check;

test('least squares recovers the coefficients of a W in W^(0) + span{µ, ξ_i} (rel. 1e-12, residual ~ 1e-15)', () => {
  const gamma = random.normal(config.m, 2);
  const rho = random.normal(config.m * config.n, 3);
  const fit = solver.solve(weightsFromCoefficients(data, gamma, rho), { residual: true });
  const dg = relativeDifference(fit.gamma, gamma);
  const dr = relativeDifference(fit.rho, rho);
  assert.ok(dg < 1e-12, `γ ${dg}`);
  assert.ok(dr < 1e-12, `ρ ${dr}`);
  assert.ok(fit.residual < 1e-14, `residual ${fit.residual}`);
});

test('W = W^(0) gives zero coefficients and zero residual; W outside the span gives a large residual', () => {
  const zero = solver.solve(Float64Array.from(data.W0), { residual: true });
  assert.ok(zero.gamma.every((g) => g === 0));
  assert.ok(zero.rho.every((r) => r === 0));
  assert.is(zero.residual, 0);
  const W = Float64Array.from(data.W0);
  const push = random.normal(W.length);
  for (let k = 0; k < W.length; k++) W[k] += push[k];
  // A random direction in R^150 has most of its mass outside a 21-dimensional subspace.
  assert.ok(solver.solve(W, { residual: true }).residual > 0.5);
});

test('without the residual option the residual is NaN (not computed)', () => {
  assert.ok(Number.isNaN(solver.solve(Float64Array.from(data.W0)).residual));
});

test.run();
