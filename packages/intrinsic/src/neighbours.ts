import type { PointCloud } from './points.js';

/**
 * Exact k-nearest-neighbour distances by brute force, the point itself excluded.
 *
 * Returns an n×k row-major array of Euclidean distances, each row sorted ascending. Squared distances are summed
 * coordinate by coordinate in index order, and d(i, j) is computed once and used for both i and j, so the result
 * is bit-identical on every run. Ties: only distances are returned, so which of several equidistant neighbours is
 * kept cannot change the output; duplicate points give distance 0 (the estimators document what that means).
 * Cost O(n² D); meant for n up to a few thousand.
 */
export function nearestDistances(points: PointCloud, k: number): Float64Array {
  const [n, dims] = points.shape;
  const x = points.data;
  // Each row keeps its k smallest squared distances sorted ascending (insertion into a short sorted list).
  const best = new Float64Array(n * k).fill(Infinity);
  const insert = (row: number, value: number): void => {
    const base = row * k;
    if (value >= best[base + k - 1]) return;
    let slot = base + k - 1;
    while (slot > base && best[slot - 1] > value) {
      best[slot] = best[slot - 1];
      slot--;
    }
    best[slot] = value;
  };
  for (let i = 0; i < n; i++) {
    const rowI = i * dims;
    for (let j = i + 1; j < n; j++) {
      const rowJ = j * dims;
      let squared = 0;
      for (let c = 0; c < dims; c++) {
        const diff = x[rowI + c] - x[rowJ + c];
        squared += diff * diff;
      }
      insert(i, squared);
      insert(j, squared);
    }
  }
  for (let i = 0; i < best.length; i++) best[i] = Math.sqrt(best[i]);
  return best;
}
