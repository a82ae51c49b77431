import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { figure1, noiseMemorization, simulate } from '@mmcl/infomax';
import { figure1Runs } from '@mmcl/infomax/internal';

const config = { d: 60, n: 6, m: 3, steps: 6, nTest: 10, probeTrainSize: 5, evalEvery: 3 } as const;

test('figure1 is the mean and sample sd over seeds of what simulate computes for each seed, per mode', () => {
  const { curves, runs } = figure1({ seeds: 2, config });
  assert.equal(runs.map((r) => r.name), ['seed-0-single', 'seed-0-multi', 'seed-1-single', 'seed-1-multi']);
  const multi = [0, 1].map((seed) => simulate({ ...config, mode: 'multi', seed, populationSamples: 0 }));
  const curve = curves[1];
  assert.is(curve.mode, 'multi');
  for (let t = 0; t <= config.steps; t++) {
    const [a, b] = multi.map((r) => r.loss[t]);
    assert.is(curve.loss.mean[t], (a + b) / 2);
    assert.is(curve.loss.sd[t], Math.sqrt(((a - (a + b) / 2) ** 2 + (b - (a + b) / 2) ** 2) / 1));
  }
  const noise = multi.map((r) => noiseMemorization(r.h));
  assert.is(curve.noise.mean[config.steps], (noise[0][config.steps] + noise[1][config.steps]) / 2);
  assert.equal(curve.accuracy.steps, [0, 3, 6]);
  assert.ok(curves[0].loss.mean[config.steps] !== curve.loss.mean[config.steps], 'the modes differ');
});

test('figure1Runs refuses a seed count that is not a positive integer and resolves every configuration up front', () => {
  assert.throws(() => figure1Runs({ seeds: 0 }), /seeds must be an integer ≥ 1/);
  // @ts-expect-error misspelt key (tsc over the tests fails if this ever type-checks)
  assert.throws(() => figure1Runs({ seeds: 1, config: { lr: 1 } }), /did you mean "eta"/);
});

test.run();
