import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { weightsFromCoefficients } from '@mmcl/infomax/internal';
import { TheoryInputError, trajectoryContext } from '@mmcl/theory';
import { copyResult, smallRun } from './fixtures.js';

test('projections from the Gram quantities equal d-dimensional inner products to 1e-12', () => {
  const run = smallRun('single');
  const context = trajectoryContext(run);
  const { d, m, n, steps } = run.config;
  for (const t of [0, 17, steps]) {
    const W = weightsFromCoefficients(
      { d, n, m, mu: run.inputs.mu, xi: run.inputs.xi, W0: run.inputs.W0 },
      run.h.gamma.data.subarray(t * m, (t + 1) * m),
      run.h.rho.data.subarray(t * m * n, (t + 1) * m * n),
    );
    for (let r = 0; r < m; r++) {
      let u = 0;
      for (let k = 0; k < d; k++) u += W[r * d + k] * run.inputs.mu[k];
      assert.ok(Math.abs(u - context.h.signalProjection[t * m + r]) <= 1e-12 * Math.max(1, Math.abs(u)));
      for (let i = 0; i < n; i++) {
        let v = 0;
        let vHat = 0;
        for (let k = 0; k < d; k++) {
          v += W[r * d + k] * run.inputs.xi[i * d + k];
          vHat += W[r * d + k] * (run.inputs.xi[i * d + k] + run.inputs.eps[i * d + k]);
        }
        assert.ok(Math.abs(v - context.h.noiseProjection[(t * m + r) * n + i]) <= 1e-12 * Math.max(1, Math.abs(v)));
        assert.ok(Math.abs(vHat - context.augmentedProjection![(t * m + r) * n + i]) <= 1e-12 * Math.max(1, Math.abs(vHat)));
      }
    }
  }
});

test('the recomputed loss equals the engine’s recorded loss to 1e-12', () => {
  for (const mode of ['single', 'multi'] as const) {
    const run = smallRun(mode);
    const context = trajectoryContext(run);
    for (let t = 0; t <= run.config.steps; t++) {
      const loss = context.termH[t].loss + (context.termG ? context.termG[t].loss : 0);
      assert.ok(Math.abs(loss - run.loss[t]) <= 1e-12 * run.loss[t], `${mode} step ${t}`);
    }
  }
});

test('wrong shapes and resampled ϵ are one-line errors naming the field', () => {
  const short = copyResult(smallRun('single'));
  short.h.rho.data = short.h.rho.data.slice(1);
  assert.throws(() => trajectoryContext(short), (e: Error) => e instanceof TheoryInputError && /^result\.h\.rho: must hold/.test(e.message));
  const resampled = { ...smallRun('single'), config: { ...smallRun('single').config, resampleEps: true } };
  assert.throws(() => trajectoryContext(resampled), /config\.resampleEps: must be false/);
  const noG = { ...smallRun('multi'), g: undefined };
  assert.throws(() => trajectoryContext(noG), /result\.g/);
});

test.run();
