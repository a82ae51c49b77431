/**
 * Small dense linear-algebra helpers on row-major Float64Arrays, on top of the @mmcl/autodiff gemm kernel.
 * Internal to the package.
 */
import { gemm } from '@mmcl/autodiff';

/**
 * C (M×N) = op(A) · op(B), op(A) M×K, op(B) K×N, where op transposes when the flag is set (A stored K×M, B stored
 * N×K). Returns a fresh array, or writes `out` (its first M·N entries, all overwritten) and returns it.
 */
export function matmul(
  A: Float64Array,
  B: Float64Array,
  M: number,
  K: number,
  N: number,
  transA = false,
  transB = false,
  out?: Float64Array,
): Float64Array {
  const C = out ?? new Float64Array(M * N);
  gemm(transA, transB, M, N, K, A, B, C);
  return C;
}

/**
 * A scratch array of at least `length` entries that lives across calls, for temporaries that die inside the call
 * that takes them (a step would otherwise allocate, fault in and collect the same arrays again and again).
 * Contents are left over from earlier use: callers overwrite or clear what they read.
 */
export function scratch(): (length: number) => Float64Array {
  let array = new Float64Array(0);
  return (length) => {
    if (array.length < length) array = new Float64Array(Math.max(length, 2 * array.length));
    return array.subarray(0, length);
  };
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

/**
 * Solve (L Lᵀ) x = b in place for `count` right-hand sides stored as rows of b (count×n). Four rows go through the
 * substitutions together: each row keeps its own running sum in the same order as a row alone (same bits), and the
 * four independent chains hide the latency of the subtractions (the dense engine solves m rows every step).
 */
export function choleskySolveRows(L: Float64Array, n: number, b: Float64Array, count: number): void {
  let row = 0;
  for (; row + 4 <= count; row += 4) solveFourRows(L, n, b, row * n);
  for (; row < count; row++) solveOneRow(L, n, b, row * n);
}

function solveOneRow(L: Float64Array, n: number, b: Float64Array, o: number): void {
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

/** {@link solveOneRow} on rows starting at o, o + n, o + 2n, o + 3n, interleaved. */
function solveFourRows(L: Float64Array, n: number, b: Float64Array, o: number): void {
  const o1 = o + n;
  const o2 = o + 2 * n;
  const o3 = o + 3 * n;
  for (let i = 0; i < n; i++) {
    let s0 = b[o + i], s1 = b[o1 + i], s2 = b[o2 + i], s3 = b[o3 + i];
    for (let k = 0; k < i; k++) {
      const l = L[i * n + k];
      s0 -= l * b[o + k];
      s1 -= l * b[o1 + k];
      s2 -= l * b[o2 + k];
      s3 -= l * b[o3 + k];
    }
    const diagonal = L[i * n + i];
    b[o + i] = s0 / diagonal;
    b[o1 + i] = s1 / diagonal;
    b[o2 + i] = s2 / diagonal;
    b[o3 + i] = s3 / diagonal;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s0 = b[o + i], s1 = b[o1 + i], s2 = b[o2 + i], s3 = b[o3 + i];
    for (let k = i + 1; k < n; k++) {
      const l = L[k * n + i];
      s0 -= l * b[o + k];
      s1 -= l * b[o1 + k];
      s2 -= l * b[o2 + k];
      s3 -= l * b[o3 + k];
    }
    const diagonal = L[i * n + i];
    b[o + i] = s0 / diagonal;
    b[o1 + i] = s1 / diagonal;
    b[o2 + i] = s2 / diagonal;
    b[o3 + i] = s3 / diagonal;
  }
}
