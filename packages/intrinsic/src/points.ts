import { IntrinsicInputError } from './errors.js';

/**
 * A point cloud: n rows of D float64 coordinates, row-major.
 * @category Intrinsic dimension
 */
export interface PointCloud {
  readonly data: Float64Array;
  /** [n, D] */
  readonly shape: readonly [number, number];
}

/**
 * Checks that a point cloud is usable by the neighbour-based estimators: 2-D, finite, and with more than
 * `minRows - 1` rows. Errors name the field and the fix.
 */
export function checkPointCloud(points: PointCloud, minRows: number, what = 'points'): void {
  const { data, shape } = points;
  if (shape.length !== 2) {
    throw new IntrinsicInputError(`${what} must be a 2-D n×D array (got ${shape.length} dimensions)`);
  }
  const [n, dims] = shape;
  if (data.length !== n * dims) {
    throw new IntrinsicInputError(`${what}: data length ${data.length} does not match shape [${n}, ${dims}]`);
  }
  if (dims < 1) throw new IntrinsicInputError(`${what} must have at least one column (got D = ${dims})`);
  if (n < minRows) {
    throw new IntrinsicInputError(`${what} has ${n} rows; this estimator needs at least ${minRows} (lower k or add points)`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / dims);
      throw new IntrinsicInputError(`${what}: row ${row}, column ${i - row * dims} is ${data[i]}; remove or impute non-finite values`);
    }
  }
}
