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

/**
 * TwoNN intrinsic dimension (Facco, d'Errico, Rodriguez & Laio 2017), as scikit-dimension's `TwoNN().fit`
 * computes it: μ_i = r₂/r₁ from each point's two nearest neighbours; keep the ⌊N(1 − f)⌋ smallest μ (sorted);
 * F_emp = (0, 1, …)/N; the slope of the least-squares line through the origin of −log(1 − F_emp) on log μ.
 *
 * Known bias: small and mostly negative for moderate dimensions; it grows for dimensions above ≈ 10 at N of a
 * few thousand, and duplicate points (r₁ = 0) make μ infinite, so they must be removed first.
 *
 * @example
 * // 300 points drawn uniformly from the unit square (seeded, so the estimate is the same on every run)
 * const points = { data: createStreams(1).data.uniform(600), shape: [300, 2] as const };
 * Math.round(twoNnDimension(points)); // → 2
 * @category Intrinsic dimension
 */
export function twoNnDimension(points: PointCloud, options: TwoNnOptions = {}): number {
  const discard = options.discardFraction ?? 0.1;
  if (!(discard >= 0 && discard < 1)) {
    throw new IntrinsicInputError(`discardFraction must be in [0, 1) (got ${discard})`);
  }
  checkPointCloud(points, 3);
  const n = points.shape[0];
  const distances = nearestDistances(points, 2);
  const ratios = new Float64Array(n);
  for (let i = 0; i < n; i++) ratios[i] = distances[2 * i + 1] / distances[2 * i];
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
  return sxy / sxx;
}
