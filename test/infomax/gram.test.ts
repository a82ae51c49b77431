import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import {
  generateInputs, resolveConfig,
} from '@mmcl/infomax';
import {
  coefficientNormSquared, encoderData, encoderGram, innerProducts, projectTargets, scaledNoise,
  weightsFromCoefficients,
} from '@mmcl/infomax/internal';
import { relativeDifference } from './helpers.js';

const config = resolveConfig({ d: 120, n: 15, m: 7, nTest: 10, probeTrainSize: 5, seed: 2 });
const data = encoderData(config, generateInputs(config), 'h');
const gram = encoderGram(data);
const random = createStreams(11).check;
const gamma = random.normal(config.m, 0.7);
const rho = random.normal(config.m * config.n, 0.9);
const W = weightsFromCoefficients(data, gamma, rho);

function direct(W: Float64Array, targets: Float64Array, count: number): Float64Array {
  const { m, d } = config;
  const out = new Float64Array(m * count);
  for (let r = 0; r < m; r++)
    for (let k = 0; k < count; k++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += W[r * d + c] * targets[k * d + c];
      out[r * count + k] = s;
    }
  return out;
}

test('Gram quantities: a = ‖µ‖², q_i = ‖ξ_i‖², K symmetric', () => {
  assert.is(gram.a, 25);
  const { n, d } = config;
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let c = 0; c < d; c++) q += data.xi[i * d + c] ** 2;
    assert.ok(Math.abs(gram.q[i] - q) <= 1e-12 * q);
    for (let j = 0; j < n; j++) assert.is(gram.K[i * n + j], gram.K[j * n + i]);
  }
});

test('innerProducts from (γ, ρ) equals ⟨w_r, v⟩ computed in d dimensions (rel. 1e-13)', () => {
  const targets = random.normal(9 * config.d);
  const fromGram = innerProducts(gram, gamma, rho, projectTargets(data, targets, 9));
  const fromWeights = direct(W, targets, 9);
  const diff = relativeDifference(fromGram, fromWeights);
  assert.ok(diff < 1e-13, `relative difference ${diff}`);
  // and the cached projections onto µ and ξ_j
  const u = innerProducts(gram, gamma, rho, gram.onMu);
  assert.ok(relativeDifference(u, direct(W, data.mu, 1)) < 1e-13);
  const v = innerProducts(gram, gamma, rho, gram.onXi, scaledNoise(gram, rho));
  assert.ok(relativeDifference(v, direct(W, data.xi, config.n)) < 1e-13);
});

test('weightsFromCoefficients at γ = ρ = 0 is W^(0) exactly', () => {
  const W0 = weightsFromCoefficients(data, new Float64Array(config.m), new Float64Array(config.m * config.n));
  assert.equal(Array.from(W0), Array.from(data.W0));
});

test('coefficientNormSquared equals ‖W − W^(0)‖_F² computed in d dimensions (rel. 1e-13)', () => {
  let direct2 = 0;
  for (let k = 0; k < W.length; k++) direct2 += (W[k] - data.W0[k]) ** 2;
  const fromGram = coefficientNormSquared(gram, gamma, rho);
  assert.ok(Math.abs(fromGram - direct2) < 1e-13 * direct2, `${fromGram} vs ${direct2}`);
  // ‖W − W'‖² for two coefficient sets: the difference of the coefficients.
  const gamma2 = random.normal(config.m);
  const rho2 = random.normal(config.m * config.n);
  const W2 = weightsFromCoefficients(data, gamma2, rho2);
  let d2 = 0;
  for (let k = 0; k < W.length; k++) d2 += (W[k] - W2[k]) ** 2;
  const dg = gamma.map((g, r) => g - gamma2[r]);
  const dr = rho.map((x, k) => x - rho2[k]);
  assert.ok(Math.abs(coefficientNormSquared(gram, dg, dr) - d2) < 1e-12 * d2);
});

test.run();
