import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configInsideAssumptions, signalToNoise, stageOneTime } from '@mmcl/theory';
import { smallParameters } from './fixtures.js';

test('the generated configuration instantiates Assumption 4.1 with Θ̃ = 1', () => {
  const p = { ...smallParameters('multi'), nSnr2: 1.72, cMu: 2.9, initScale: 0.4, dFactor: 3 };
  const config = configInsideAssumptions(p);
  assert.is(config.d, Math.ceil((3 * 36) / 0.16));
  assert.ok(Math.abs(config.n * signalToNoise(config) ** 2 - 1.72) < 1e-12);
  assert.ok(Math.abs(config.muTildeNorm / config.muNorm - 2.9) < 1e-12);
  assert.ok(Math.abs(config.sigma0 * config.sigmaXi * Math.sqrt(config.d) - 0.4) < 1e-12);
  assert.ok(Math.abs(config.eta - (config.n * config.m * config.tau) / (12 * config.d)) < 1e-18);
  assert.is(config.steps, Math.ceil(stageOneTime(config)) + p.extraSteps);
  assert.is(config.testNu, 'theory');
});

test.run();
