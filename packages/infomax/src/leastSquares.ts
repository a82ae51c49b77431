/**
 * Coefficients by least squares (spec §8.5, method 2): min_c ‖(w_r − w_r^(0)) − B c‖ with
 * B = [µ/‖µ‖², ξ_1/‖ξ_1‖², …, ξ_n/‖ξ_n‖²]. Solved through the normal equations of the column-normalised basis
 * [µ/‖µ‖, ξ_i/‖ξ_i‖] (unit diagonal Gram matrix, so well conditioned when the ξ_i are nearly orthogonal) by a
 * Cholesky factorisation computed once per basis.
 */
import { cholesky, choleskySolveRows, matmul } from './linalg.js';
import type { EncoderData } from './gram.js';

/**
 * Coefficients of W − W^(0) on span{µ, ξ_i}, with the relative residual of the fit.
 * @category Dynamics
 */
export interface LeastSquaresResult {
  gamma: Float64Array;
  rho: Float64Array;
  /** max_r ‖(w_r − w_r^(0)) − B c_r‖ / ‖w_r − w_r^(0)‖ (0 when W = W^(0)); NaN unless requested. */
  residual: number;
}

/**
 * A reusable solver for one basis (one encoder).
 * @category Dynamics
 */
export interface LeastSquaresSolver {
  solve(W: Float64Array, options?: { residual?: boolean }): LeastSquaresResult;
  /**
   * The same solution from the right-hand side Bᵀ(w_r − w_r^(0)) given as inner products: ⟨w_r − w_r^(0), µ⟩ (m)
   * and ⟨w_r − w_r^(0), ξ_i⟩ (m×n). Lets an engine reuse the pre-activations of its forward pass instead of a
   * further O(m n d) product. No residual (NaN).
   */
  fromInnerProducts(signal: Float64Array, noise: Float64Array): LeastSquaresResult;
  /**
   * The span residual ‖Δ − P Δ‖_F / ‖Δ‖_F of Δ = W − a W^(0) (all neurons together; 0 when Δ = 0), P the orthogonal
   * projection onto span{µ, ξ_i}: how far an optimizer's weights have left the span the theory lives in
   * (spec optimizers.md §3). O(m n d).
   */
  spanResidual(W: Float64Array, initialScale?: number): number;
}

/**
 * Prepare the least-squares solver of an encoder: the (n+1)×(n+1) Gram matrix of the normalised basis and its
 * Cholesky factor. Needs µ, ξ_1..ξ_n linearly independent (a.s. when d ≥ n + 1).
 *
 * @example
 * import { leastSquaresSolver } from '@mmcl/infomax/internal';
 * const data = { d: 3, n: 1, m: 1, mu: new Float64Array([5, 0, 0]), xi: new Float64Array([0, 2, 0]), W0: new Float64Array(3) };
 * // w = 5·µ/25 + 4·ξ/4
 * leastSquaresSolver(data).solve(new Float64Array([1, 2, 0])).rho[0]; // → 4
 * @category Dynamics
 */
export function leastSquaresSolver(data: EncoderData): LeastSquaresSolver {
  const { d, n, m } = data;
  const k = n + 1;
  const basis = new Float64Array(k * d); // rows: µ/‖µ‖, ξ_i/‖ξ_i‖
  const norms = new Float64Array(k);
  for (let row = 0; row < k; row++) {
    const source = row === 0 ? data.mu : data.xi.subarray((row - 1) * d, row * d);
    let s = 0;
    for (let c = 0; c < d; c++) s += source[c] * source[c];
    norms[row] = Math.sqrt(s);
    for (let c = 0; c < d; c++) basis[row * d + c] = source[c] / norms[row];
  }
  const factor = cholesky(matmul(basis, basis, k, d, k, false, true), k);

  /** Solve the normal equations for the rows of coef (m×(n+1), normalised basis) in place; back to (γ, ρ). */
  const finish = (coef: Float64Array) => {
    choleskySolveRows(factor, k, coef, m);
    const gamma = new Float64Array(m);
    const rho = new Float64Array(m * n);
    // In the normalised basis the weight of µ/‖µ‖ is γ/‖µ‖ and that of ξ_i/‖ξ_i‖ is ρ_i/‖ξ_i‖.
    for (let r = 0; r < m; r++) {
      gamma[r] = coef[r * k] * norms[0];
      for (let i = 0; i < n; i++) rho[r * n + i] = coef[r * k + 1 + i] * norms[1 + i];
    }
    return { gamma, rho };
  };

  /** Rows of Δ minus their projection onto the span, squared and summed; and ‖Δ‖_F². */
  const residualSquares = (delta: Float64Array) => {
    const coef = matmul(delta, basis, m, d, k, false, true);
    choleskySolveRows(factor, k, coef, m);
    const fit = matmul(coef, basis, m, k, d);
    const rows = new Float64Array(m);
    const sizes = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < d; c++) {
        const e = delta[r * d + c] - fit[r * d + c];
        rows[r] += e * e;
        sizes[r] += delta[r * d + c] * delta[r * d + c];
      }
    }
    return { rows, sizes };
  };

  return {
    spanResidual(W, initialScale = 1) {
      const delta = new Float64Array(m * d);
      let moved = false;
      for (let x = 0; x < m * d; x++) {
        delta[x] = W[x] - initialScale * data.W0[x];
        if (delta[x] !== 0) moved = true;
      }
      if (!moved) return 0; // Δ = 0 (e.g. at t = 0): what the products below would give, without their O(m n d)
      const { rows, sizes } = residualSquares(delta);
      let res2 = 0;
      let size2 = 0;
      for (let r = 0; r < m; r++) {
        res2 += rows[r];
        size2 += sizes[r];
      }
      return size2 > 0 ? Math.sqrt(res2 / size2) : 0;
    },
    solve(W, options = {}) {
      const delta = new Float64Array(m * d);
      for (let x = 0; x < m * d; x++) delta[x] = W[x] - data.W0[x];
      const coef = matmul(delta, basis, m, d, k, false, true); // rows r: Bᵀ(w_r − w_r^(0))
      const { gamma, rho } = finish(coef);
      let residual = Number.NaN;
      if (options.residual) {
        const { rows, sizes } = residualSquares(delta);
        residual = 0;
        for (let r = 0; r < m; r++) if (sizes[r] > 0) residual = Math.max(residual, Math.sqrt(rows[r] / sizes[r]));
      }
      return { gamma, rho, residual };
    },
    fromInnerProducts(signal, noise) {
      const coef = new Float64Array(m * k);
      for (let r = 0; r < m; r++) {
        coef[r * k] = signal[r] / norms[0];
        for (let i = 0; i < n; i++) coef[r * k + 1 + i] = noise[r * n + i] / norms[1 + i];
      }
      return { ...finish(coef), residual: Number.NaN };
    },
  };
}
