/**
 * Small dense linear-algebra helpers on row-major Float64Arrays, on top of the @mmcl/autodiff gemm kernel.
 * Internal to the package.
 */
import { gemm } from '@mmcl/autodiff';

/**
 * C (M×N) = op(A) · op(B), op(A) M×K, op(B) K×N, where op transposes when the flag is set (A stored K×M, B stored
 * N×K). Returns a fresh array.
 */
export function matmul(
  A: Float64Array,
  B: Float64Array,
  M: number,
  K: number,
  N: number,
  transA = false,
  transB = false,
): Float64Array {
  const C = new Float64Array(M * N);
  gemm(transA, transB, M, N, K, A, B, C);
  return C;
}

/** Cholesky factor L (lower, row-major) of a symmetric positive-definite n×n matrix; throws when not SPD. */
export function cholesky(A: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`cholesky: matrix is not positive definite (pivot ${i} = ${s})`);
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  return L;
}

/** Solve (L Lᵀ) x = b in place for `count` right-hand sides stored as rows of b (count×n). */
export function choleskySolveRows(L: Float64Array, n: number, b: Float64Array, count: number): void {
  for (let row = 0; row < count; row++) {
    const o = row * n;
    for (let i = 0; i < n; i++) {
      let s = b[o + i];
      for (let k = 0; k < i; k++) s -= L[i * n + k] * b[o + k];
      b[o + i] = s / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = b[o + i];
      for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[o + k];
      b[o + i] = s / L[i * n + i];
    }
  }
}
