/** packages/infomax/src/linalg.ts is internal; it is tested through the least-squares solver and the probe. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { leastSquaresSolver } from '@mmcl/infomax/internal';
import { sameBits } from './helpers.js';

test('Cholesky-based least squares solves a hand-checked 2-column system exactly', () => {
  // µ = (3, 0, 0), ξ = (1, 1, 0): w − w^(0) = (5, 2, 0) = γ µ/9 + ρ ξ/2 = (γ/3 + ρ/2, ρ/2, 0), so ρ = 4, γ = 9
  const data = { d: 3, n: 1, m: 1, mu: new Float64Array([3, 0, 0]), xi: new Float64Array([1, 1, 0]), W0: new Float64Array(3) };
  const fit = leastSquaresSolver(data).solve(new Float64Array([5, 2, 0]), { residual: true });
  assert.ok(Math.abs(fit.gamma[0] - 9) < 1e-13, `${fit.gamma[0]}`);
  assert.ok(Math.abs(fit.rho[0] - 4) < 1e-14, `${fit.rho[0]}`);
  assert.ok(fit.residual < 1e-15);
});

test('linearly dependent columns (ξ ∥ µ) are reported, not silently solved', () => {
  const data = { d: 2, n: 1, m: 1, mu: new Float64Array([1, 0]), xi: new Float64Array([2, 0]), W0: new Float64Array(2) };
  assert.throws(() => leastSquaresSolver(data), /not positive definite/);
});

test('the solver gives each neuron the bits of a one-neuron solve (rows solved four at a time, in the same order)', () => {
  const [d, n, m] = [40, 9, 7]; // 7 rows: one group of four and three left over
  const streams = createStreams(21);
  const data = { d, n, m, mu: streams.data.normal(d), xi: streams.data.normal(n * d), W0: streams.init.normal(m * d) };
  const W = streams.init.normal(m * d);
  const together = leastSquaresSolver(data).solve(W);
  for (let r = 0; r < m; r++) {
    const alone = leastSquaresSolver({ ...data, m: 1, W0: data.W0.subarray(r * d, (r + 1) * d) }).solve(W.subarray(r * d, (r + 1) * d));
    assert.ok(sameBits(alone.gamma, together.gamma.subarray(r, r + 1)), `γ of neuron ${r}`);
    assert.ok(sameBits(alone.rho, together.rho.subarray(r * n, (r + 1) * n)), `ρ of neuron ${r}`);
  }
});

test.run();
