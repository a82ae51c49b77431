import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { noiseMemorization, signalLearning, simulate } from '@mmcl/infomax';
import { encoderData, encoderGram, innerProducts, signalLevels } from '@mmcl/infomax/internal';

test('signal learning: max_r |γ_r| per step; noise memorisation: mean_i max_r ρ_{r,i} and max_{r,i} ρ', () => {
  // two steps, m = 2, n = 2
  const trajectory = { gamma: new Float64Array([0, 0, 0.3, -0.5]), rho: new Float64Array([0, 0, 0, 0, 1, -2, 3, -1]) };
  assert.equal(Array.from(signalLearning(trajectory, 2, 2)), [0, 0.5]);
  assert.equal(Array.from(noiseMemorization(trajectory, 2, 2)), [0, (3 + -1) / 2]);
  assert.equal(Array.from(noiseMemorization(trajectory, 2, 2, 'maxRho')), [0, 3]);
  assert.throws(() => signalLearning(trajectory, 2, 2, 'maxLevel'), /Gram/);
});

test('alternative definitions: projections ⟨w_r − w_r^(0), µ⟩ and levels A_r, computed independently', () => {
  const r = simulate({ d: 200, n: 12, m: 4, steps: 10, nTest: 10, probeTrainSize: 5, evalEvery: 10, populationSamples: 0 });
  const { m, n } = r.config;
  const gram = encoderGram(encoderData(r.config, r.inputs, 'h'));
  const proj = signalLearning(r.h, 'maxAbsProjection', gram);
  const levels = signalLearning(r.h, 'maxLevel', gram);
  const noiseProj = noiseMemorization(r.h, 'meanMaxProjection', gram);
  for (const t of [0, 10]) {
    const gamma = r.h.gamma.data.subarray(t * m, (t + 1) * m);
    const rho = r.h.rho.data.subarray(t * m * n, (t + 1) * m * n);
    const u = innerProducts(gram, gamma, rho, gram.onMu);
    const expected = Math.max(...Array.from(u, (x, k) => Math.abs(x - gram.onMu.w0[k])));
    assert.ok(Math.abs(proj[t] - expected) <= 1e-15 * Math.max(1, expected));
    assert.is(levels[t], Math.max(...signalLevels(gamma, gram.onMu.w0)));
    const v = innerProducts(gram, gamma, rho, gram.onXi);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      for (let k = 0; k < m; k++) best = Math.max(best, v[k * n + i] - gram.onXi.w0[k * n + i]);
      sum += best;
    }
    assert.ok(Math.abs(noiseProj[t] - sum / n) < 1e-14);
  }
  assert.is(proj[0], 0);
});

test.run();
