/** packages/infomax/src/linalg.ts is internal; it is tested through the least-squares solver and the probe. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { leastSquaresSolver } from '@mmcl/infomax';

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

test.run();
