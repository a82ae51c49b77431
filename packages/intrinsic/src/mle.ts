import { arrayMean, median } from '@mmcl/autodiff';
import { IntrinsicInputError, requireInteger } from './errors.js';
import { nearestDistances } from './neighbours.js';
import { checkPointCloud, type PointCloud } from './points.js';

/**
 * How the pointwise Levina–Bickel estimates are combined into one number.
 * @category Intrinsic dimension
 */
export type MleCombination = 'mean' | 'harmonic' | 'median';

/**
 * Options of mleDimension: neighbours k and how the pointwise estimates combine.
 * @category Intrinsic dimension
 */
export interface MleOptions {
  /** Number of neighbours (point itself excluded). Default 20, scikit-dimension's default. */
  k?: number;
  /**
   * 'mean' (default) is what scikit-dimension's MLE().fit_transform returns; 'harmonic' is its fit() default
   * ("mle" combination, 1 / mean(1/m̂_i), the Mackay–Ghahramani correction); 'median' is the third option.
   */
  combine?: MleCombination;
  /** Use k − 2 instead of k − 1 in the numerator (scikit-dimension's unbiased=True). Default false. */
  unbiased?: boolean;
}

/**
 * The MLE intrinsic dimension, with its pointwise estimates.
 * @category Intrinsic dimension
 */
export interface MleResult {
  /** The combined estimate. */
  dimension: number;
  /** The pointwise estimates m̂_i, one per row. */
  pointwise: Float64Array;
  /** The number of neighbours actually used (k, or n − 1 if k ≥ n). */
  k: number;
  /** Points with a neighbour at distance 0 (a duplicate row): m̂_i = 0, or NaN if all k neighbours are copies. */
  zeroDistancePoints: number;
  /** Points whose two nearest neighbours are equidistant (R_{i,1} = R_{i,2} > 0), as on a lattice or rounded data. */
  tiedPoints: number;
  /** Points whose k neighbours are all equidistant (R_{i,1} = R_{i,k} > 0): Σ log = 0, so m̂_i = +∞. */
  equidistantPoints: number;
}

/**
 * Levina–Bickel maximum-likelihood intrinsic dimension, exactly as scikit-dimension's `MLE().fit_transform(X)`
 * computes it (spec §6.5): m̂_i = (k − 1) / Σ_{j=1..k} log(R_{i,k} / R_{i,j}) from the k nearest neighbours of
 * each point, then the arithmetic mean of the m̂_i.
 *
 * Known bias (N = 2000, k = 20, spec §8.4): slightly over-estimates small dimensions (≈ 5.1–5.4 for a 5-dimensional
 * set) and under-estimates large ones (≈ 9.5 for 10, ≈ 16 for 20), because neighbourhoods of 20 points in high
 * dimension are not small enough for the local-Poisson model.
 *
 * Edge cases follow IEEE semantics, as numpy does: a zero neighbour distance (duplicate points) makes
 * log(R_k / 0) = +∞ and so m̂_i = 0; if all k neighbours are at distance 0 the pointwise value is NaN. For
 * D = 1 scikit-dimension refuses to run (it needs ≥ 2 features); this function runs anyway, and the sweep reports
 * ID = 1 for d = 1 as the paper does. The result counts the points where these cases (and lattice ties) occur.
 *
 * @example
 * // 300 points drawn uniformly from the unit square (seeded, so the estimate is the same on every run)
 * const points = { data: createStreams(1).data.uniform(600), shape: [300, 2] as const };
 * Math.round(mleDimension(points).dimension); // → 2
 * @category Intrinsic dimension
 */
export function mleDimension(points: PointCloud, options: MleOptions = {}): MleResult {
  const requested = options.k ?? 20;
  requireInteger('k', requested, 2);
  checkPointCloud(points, 3);
  const n = points.shape[0];
  // As scikit-dimension (and spec §6.5): k ≥ n is lowered to n − 1.
  const k = requested >= n ? n - 1 : requested;
  const distances = nearestDistances(points, k);
  const pointwise = new Float64Array(n);
  const numerator = options.unbiased ? k - 2 : k - 1;
  let zeroDistancePoints = 0;
  let tiedPoints = 0;
  let equidistantPoints = 0;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    const farthest = distances[base + k - 1];
    if (distances[base] === 0) zeroDistancePoints++;
    else if (distances[base] === farthest) equidistantPoints++;
    if (distances[base] > 0 && distances[base] === distances[base + 1]) tiedPoints++;
    let sumLogs = 0;
    for (let j = 0; j < k; j++) sumLogs += Math.log(farthest / distances[base + j]);
    pointwise[i] = numerator / sumLogs;
  }
  return { dimension: combine(pointwise, options.combine ?? 'mean'), pointwise, k, zeroDistancePoints, tiedPoints, equidistantPoints };
}

function combine(values: Float64Array, how: MleCombination): number {
  const n = values.length;
  if (how === 'mean') return arrayMean(values);
  if (how === 'harmonic') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += 1 / values[i];
    return 1 / (sum / n);
  }
  if (how === 'median') return median(values);
  throw new IntrinsicInputError(`combine must be 'mean', 'harmonic' or 'median' (got '${String(how)}')`);
}
