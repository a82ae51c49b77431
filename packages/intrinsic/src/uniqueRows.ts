import type { PointCloud } from './points.js';

export interface UniqueRows {
  /** The rows in their original order with every repeat of an earlier row removed. */
  points: PointCloud;
  /** How many rows were repeats of an earlier row (n − distinct rows). */
  duplicates: number;
}

/**
 * Drops exact duplicate rows (rows equal coordinate by coordinate to an earlier row; −0 equals 0), keeping the first
 * occurrence of each and the original order. Duplicates are what make neighbour distances 0, which the TwoNN and
 * MLE estimators cannot digest (μ = r₂/0, log(R_k/0)). Cost O(n·D) with a hash of each row's bytes.
 *
 * @example
 * const { points, duplicates } = uniqueRows({ data: new Float64Array([0, 1, 2, 3, 0, 1]), shape: [3, 2] });
 * duplicates; // 1
 * points.shape; // [2, 2]
 */
export function uniqueRows(points: PointCloud): UniqueRows {
  const [n, dims] = points.shape;
  const row = new Float64Array(dims);
  const rowBytes = new Uint8Array(row.buffer);
  const seen = new Set<string>();
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    // + 0 turns −0 into 0, so rows at distance 0 always share a key.
    for (let c = 0; c < dims; c++) row[c] = points.data[i * dims + c] + 0;
    const key = Buffer.from(rowBytes).toString('latin1');
    if (seen.has(key)) continue;
    seen.add(key);
    keep.push(i);
  }
  if (keep.length === n) return { points, duplicates: 0 };
  const data = new Float64Array(keep.length * dims);
  keep.forEach((source, target) => data.set(points.data.subarray(source * dims, (source + 1) * dims), target * dims));
  return { points: { data, shape: [keep.length, dims] }, duplicates: n - keep.length };
}
