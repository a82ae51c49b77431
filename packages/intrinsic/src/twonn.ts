import { IntrinsicInputError } from './errors.js';
import { nearestDistances } from './neighbours.js';
import { checkPointCloud, type PointCloud } from './points.js';

/**
 * Options of twoNnDimension.
 * @category Intrinsic dimension
 */
export interface TwoNnOptions {
  /** Fraction of the largest ratios μ = r₂/r₁ discarded before the fit (Facco et al.'s heuristic). Default 0.1. */
  discardFraction?: number;
}

export interface TwoNnResult {
  /** The slope of the fit: NaN or ±∞ when the estimate is undefined (see the counts below). */
  dimension: number;
  /** Points whose nearest neighbour is at distance 0 (a duplicate row): μ = r₂/0 is infinite or NaN. */
  zeroDistancePoints: number;
  /** Points with r₁ = r₂ > 0 (lattice or rounded data): μ = 1, which TwoNN's continuous Pareto model excludes. */
  tiedPoints: number;
}

/**
 * TwoNN intrinsic dimension (Facco, d'Errico, Rodriguez & Laio 2017), as scikit-dimension's `TwoNN().fit`
 * computes it: μ_i = r₂/r₁ from each point's two nearest neighbours; keep the ⌊N(1 − f)⌋ smallest μ (sorted);
 * F_emp = (0, 1, …)/N; the slope of the least-squares line through the origin of −log(1 − F_emp) on log μ.
 *
 * Known bias: small and mostly negative for moderate dimensions; it grows for dimensions above ≈ 10 at N of a
 * few thousand, and duplicate points (r₁ = 0) make μ infinite, so they must be removed first (uniqueRows);
 * {@link twoNnEstimate} counts them and the lattice ties r₁ = r₂.
 *
 * @example
 * // 300 points drawn uniformly from the unit square (seeded, so the estimate is the same on every run)
 * const points = { data: createStreams(1).data.uniform(600), shape: [300, 2] as const };
 * Math.round(twoNnDimension(points)); // → 2
 * @category Intrinsic dimension
 */
export function twoNnDimension(points: PointCloud, options: TwoNnOptions = {}): number {
  return twoNnEstimate(points, options).dimension;
}

/**
 * TwoNN as {@link twoNnDimension}, with the counts that say whether the number means anything: points with a
 * duplicate (r₁ = 0) and points with tied neighbours (r₁ = r₂ > 0).
 *
 * @example
 * const grid = { data: new Float64Array([0, 0, 0, 1, 1, 0, 1, 1, 2, 2]), shape: [5, 2] as const };
 * twoNnEstimate(grid).tiedPoints; // 4 (the corners of the unit square)
 */
export function twoNnEstimate(points: PointCloud, options: TwoNnOptions = {}): TwoNnResult {
  const discard = options.discardFraction ?? 0.1;
  if (!(discard >= 0 && discard < 1)) {
    throw new IntrinsicInputError(`discardFraction must be in [0, 1) (got ${discard})`);
  }
  checkPointCloud(points, 3);
  const n = points.shape[0];
  const distances = nearestDistances(points, 2);
  const ratios = new Float64Array(n);
  let zeroDistancePoints = 0;
  let tiedPoints = 0;
  for (let i = 0; i < n; i++) {
    const [r1, r2] = [distances[2 * i], distances[2 * i + 1]];
    if (r1 === 0) zeroDistancePoints++;
    else if (r1 === r2) tiedPoints++;
    ratios[i] = r2 / r1;
  }
  ratios.sort();
  const kept = Math.floor(n * (1 - discard));
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < kept; i++) {
    const x = Math.log(ratios[i]);
    const y = -Math.log(1 - i / n);
    sxy += x * y;
    sxx += x * x;
  }
  return { dimension: sxy / sxx, zeroDistancePoints, tiedPoints };
}
