import { arrayMean } from './arrayMean.js';

/**
 * The standard deviation of plain numbers around their mean: √(Σ (x − mean)² / (n − ddof)), with ddof 1 for the
 * sample (unbiased-variance) estimate over seeds and ddof 0 for the population value; every caller states which. No
 * values give NaN, like `arrayMean`; one value with ddof 1 gives 0 (a single seed reads "± 0").
 *
 * @example
 * standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], 0); // → 2
 * standardDeviation([1, 2, 3, 4], 1); // → 1.2909944487358056
 * standardDeviation([3], 1); // → 0
 * Number.isNaN(standardDeviation([], 1)); // → true
 * @category Statistics
 */
export function standardDeviation(values: ArrayLike<number>, ddof: 0 | 1): number {
  if (values.length === 0) return NaN;
  if (values.length <= ddof) return 0;
  const mean = arrayMean(values);
  let squares = 0;
  for (let k = 0; k < values.length; k++) {
    const deviation = values[k] - mean;
    squares += deviation * deviation;
  }
  return Math.sqrt(squares / (values.length - ddof));
}
