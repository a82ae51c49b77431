import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, noiseMemorization, signalLearning, simulate } from '@mmcl/infomax';
import { flatTrajectory, shapeTrajectory } from '@mmcl/infomax/internal';

const multi = simulate({ mode: 'multi', d: 60, n: 5, m: 3, steps: 4, nTest: 8, probeTrainSize: 4, populationSamples: 0 });
const single = simulate({ mode: 'single', d: 60, n: 5, m: 3, steps: 4, nTest: 8, probeTrainSize: 4, populationSamples: 0 });

test('run.h and run.g are (T+1)×m and (T+1)×m×n views of the flat arrays, indexed by name', () => {
  const { m, n, steps } = multi.config;
  for (const shaped of [multi.h, multi.g]) {
    const flat = flatTrajectory(shaped);
    assert.equal(shaped.gamma.shape, [steps + 1, m]);
    assert.equal(shaped.rho.shape, [steps + 1, m, n]);
    assert.equal(shaped.gamma.dims, ['t', 'r']);
    assert.equal(shaped.rho.dims, ['t', 'r', 'i']);
    const fresh = { gamma: Float64Array.from(flat.gamma), rho: Float64Array.from(flat.rho) };
    const reshaped = shapeTrajectory(fresh, m, n);
    assert.ok(reshaped.gamma.data === fresh.gamma && reshaped.rho.data === fresh.rho, 'no copy');
    for (let t = 0; t <= steps; t++) {
      for (let r = 0; r < m; r++) {
        assert.ok(Object.is(shaped.gamma.get(t, r), flat.gamma[t * m + r]));
        for (let i = 0; i < n; i++) assert.ok(Object.is(shaped.rho.get(t, r, i), flat.rho[(t * m + r) * n + i]));
      }
    }
  }
  // Some coefficient moved, so the comparison above was not between zeros only.
  assert.ok(multi.h.gamma.get(steps, 0) !== 0 && multi.g.rho.get(steps, 0, 0) !== 0);
});

test('a single-modal run has h and no g', () => {
  assert.is(single.g, undefined);
  assert.equal(single.h.rho.shape, [5, 3, 5]);
});

test('signalLearning and noiseMemorization read m and n off a shaped trajectory and agree bit for bit with the flat form', () => {
  const { m, n } = multi.config;
  assert.equal(signalLearning(multi.g), signalLearning(flatTrajectory(multi.g), m, n));
  assert.equal(noiseMemorization(multi.h), noiseMemorization(flatTrajectory(multi.h), m, n));
  assert.equal(noiseMemorization(multi.h, 'maxRho'), noiseMemorization(flatTrajectory(multi.h), m, n, 'maxRho'));
});

test('flatTrajectory refuses a slice or a permuted view, whose .data is its whole parent array', () => {
  const { h } = multi;
  assert.throws(() => flatTrajectory({ ...h, rho: h.rho.hi(2) as typeof h.rho }), /rho is a slice/);
  assert.throws(() => flatTrajectory({ ...h, gamma: h.gamma.lo(1) as typeof h.gamma }), /gamma is a slice/);
  assert.throws(() => flatTrajectory({ ...h, gamma: h.gamma.transpose(1, 0) as typeof h.gamma }), /gamma is a slice/);
  assert.ok(flatTrajectory(h).rho === h.rho.data);
});

test('shapeTrajectory refuses arrays that do not fit m and n', () => {
  assert.throws(() => shapeTrajectory({ gamma: new Float64Array(6), rho: new Float64Array(7) }, 3, 1), /do not fit m = 3, n = 1/);
  assert.throws(() => shapeTrajectory({ gamma: new Float64Array(5), rho: new Float64Array(5) }, 2, 1), /do not fit/);
});

test('a misspelt key fails the type check and, at run time, throws a ConfigError with a suggestion', () => {
  // @ts-expect-error `lr` is not a key of InfomaxConfig (tsc over the tests fails if this line ever type-checks)
  assert.throws(() => simulate({ lr: 0.1, steps: 1 }), (e: unknown) => e instanceof ConfigError && /did you mean "eta"/.test(e.message));
});

test.run();
