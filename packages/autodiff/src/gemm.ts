/**
 * The float64 matrix multiply C = op(A)·op(B) (or C += ...), op = identity or transpose, on row-major
 * Float64Arrays: `gemm` dispatches to the selected backend; this file holds the TypeScript kernel `gemmJs`, the
 * reference path and fallback of the WebAssembly kernel in ./wasm/ (which follows the same rounding order).
 *
 * Design (after the GotoBLAS / BLIS scheme, scaled down to what V8 compiles well):
 * - op(A) is packed into strips of 4 rows and op(B) into strips of 4 columns, each strip stored k-major, so that the
 *   micro-kernel reads both with unit stride whatever the transpose flags. This is what lets matmulNT/matmulTN avoid
 *   materialising a transpose.
 * - A 4×4 register-tiled micro-kernel keeps 16 accumulators in locals.
 * - Loops are blocked over k (256 steps: a B strip segment stays in L1) and over m (64 rows: the A block stays in
 *   L2 while every B strip passes over it).
 *
 * Rounding order (fixed, hence bitwise reproducible): every C[i][j] is the sum over p = 0, 1, …, k−1 of
 * A[i][p]·B[p][j], accumulated left to right starting from 0 (a k-block continues the running sums that the
 * previous block left in C), and then (with `accumulate`) added to the old C[i][j].
 * This is the order of the naive triple loop, and it does not depend on the transpose flags, so
 * gemm(NT) of B equals gemm(NN) of Bᵀ bit for bit.
 */

import { getBackend } from './wasm/backend.js';
import { gemmWasm } from './wasm/gemm.js';

const STRIP = 4;
/** k-block: one 4-wide strip of A or B over 256 steps is 8 KiB, so a B strip stays in L1 while A strips pass. */
const DEPTH_BLOCK = 256;
/** m-block: 16 A strips × 256 steps = 128 KiB of packed A, which stays in L2 across all B strips. */
const ROW_STRIPS_PER_BLOCK = 16;

let scratchA = new Float64Array(0);
let scratchB = new Float64Array(0);

function ensureScratch(sizeA: number, sizeB: number): void {
  if (scratchA.length < sizeA) scratchA = new Float64Array(sizeA);
  if (scratchB.length < sizeB) scratchB = new Float64Array(sizeB);
}

/**
 * Packs op(A) (m×k) into ⌈m/4⌉ strips; strip t holds rows 4t..4t+3 as [p*4 + r], zero-padded. Loops run so that
 * the source is read along its rows (contiguously) whatever the layout.
 */
function packRows(a: Float64Array, transposed: boolean, m: number, k: number, out: Float64Array): void {
  const strips = Math.ceil(m / STRIP);
  for (let t = 0; t < strips; t++) {
    const base = t * STRIP * k;
    const i0 = t * STRIP;
    const rows = Math.min(STRIP, m - i0);
    if (rows < STRIP) out.fill(0, base, base + STRIP * k);
    if (transposed) {
      // op(A)[i][p] = A[p][i], A stored k×m: the 4 rows of a strip are 4 adjacent entries of each row p of A.
      copyQuads(a, i0, m, rows, out, base, k);
    } else {
      interleaveRows(a, i0 * k, k, rows, out, base);
    }
  }
}

/** Copies `width` (≤ 4) adjacent entries from each of `k` source rows (stride `stride`) into 4-wide packed rows. */
function copyQuads(src: Float64Array, start: number, stride: number, width: number, out: Float64Array, base: number, k: number): void {
  if (width === STRIP) {
    for (let p = 0, from = start, to = base; p < k; p++, from += stride, to += STRIP) {
      out[to] = src[from];
      out[to + 1] = src[from + 1];
      out[to + 2] = src[from + 2];
      out[to + 3] = src[from + 3];
    }
    return;
  }
  for (let p = 0; p < k; p++) for (let q = 0; q < width; q++) out[base + p * STRIP + q] = src[start + p * stride + q];
}

/** Interleaves `width` (≤ 4) consecutive source rows of length k, starting at `first`, into 4-wide packed rows. */
function interleaveRows(src: Float64Array, first: number, k: number, width: number, out: Float64Array, base: number): void {
  if (width === STRIP) {
    const r0 = first;
    const r1 = first + k;
    const r2 = first + 2 * k;
    const r3 = first + 3 * k;
    for (let p = 0, to = base; p < k; p++, to += STRIP) {
      out[to] = src[r0 + p];
      out[to + 1] = src[r1 + p];
      out[to + 2] = src[r2 + p];
      out[to + 3] = src[r3 + p];
    }
    return;
  }
  for (let q = 0; q < width; q++) for (let p = 0; p < k; p++) out[base + p * STRIP + q] = src[first + q * k + p];
}

/** Packs op(B) (k×n) into ⌈n/4⌉ strips; strip s holds columns 4s..4s+3 as [p*4 + c], zero-padded. */
function packColumns(b: Float64Array, transposed: boolean, k: number, n: number, out: Float64Array): void {
  const strips = Math.ceil(n / STRIP);
  for (let s = 0; s < strips; s++) {
    const base = s * STRIP * k;
    const j0 = s * STRIP;
    const cols = Math.min(STRIP, n - j0);
    if (cols < STRIP) out.fill(0, base, base + STRIP * k);
    if (transposed) {
      // op(B)[p][j] = B[j][p], B stored n×k: each column of op(B) is a row of B.
      interleaveRows(b, j0 * k, k, cols, out, base);
    } else {
      copyQuads(b, j0, n, cols, out, base, k);
    }
  }
}

/**
 * The 4×4 micro-kernel for a full tile of C at offset `o`: continues its 16 sums over `depth` steps of packed A and
 * B. `fresh` starts the sums at 0 (first k-block); otherwise they continue from what C holds, which keeps the
 * left-to-right order over p across k-blocks. Only doubles flow through the locals (edge tiles take another path),
 * so V8 keeps all 16 accumulators unboxed.
 */
function microKernel(
  pa: Float64Array, aStart: number, pb: Float64Array, bStart: number, depth: number,
  c: Float64Array, o: number, n: number, fresh: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  if (!fresh) {
    let q = o;
    c00 = c[q]; c01 = c[q + 1]; c02 = c[q + 2]; c03 = c[q + 3]; q += n;
    c10 = c[q]; c11 = c[q + 1]; c12 = c[q + 2]; c13 = c[q + 3]; q += n;
    c20 = c[q]; c21 = c[q + 1]; c22 = c[q + 2]; c23 = c[q + 3]; q += n;
    c30 = c[q]; c31 = c[q + 1]; c32 = c[q + 2]; c33 = c[q + 3];
  }
  let ia = aStart;
  let ib = bStart;
  const end = aStart + depth * STRIP;
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
  c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += n;
  c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += n;
  c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += n;
  c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
}

const edgeTile = new Float64Array(STRIP * STRIP);

/**
 * A partial tile at the bottom/right edge of C: the full micro-kernel on a 4×4 buffer (the packed panels are
 * zero-padded, so the entries that exist get exactly the same sums), then the existing entries copied out.
 */
function edgeKernel(
  pa: Float64Array, aStart: number, pb: Float64Array, bStart: number, depth: number,
  c: Float64Array, n: number, i0: number, j0: number, rows: number, cols: number, fresh: boolean,
): void {
  if (!fresh) {
    edgeTile.fill(0);
    for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) edgeTile[r * STRIP + q] = c[(i0 + r) * n + j0 + q];
  }
  microKernel(pa, aStart, pb, bStart, depth, edgeTile, 0, STRIP, fresh);
  for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) c[(i0 + r) * n + j0 + q] = edgeTile[r * STRIP + q];
}

/**
 * C = op(A)·op(B), or C += op(A)·op(B) when `accumulate`; op(A) is m×k, op(B) is k×n, C is m×n, all row-major.
 * With transA, A is stored k×m; with transB, B is stored n×k. Returns C.
 *
 * Runs the selected backend (`setBackend`, MMCL_BACKEND=wasm|js; default wasm where WebAssembly SIMD exists): the
 * generated WebAssembly SIMD kernel (./wasm/) or the TypeScript kernel below. Both follow the rounding order above,
 * so they give the same bits. Arrays allocated with `wasmArray` are used in place by the wasm kernel (no copy);
 * if wasm memory grows during the call, such views passed in are detached, so use the returned C.
 *
 * @example
 * // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
 * const c = new Float64Array(4);
 * gemm(false, false, 2, 2, 2, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), c);
 * @category Kernels
 */
export function gemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false,
): Float64Array {
  checkLengths(m, n, k, a, b, c);
  if (m === 0 || n === 0) return c;
  if (k === 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return c;
  }
  return getBackend() === 'wasm' ? gemmWasm(transA, transB, m, n, k, a, b, c, accumulate) : gemmJs(transA, transB, m, n, k, a, b, c, accumulate);
}

function checkLengths(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  if (a.length < m * k || b.length < k * n || c.length < m * n) {
    const detached = [a, b, c].some((x) => x.buffer.byteLength === 0)
      ? '; an array has a detached buffer: a view of wasm memory that grew? re-read WasmArray.data'
      : '';
    throw new RangeError(`gemm: arrays too short for m=${m}, n=${n}, k=${k} (A ${a.length}, B ${b.length}, C ${c.length})${detached}`);
  }
}

/**
 * The TypeScript kernel (the reference path and the fallback where WebAssembly SIMD is missing): same contract as
 * {@link gemm}, always in JavaScript.
 *
 * @example
 * gemmJs(false, false, 1, 1, 2, new Float64Array([1, 2]), new Float64Array([3, 4]), new Float64Array(1)); // → [11]
 */
export function gemmJs(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false,
): Float64Array {
  checkLengths(m, n, k, a, b, c);
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
  // The sums are built in C itself (continued across k-blocks); accumulating needs them apart from the old C.
  const out = accumulate ? new Float64Array(m * n) : c;
  for (let p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
    const depth = Math.min(DEPTH_BLOCK, k - p0);
    for (let t0 = 0; t0 < rowStrips; t0 += ROW_STRIPS_PER_BLOCK) {
      const t1 = Math.min(rowStrips, t0 + ROW_STRIPS_PER_BLOCK);
      for (let s = 0; s < colStrips; s++) {
        const j0 = s * STRIP;
        const cols = Math.min(STRIP, n - j0);
        const bStart = s * STRIP * k + p0 * STRIP;
        for (let t = t0; t < t1; t++) {
          const i0 = t * STRIP;
          const aStart = t * STRIP * k + p0 * STRIP;
          const rows = Math.min(STRIP, m - i0);
          if (rows === STRIP && cols === STRIP) microKernel(pa, aStart, pb, bStart, depth, out, i0 * n + j0, n, p0 === 0);
          else edgeKernel(pa, aStart, pb, bStart, depth, out, n, i0, j0, rows, cols, p0 === 0);
        }
      }
    }
  }
  if (accumulate) for (let i = 0; i < m * n; i++) c[i] += out[i];
  return c;
}

/**
 * The reference triple loop (same rounding order as gemm), kept for tests and as the benchmarks' naive baseline.
 * Strides replace the transpose flags so the inner loop is the plain one.
 */
export function naiveGemm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate = false,
): Float64Array {
  const [aRow, aStep] = transA ? [1, m] : [k, 1]; // op(A)[i][p] = a[i*aRow + p*aStep]
  const [bCol, bStep] = transB ? [k, 1] : [1, n]; // op(B)[p][j] = b[j*bCol + p*bStep]
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let ia = i * aRow;
      let ib = j * bCol;
      for (let p = 0; p < k; p++) {
        sum += a[ia] * b[ib];
        ia += aStep;
        ib += bStep;
      }
      c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
    }
  }
  return c;
}
