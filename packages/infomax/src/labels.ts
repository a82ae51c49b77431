/**
 * Shortcuts for signal-patch activations. The signal patch of sample i is y_i µ (or y_i µ~), so its activation
 * σ(⟨w_r, y_i µ⟩) depends on i only through the label y_i: an m×n signal-activation matrix has just two distinct
 * columns. Products with it then cost O(m + n²) instead of an O(m n²) gemm. Internal to the package.
 */

/** The first index of each class (+1, −1), or −1 when the class is empty. */
function representatives(labels: Float64Array): [number, number] {
  return [labels.indexOf(1), labels.indexOf(-1)];
}

function column(a: Float64Array, n: number, m: number, i: number, r: number): number {
  return i < 0 ? 0 : a[r * n + i];
}

/** (Aᵀ B)_{ij} = Σ_r A_{r,i} B_{r,j} for label-determined A, B (m×n), as an n×n matrix. */
export function signalPairs(A: Float64Array, B: Float64Array, labels: Float64Array): Float64Array {
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
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = labels[i] > 0 ? 0 : 1;
    for (let j = 0; j < n; j++) out[i * n + j] = table[2 * a + (labels[j] > 0 ? 0 : 1)];
  }
  return out;
}

/** (B Lᵀ)_{r,i} = Σ_j B_{r,j} L_{i,j} for label-determined B (m×n) and any L (n×n), as an m×n matrix. */
export function signalTimesMatrix(B: Float64Array, L: Float64Array, labels: Float64Array): Float64Array {
  const n = labels.length;
  const m = B.length / n;
  const reps = representatives(labels);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (labels[j] > 0) plus[i] += L[i * n + j];
      else minus[i] += L[i * n + j];
    }
  }
  const out = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    const bPlus = column(B, n, m, reps[0], r);
    const bMinus = column(B, n, m, reps[1], r);
    for (let i = 0; i < n; i++) out[r * n + i] = bPlus * plus[i] + bMinus * minus[i];
  }
  return out;
}
