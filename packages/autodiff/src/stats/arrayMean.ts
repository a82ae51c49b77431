/**
 * The arithmetic mean of plain numbers (the Tensor op is `mean`), summed left to right from 0, so the same values give
 * the same bits; NaN for no values.
 *
 * @example
 * arrayMean([1, 2, 3, 4]); // → 2.5
 * arrayMean(new Float64Array([0.5, 1.5])); // → 1
 * Number.isNaN(arrayMean([])); // → true
 * @category Statistics
 */
export function arrayMean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum / values.length;
}
