/**
 * The q-quantile (q in [0, 1]) of values already sorted ascending, by linear interpolation between the two nearest
 * ranks (numpy's default method); NaN for no values.
 *
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5); // → 2.5
 * quantileSorted(new Float64Array([0, 10]), 0.99); // → 9.9
 * quantileSorted([1, 2, 3, 4], 1); // → 4
 * @category Statistics
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}
