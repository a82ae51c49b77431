import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, NumericalError, simulate } from '@mmcl/infomax';
import { sameBits } from './helpers.js';

const small = { d: 150, n: 16, m: 5, steps: 12, nTest: 30, probeTrainSize: 15, evalEvery: 5, populationSamples: 300 };

test('bitwise determinism: one seed gives the same bits on every run (both engines, both modes)', () => {
  for (const engine of ['reduced', 'dense'] as const) {
    for (const mode of ['single', 'multi'] as const) {
      const a = simulate({ ...small, engine, mode, seed: 9 });
      const b = simulate({ ...small, engine, mode, seed: 9 });
      assert.ok(sameBits(a.loss, b.loss), `${engine} ${mode} loss`);
      assert.ok(sameBits(a.h.gamma.data, b.h.gamma.data));
      assert.ok(sameBits(a.h.rho.data, b.h.rho.data));
      assert.ok(sameBits(a.testAccuracy, b.testAccuracy));
      assert.is(a.populationError, b.populationError);
      if (mode === 'multi') assert.ok(sameBits(a.g!.rho.data, b.g!.rho.data));
    }
  }
});

test('trajectory shapes: T+1 points, evaluation at 0, evalEvery, …, T; the config is fully resolved', () => {
  const r = simulate({ ...small, mode: 'multi' });
  assert.is(r.loss.length, 13);
  assert.is(r.h.gamma.data.length, 13 * 5);
  assert.is(r.h.rho.data.length, 13 * 5 * 16);
  assert.is(r.g!.rho.data.length, 13 * 5 * 16);
  assert.equal(Array.from(r.evalSteps), [0, 5, 10, 12]);
  assert.is(r.testAccuracy.length, 4);
  assert.ok(r.testAccuracy.every((a) => a >= 0 && a <= 1));
  assert.ok(r.populationError >= 0 && r.populationError <= 1);
  assert.is(r.config.sigmaEps, 0.1);
  assert.is(r.engine, 'reduced');
  assert.ok(r.h.gamma.data.subarray(0, 5).every((g) => g === 0), 'γ^(0) = 0');
  // multi-modal initial loss ≈ 2 log(1 + M) (two InfoNCE terms, near-uniform softmax at small σ_0)
  assert.ok(r.loss[0] > 1.5 * Math.log(9) && r.loss[0] < 2.5 * Math.log(9), `L(0) = ${r.loss[0]}`);
});

test('onStep is called for t = 0..T with T', () => {
  const calls: number[] = [];
  simulate({ ...small, steps: 4 }, { onStep: (t, T) => { assert.is(T, 4); calls.push(t); } });
  assert.equal(calls, [0, 1, 2, 3, 4]);
});

test('recordProbabilities: ℓ\'_i, ℓ\'_{i,j} (and ℓ~\') for every step, summing to 1 per anchor, same for both engines', () => {
  for (const engine of ['reduced', 'dense'] as const) {
    const r = simulate({ ...small, mode: 'multi', engine, steps: 3 }, { recordProbabilities: true });
    const { h: first, g: second } = r.probabilities!;
    assert.is(first.length, 4);
    assert.is(second!.length, 4);
    const { negatives, negativeOffsets } = r.inputs;
    for (const p of [...first, ...second!]) {
      assert.is(p.negative.length, negatives.length);
      for (let i = 0; i < small.n; i++) {
        let total = p.positive[i];
        for (let k = negativeOffsets[i]; k < negativeOffsets[i + 1]; k++) total += p.negative[k];
        assert.ok(Math.abs(total - 1) < 1e-14);
      }
    }
    // loss = mean_i −log ℓ'_i + mean_i −log ℓ~'_i
    for (let t = 0; t < 4; t++) {
      const l = (p: Float64Array) => p.reduce((s, v) => s - Math.log(v), 0) / small.n;
      assert.ok(Math.abs(l(first[t].positive) + l(second![t].positive) - r.loss[t]) < 1e-12 * r.loss[t]);
    }
  }
});

test('raw configs are validated: a bad key throws ConfigError before any work', () => {
  assert.throws(() => simulate({ ...small, tau: 0 }), (e: unknown) => e instanceof ConfigError && e.key === 'tau');
});

test('NaN or overflow stops the run naming the step and the quantity', () => {
  for (const engine of ['reduced', 'dense'] as const) {
    try {
      simulate({ ...small, engine, eta: 1e300, sigma0: 1, steps: 50, populationSamples: 0 });
      assert.unreachable('expected a NumericalError');
    } catch (error) {
      assert.instance(error, NumericalError);
      const e = error as NumericalError;
      assert.match(e.message, /step \d+/);
      assert.ok(e.step >= 1 && e.step <= 50, `step ${e.step}`);
      assert.ok(['loss', 'gamma', 'rho', 'W'].includes(e.quantity), e.quantity);
    }
  }
});

test.run();
