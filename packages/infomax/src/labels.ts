/**
 * Shortcuts for signal-patch activations. The signal patch of sample i is y_i µ (or y_i µ~), so its activation
 * σ(⟨w_r, y_i µ⟩) depends on i only through the label y_i: an m×n signal-activation matrix has just two distinct
 * columns. Products with it then cost O(m + n²) instead of an O(m n²) gemm. And hard negatives always have the
 * opposite label, so only cross-class pairs are ever needed: half the gemm work. Internal to the package.
 */
import { matmul, scratch } from './linalg.js';

// Temporaries of one call each (gathered columns, half-size products, class sums): reused across steps.
const gatheredA = scratch();
const gatheredB = scratch();
const halfProduct = scratch();
const halfProductOther = scratch();
const classSums = scratch();

/** The first index of each class (+1, −1), or −1 when the class is empty. */
function representatives(labels: Float64Array): [number, number] {
  return [labels.indexOf(1), labels.indexOf(-1)];
}

function column(a: Float64Array, n: number, m: number, i: number, r: number): number {
  return i < 0 ? 0 : a[r * n + i];
}

/** (Aᵀ B)_{ij} = Σ_r A_{r,i} B_{r,j} for label-determined A, B (m×n), as an n×n matrix (into `out` when given). */
export function signalPairs(A: Float64Array, B: Float64Array, labels: Float64Array, out: Float64Array = new Float64Array(labels.length ** 2)): Float64Array {
  const n = labels.length;
  const m = A.length / n;
  const reps = representatives(labels);
  const table = [0, 0, 0, 0]; // [class of i][class of j], class 0 = +1, 1 = −1
  for (let a = 0; a < 2; a++)
    for (let b = 0; b < 2; b++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += column(A, n, m, reps[a], r) * column(B, n, m, reps[b], r);
      table[2 * a + b] = s;
    }
  for (let i = 0; i < n; i++) {
    const a = labels[i] > 0 ? 0 : 1;
    for (let j = 0; j < n; j++) out[i * n + j] = table[2 * a + (labels[j] > 0 ? 0 : 1)];
  }
  return out;
}

/** (B Lᵀ)_{r,i} = Σ_j B_{r,j} L_{i,j} for label-determined B (m×n) and any L (n×n), as an m×n matrix (into `out`). */
export function signalTimesMatrix(B: Float64Array, L: Float64Array, labels: Float64Array, out: Float64Array = new Float64Array(B.length)): Float64Array {
  const n = labels.length;
  const m = B.length / n;
  const reps = representatives(labels);
  const sums = classSums(2 * n).fill(0);
  const plus = sums.subarray(0, n);
  const minus = sums.subarray(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (labels[j] > 0) plus[i] += L[i * n + j];
      else minus[i] += L[i * n + j];
    }
  }
  for (let r = 0; r < m; r++) {
    const bPlus = column(B, n, m, reps[0], r);
    const bMinus = column(B, n, m, reps[1], r);
    for (let i = 0; i < n; i++) out[r * n + i] = bPlus * plus[i] + bMinus * minus[i];
  }
  return out;
}

type Classes = { plus: Int32Array; minus: Int32Array; position: Int32Array };
const classCache = new WeakMap<Float64Array, Classes>();

/**
 * The samples of each class and each sample's position within its class; cached per labels array (the same y
 * every step) and checked against the labels in O(n), so labels changed in place are recomputed, never stale.
 */
function classes(labels: Float64Array): Classes {
  const cached = classCache.get(labels);
  if (cached && cached.position.length === labels.length && sameClasses(cached, labels)) return cached;
  const fresh = computeClasses(labels);
  classCache.set(labels, fresh);
  return fresh;
}

function sameClasses({ plus, minus, position }: Classes, labels: Float64Array): boolean {
  for (let i = 0; i < labels.length; i++) {
    const own = labels[i] > 0 ? plus : minus;
    if (own[position[i]] !== i) return false;
  }
  return plus.length + minus.length === labels.length;
}

function computeClasses(labels: Float64Array): Classes {
  const plus: number[] = [];
  const minus: number[] = [];
  const position = new Int32Array(labels.length);
  labels.forEach((y, i) => {
    position[i] = y > 0 ? plus.length : minus.length;
    (y > 0 ? plus : minus).push(i);
  });
  return { plus: Int32Array.from(plus), minus: Int32Array.from(minus), position };
}

/** Columns `cols` of an m×n matrix, as an m×cols.length matrix (into `out`). */
function gatherColumns(A: Float64Array, n: number, cols: Int32Array, out: Float64Array): Float64Array {
  const m = A.length / n;
  const k = cols.length;
  for (let r = 0; r < m; r++) for (let c = 0; c < k; c++) out[r * k + c] = A[r * n + cols[c]];
  return out;
}

/**
 * (Aᵀ B)_{ij} for the cross-class pairs y_i ≠ y_j only (same-class entries 0), for any A, B (m×n): hard negatives
 * always have the opposite label, so only these entries are ever read. Two half-size gemms instead of one full one.
 */
export function crossClassPairs(A: Float64Array, B: Float64Array, labels: Float64Array, out: Float64Array = new Float64Array(labels.length ** 2)): Float64Array {
  const n = labels.length;
  const m = A.length / n;
  const { plus, minus, position } = classes(labels);
  const [p, q] = [plus.length, minus.length];
  const plusMinus = matmul(gatherColumns(A, n, plus, gatheredA(m * p)), gatherColumns(B, n, minus, gatheredB(m * q)), p, m, q, true, false, halfProduct(p * q));
  const minusPlus = matmul(gatherColumns(A, n, minus, gatheredA(m * q)), gatherColumns(B, n, plus, gatheredB(m * p)), q, m, p, true, false, halfProductOther(q * p));
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const own = position[i];
    const [block, width, others] = labels[i] > 0 ? [plusMinus, minus.length, minus] : [minusPlus, plus.length, plus];
    for (let c = 0; c < width; c++) out[i * n + others[c]] = block[own * width + c];
  }
  return out;
}

/**
 * (B Lᵀ)_{r,i} = Σ_j B_{r,j} L_{i,j} for any B (m×n) and an L (n×n) that is zero on same-class pairs (softmax
 * weights of hard negatives). Two half-size gemms instead of one full one.
 */
export function crossClassTimes(B: Float64Array, L: Float64Array, labels: Float64Array, out: Float64Array = new Float64Array(B.length)): Float64Array {
  const n = labels.length;
  const m = B.length / n;
  const { plus, minus } = classes(labels);
  out.fill(0);
  for (const [rows, cols] of [[plus, minus], [minus, plus]] as const) {
    // L restricted to anchors `rows` × negatives `cols`, then B[:, cols] · that block ᵀ: m×rows.length.
    const block = gatheredA(rows.length * cols.length);
    for (let a = 0; a < rows.length; a++) for (let c = 0; c < cols.length; c++) block[a * cols.length + c] = L[rows[a] * n + cols[c]];
    const part = matmul(gatherColumns(B, n, cols, gatheredB(m * cols.length)), block, m, cols.length, rows.length, false, true, halfProduct(m * rows.length));
    for (let r = 0; r < m; r++) for (let a = 0; a < rows.length; a++) out[r * n + rows[a]] = part[r * rows.length + a];
  }
  return out;
}
