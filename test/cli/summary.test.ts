import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { simulate } from '@mmcl/infomax';
import { aggregate, summarizeRun } from '../../packages/cli/src/summary.js';

test('aggregate gives the mean and the sample standard deviation at each step', () => {
  const s = aggregate([0, 1], [[1, 2], [3, 2], [5, 2]]);
  assert.equal(s.mean, [3, 2]);
  assert.equal(s.sd, [2, 0]);
  assert.equal(aggregate([0], [[7]]).sd, [0], 'one seed has no spread');
});

test('aggregate is exact for constant series and invariant to a common shift (to rounding)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 8 }), fc.double({ min: -10, max: 10, noNaN: true }), (xs, shift) => {
      const a = aggregate([0], xs.map((x) => [x]));
      const b = aggregate([0], xs.map((x) => [x + shift]));
      return Math.abs(a.sd[0] - b.sd[0]) <= 1e-9 * (1 + a.sd[0]) && Math.abs(a.mean[0] + shift - b.mean[0]) <= 1e-9 * (1 + Math.abs(b.mean[0]));
    }),
  );
});

test('summarizeRun reports encoder h: max_r |γ_r| and mean_i max_r ρ_r,i at every step', () => {
  const result = simulate({ mode: 'multi', d: 50, n: 8, m: 3, steps: 5, nTest: 30, probeTrainSize: 10, evalEvery: 5, populationSamples: 0 });
  const summary = summarizeRun(result);
  const { m, n } = result.config;
  const t = 5;
  let signal = 0;
  for (let r = 0; r < m; r++) signal = Math.max(signal, Math.abs(result.h.gamma.data[t * m + r]));
  let noise = 0;
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let r = 0; r < m; r++) best = Math.max(best, result.h.rho.data[(t * m + r) * n + i]);
    noise += best;
  }
  assert.is(summary.signal[t], signal);
  assert.ok(Math.abs(summary.noise[t] - noise / n) <= 1e-15 * Math.abs(noise));
  assert.is(summary.loss.length, 6);
  assert.equal(summary.evalSteps, [0, 5]);
  assert.ok(JSON.parse(JSON.stringify(summary)).signal.every((x: number, k: number) => x === summary.signal[k]), 'plain arrays survive JSON');
});

test.run();
