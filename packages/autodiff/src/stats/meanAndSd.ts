import { arrayMean } from './arrayMean.js';
import { standardDeviation } from './standardDeviation.js';

/**
 * A mean and a standard deviation, e.g. of one quantity over seeds.
 * @category Statistics
 */
export interface MeanSd {
  mean: number;
  sd: number;
}

/**
 * `arrayMean` and `standardDeviation` of the same values, as a sweep summarises one quantity over its seeds.
 *
 * @example
 * meanAndSd([1, 2, 3, 4], 1); // → { mean: 2.5, sd: 1.2909944487358056 }
 * meanAndSd([7], 1); // → { mean: 7, sd: 0 }
 * @category Statistics
 */
export function meanAndSd(values: ArrayLike<number>, ddof: 0 | 1): MeanSd {
  return { mean: arrayMean(values), sd: standardDeviation(values, ddof) };
}
