/**
 * The median of plain numbers: the middle value after sorting a copy, or the average (a + b) / 2 of the middle two
 * for an even count; NaN for no values. (`quantileSorted(sorted, 0.5)` interpolates as a + (b − a) / 2 instead, which
 * can differ in the last bit.)
 *
 * @example
 * median([5, 1, 3]); // → 3
 * median([4, 1, 3, 2]); // → 2.5
 * Number.isNaN(median([])); // → true
 * @category Statistics
 */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort(); // numeric order, NaN last, −0 before +0
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
