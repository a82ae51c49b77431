import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NumericalError, generateInputs, resolveConfig, simulate } from '@mmcl/infomax';
import { worstStepDifference } from './helpers.js';

test('NumericalError names the step and the quantity in one line', () => {
  const e = new NumericalError(17, 'rho');
  assert.is(e.step, 17);
  assert.is(e.quantity, 'rho');
  assert.match(e.message, /step 17: rho is not finite/);
  assert.not.ok(e.message.includes('\n'));
});

test('resampleEps: ϵ is redrawn every step, so the dynamics differ from fixed ϵ but the step-0 loss does not', () => {
  const base = { d: 120, n: 12, m: 4, steps: 8, nTest: 10, probeTrainSize: 5, populationSamples: 0, sigmaEps: 0.5 };
  const fixed = simulate(base);
  const redrawn = simulate({ ...base, resampleEps: true });
  assert.is(fixed.loss[0], redrawn.loss[0]);
  assert.ok(worstStepDifference(fixed.h.rho.data, redrawn.h.rho.data, 9) > 1e-3);
});

test('simulate accepts explicit inputs (e.g. edited data) instead of the seed\'s draw', () => {
  const config = resolveConfig({ d: 100, n: 10, m: 3, steps: 2, nTest: 10, probeTrainSize: 5, populationSamples: 0 });
  const inputs = generateInputs(config);
  const sameSeed = simulate(config, { inputs });
  assert.is(sameSeed.loss[2], simulate(config).loss[2]);
  inputs.W0.fill(0); // all neurons dead: nothing moves and the loss stays at log(1 + M_i) averaged
  const dead = simulate(config, { inputs });
  assert.ok(dead.h.rho.data.every((x) => x === 0));
  const expected = Array.from({ length: 10 }, (_, i) => Math.log(1 + inputs.negativeOffsets[i + 1] - inputs.negativeOffsets[i])).reduce((s, v) => s + v, 0) / 10;
  assert.ok(Math.abs(dead.loss[2] - expected) < 1e-14);
});

test.run();
