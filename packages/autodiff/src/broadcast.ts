import { ShapeError, formatShape } from './errors.js';

/**
 * NumPy broadcasting: shapes are aligned on the right; each pair of dimensions must be equal or one of them 1.
 * The error names the op and both shapes.
 */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let k = 0; k < rank; k++) {
    const da = k < rank - a.length ? 1 : a[k - (rank - a.length)];
    const db = k < rank - b.length ? 1 : b[k - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${op}: shapes cannot be broadcast together: ${formatShape(a)} and ${formatShape(b)}`);
    }
    out[k] = da === 1 ? db : da;
  }
  return out;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * For each entry of an array of shape `outShape` (row-major), the index of the entry of an array of shape `inShape`
 * that broadcasts onto it. `inShape` must broadcast to `outShape`.
 */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array {
  const rank = outShape.length;
  const lead = rank - inShape.length;
  const inStrides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let k = rank - 1; k >= lead; k--) {
    const dim = inShape[k - lead];
    inStrides[k] = dim === 1 ? 0 : stride;
    stride *= dim;
  }
  let size = 1;
  for (const d of outShape) size *= d;
  const map = new Int32Array(size);
  const counter = new Array<number>(rank).fill(0);
  let at = 0;
  for (let i = 0; i < size; i++) {
    map[i] = at;
    // Odometer increment over the output index, moving `at` by the input strides.
    for (let k = rank - 1; k >= 0; k--) {
      counter[k]++;
      at += inStrides[k];
      if (counter[k] < outShape[k]) break;
      at -= inStrides[k] * counter[k];
      counter[k] = 0;
    }
  }
  return map;
}

/**
 * Marks an operand with a single entry broadcast over the whole output: the common `mul(x, 0.5)` case runs a
 * constant-operand loop instead of building an index map.
 */
export const SCALAR_INDEX = new Int32Array(0);

/** How an operand maps onto the output: null (same shape), SCALAR_INDEX (one entry), or a broadcast index map. */
export function operandIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array | null {
  if (sameShape(inShape, outShape)) return null;
  if (inShape.every((d) => d === 1)) return SCALAR_INDEX;
  return broadcastIndex(inShape, outShape);
}

/** An explicit index map of length n for any operandIndex result. */
export function materialiseIndex(map: Int32Array | null, n: number): Int32Array {
  if (map === SCALAR_INDEX) return new Int32Array(n);
  if (map !== null) return map;
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  return identity;
}

/**
 * Sums a gradient of the broadcast shape back onto the input's shape. The sum runs over output entries in
 * row-major order, so the rounding is fixed.
 */
export function reduceToInput(grad: Float64Array, map: Int32Array | null, inSize: number): Float64Array {
  if (map === null) return grad;
  if (map === SCALAR_INDEX) {
    let total = 0;
    for (let i = 0; i < grad.length; i++) total += grad[i];
    return Float64Array.of(total);
  }
  const out = new Float64Array(inSize);
  for (let i = 0; i < grad.length; i++) out[map[i]] += grad[i];
  return out;
}
