import { IntrinsicInputError, requireInteger } from './errors.js';
import { mleDimension, type MleCombination } from './mle.js';
import { checkPointCloud, type PointCloud } from './points.js';
import { twoNnEstimate } from './twonn.js';
import { uniqueRows } from './uniqueRows.js';

export type DimensionEstimator = 'mle' | 'twonn';

export interface EstimateDimensionOptions {
  /** 'mle' (Levina–Bickel as scikit-dimension's MLE().fit_transform, the default) or 'twonn'. */
  estimator?: DimensionEstimator;
  /** MLE neighbours, the point itself excluded. Default 20. The cloud must have at least k + 1 rows (no silent lowering). */
  k?: number;
  /** MLE only: how pointwise estimates are combined. Default 'mean'. */
  combine?: MleCombination;
  /** TwoNN only: fraction of the largest ratios discarded. Default 0.1. */
  discardFraction?: number;
  /** Drop exact duplicate rows before estimating. Default false (they are counted, and the estimate without them reported). */
  dedupe?: boolean;
}

/** Why an estimate does not exist for a point cloud. */
export type UndefinedReason = 'constant' | 'duplicates' | 'ties' | 'too-few';

/** The estimate is undefined for this point cloud; `reason` tells a caller which remedy to offer. */
export class UndefinedDimensionError extends IntrinsicInputError {
  constructor(
    readonly reason: UndefinedReason,
    /** What is wrong, without a remedy (the caller adds one in its own terms). */
    readonly problem: string,
    remedy: string,
    /** Rows of the input that repeat an earlier row. */
    readonly duplicateRows = 0,
  ) {
    super(`${problem}; ${remedy}`);
  }
}

export interface DimensionReport {
  /** The estimate: always finite (an undefined one throws UndefinedDimensionError). */
  dimension: number;
  /** Rows the estimate used (n, or the distinct rows with dedupe). */
  rows: number;
  /** Rows of the input that repeat an earlier row exactly. */
  duplicateRows: number;
  /** Rows dropped by dedupe (0 without it). */
  dropped: number;
  /** With duplicates kept: the estimate on the distinct rows (NaN/∞ if undefined there). Absent without duplicates. */
  withoutDuplicates?: number;
  /** Points with a neighbour at distance 0 among the rows used. */
  zeroDistancePoints: number;
  /** Points whose two nearest neighbours are equidistant (r₁ = r₂ > 0): lattice or rounded data. */
  tiedPoints: number;
  /** MLE: points whose k neighbours are all equidistant (pointwise estimate +∞). 0 for TwoNN. */
  equidistantPoints: number;
}

/**
 * The intrinsic dimension of a point cloud that never returns a silently wrong number: it counts duplicate rows and
 * lattice ties, throws UndefinedDimensionError when the estimate is undefined (constant data, duplicates that make
 * a distance 0 where the estimator divides by it, ties that make every ratio 1, too few distinct points), and
 * otherwise reports the counts, plus the estimate without the duplicates when they were kept, so that a caller can
 * say whether they changed the result.
 *
 * @example
 * const data = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i * 1.7) * (i % 7));
 * const report = estimateDimension({ data, shape: [200, 2] }, { estimator: 'twonn' });
 * report.duplicateRows; // 0
 */
export function estimateDimension(points: PointCloud, options: EstimateDimensionOptions = {}): DimensionReport {
  const estimator = options.estimator ?? 'mle';
  const k = options.k ?? 20;
  if (estimator === 'mle') requireInteger('k', k, 2);
  checkPointCloud(points, 1);
  const n = points.shape[0];
  const minRows = estimator === 'mle' ? k + 1 : 3;
  const needs = `fewer than ${minRows}${estimator === 'mle' ? ' (k + 1)' : ''}`;
  if (n < minRows) throw new UndefinedDimensionError('too-few', `${n} points, ${needs}`, 'add points or lower k');
  const unique = uniqueRows(points);
  if (unique.points.shape[0] === 1) {
    throw new UndefinedDimensionError('constant', `all ${n} rows are the same point (constant data), which has no intrinsic dimension`, 'check that the array is the one meant');
  }
  const used = options.dedupe ? unique.points : points;
  if (used.shape[0] < minRows) {
    throw new UndefinedDimensionError('too-few', `${used.shape[0]} distinct points after dropping ${unique.duplicates} duplicate rows, ${needs}`, `lower k to at most ${used.shape[0] - 1} or add points`);
  }
  const run = (cloud: PointCloud) =>
    estimator === 'mle'
      ? mleDimension(cloud, { k, combine: options.combine ?? 'mean' })
      : { ...twoNnEstimate(cloud, { discardFraction: options.discardFraction }), equidistantPoints: 0 };
  const result = run(used);
  const name = estimator === 'mle' ? 'the MLE' : 'TwoNN';
  // TwoNN divides by r₁: a duplicate makes its μ infinite even when the fit happens to discard it.
  if (result.zeroDistancePoints > 0 && (estimator === 'twonn' || !Number.isFinite(result.dimension))) {
    throw new UndefinedDimensionError(
      'duplicates',
      `${name} is undefined: ${unique.duplicates} duplicate rows put ${result.zeroDistancePoints} points at distance 0 from a neighbour`,
      'drop the duplicate rows (dedupe)',
      unique.duplicates,
    );
  }
  if (!Number.isFinite(result.dimension)) {
    const problem = estimator === 'mle'
      ? `the MLE is undefined: ${result.equidistantPoints} points have all ${k} nearest neighbours at the same distance (lattice ties), so their pointwise estimate is +∞`
      : `TwoNN is undefined: ${result.tiedPoints} points have r1 = r2 (lattice ties), so every kept ratio μ = r2/r1 is 1`;
    throw new UndefinedDimensionError('ties', problem, estimator === 'mle' ? 'raise k past the tied neighbours' : 'use the MLE');
  }
  const report: DimensionReport = {
    dimension: result.dimension,
    rows: used.shape[0],
    duplicateRows: unique.duplicates,
    dropped: options.dedupe ? unique.duplicates : 0,
    zeroDistancePoints: result.zeroDistancePoints,
    tiedPoints: result.tiedPoints,
    equidistantPoints: result.equidistantPoints,
  };
  if (!options.dedupe && unique.duplicates > 0) {
    report.withoutDuplicates = unique.points.shape[0] >= minRows ? run(unique.points).dimension : Number.NaN;
  }
  return report;
}
