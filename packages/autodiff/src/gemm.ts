/**
 * The float64 matrix-multiply kernel: C = op(A)·op(B) (or C += ...), op = identity or transpose, on row-major
 * Float64Arrays.
 *
 * Design (after the GotoBLAS / BLIS scheme, scaled down to what V8 compiles well):
 * - op(A) is packed into strips of 4 rows and op(B) into strips of 4 columns, each strip stored k-major, so that the
 *   micro-kernel reads both with unit stride whatever the transpose flags. This is what lets matmulNT/matmulTN avoid
 *   materialising a transpose.
 * - A 4×4 register-tiled micro-kernel keeps 16 accumulators in locals.
 * - The B strips are walked in blocks that fit in L2 while every A strip passes over them.
 *
 * Rounding order (fixed, hence bitwise reproducible): every C[i][j] is the sum over p = 0, 1, …, k−1 of
 * A[i][p]·B[p][j], accumulated left to right starting from 0, and then (with `accumulate`) added to the old C[i][j].
 * This is the order of the naive triple loop, and it does not depend on the transpose flags, so
 * gemm(NT) of B equals gemm(NN) of Bᵀ bit for bit.
 */

const STRIP = 4;
/** Number of B columns per cache block: 64 columns × k doubles stays within a 256 KiB L2 for k ≤ 512. */
const COLUMN_BLOCK = 64;

let scratchA = new Float64Array(0);
let scratchB = new Float64Array(0);

function ensureScratch(sizeA: number, sizeB: number): void {
  if (scratchA.length < sizeA) scratchA = new Float64Array(sizeA);
  if (scratchB.length < sizeB) scratchB = new Float64Array(sizeB);
}

/** Packs op(A) (m×k) into ⌈m/4⌉ strips; strip t holds rows 4t..4t+3 as [p*4 + r], zero-padded. */
function packRows(a: Float64Array, transposed: boolean, m: number, k: number, out: Float64Array): void {
  const strips = Math.ceil(m / STRIP);
  for (let t = 0; t < strips; t++) {
    const base = t * STRIP * k;
    for (let r = 0; r < STRIP; r++) {
      const i = t * STRIP + r;
      if (i >= m) {
        for (let p = 0; p < k; p++) out[base + p * STRIP + r] = 0;
      } else if (transposed) {
        // op(A)[i][p] = A[p][i], A stored k×m.
        for (let p = 0; p < k; p++) out[base + p * STRIP + r] = a[p * m + i];
      } else {
        const row = i * k;
        for (let p = 0; p < k; p++) out[base + p * STRIP + r] = a[row + p];
      }
    }
  }
}

/** Packs op(B) (k×n) into ⌈n/4⌉ strips; strip s holds columns 4s..4s+3 as [p*4 + c], zero-padded. */
function packColumns(b: Float64Array, transposed: boolean, k: number, n: number, out: Float64Array): void {
  const strips = Math.ceil(n / STRIP);
  for (let s = 0; s < strips; s++) {
    const base = s * STRIP * k;
    for (let c = 0; c < STRIP; c++) {
      const j = s * STRIP + c;
      if (j >= n) {
        for (let p = 0; p < k; p++) out[base + p * STRIP + c] = 0;
      } else if (transposed) {
        // op(B)[p][j] = B[j][p], B stored n×k.
        const row = j * k;
        for (let p = 0; p < k; p++) out[base + p * STRIP + c] = b[row + p];
      } else {
        for (let p = 0; p < k; p++) out[base + p * STRIP + c] = b[p * n + j];
      }
    }
  }
}

/** C[i0.., j0..] (a ≤4×4 tile) = Σ_p packedA strip · packedB strip. */
function microKernel(
  pa: Float64Array, aBase: number, pb: Float64Array, bBase: number, k: number,
  c: Float64Array, n: number, i0: number, j0: number, rows: number, cols: number, accumulate: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  let ia = aBase;
  let ib = bBase;
  const end = aBase + k * STRIP;
  while (ia < end) {
    const a0 = pa[ia], a1 = pa[ia + 1], a2 = pa[ia + 2], a3 = pa[ia + 3];
    const b0 = pb[ib], b1 = pb[ib + 1], b2 = pb[ib + 2], b3 = pb[ib + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    ia += STRIP;
    ib += STRIP;
  }
  if (rows === STRIP && cols === STRIP) {
    let o = i0 * n + j0;
    if (accumulate) {
      c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03; o += n;
      c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13; o += n;
      c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23; o += n;
      c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
    } else {
      c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += n;
      c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += n;
      c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += n;
      c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
    }
    return;
  }
  // Edge tile: write only the rows and columns that exist.
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) {
      const o = (i0 + r) * n + j0 + q;
      c[o] = accumulate ? c[o] + tile[r * STRIP + q] : tile[r * STRIP + q];
    }
  }
}

/**
 * C = op(A)·op(B), or C += op(A)·op(B) when `accumulate`; op(A) is m×k, op(B) is k×n, C is m×n, all row-major.
 * With transA, A is stored k×m; with transB, B is stored n×k. Returns C.
 *
 * @example
 * // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
 * const c = new Float64Array(4);
 * gemm(false, false, 2, 2, 2, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), c);
 */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false,
): Float64Array {
  if (a.length < m * k || b.length < k * n || c.length < m * n) {
    throw new RangeError(`gemm: arrays too short for m=${m}, n=${n}, k=${k} (A ${a.length}, B ${b.length}, C ${c.length})`);
  }
  if (m === 0 || n === 0) return c;
  if (k === 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return c;
  }
  const rowStrips = Math.ceil(m / STRIP);
  const colStrips = Math.ceil(n / STRIP);
  ensureScratch(rowStrips * STRIP * k, colStrips * STRIP * k);
  const pa = scratchA;
  const pb = scratchB;
  packRows(a, transA, m, k, pa);
  packColumns(b, transB, k, n, pb);
  const stripsPerBlock = COLUMN_BLOCK / STRIP;
  for (let s0 = 0; s0 < colStrips; s0 += stripsPerBlock) {
    const s1 = Math.min(colStrips, s0 + stripsPerBlock);
    for (let t = 0; t < rowStrips; t++) {
      const i0 = t * STRIP;
      const rows = Math.min(STRIP, m - i0);
      for (let s = s0; s < s1; s++) {
        const j0 = s * STRIP;
        microKernel(pa, t * STRIP * k, pb, s * STRIP * k, k, c, n, i0, j0, rows, Math.min(STRIP, n - j0), accumulate);
      }
    }
  }
  return c;
}

/**
 * The reference triple loop (same rounding order as gemm), kept for tests and benchmarks.
 */
export function naiveGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false,
): Float64Array {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        sum += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      }
      c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
    }
  }
  return c;
}
