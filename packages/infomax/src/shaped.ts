/**
 * Shaped views of flat coefficient trajectories: γ as (T+1)×m and ρ as (T+1)×m×n `ndarray`s with named axes, so a
 * researcher writes `run.h.rho.get(t, r, i)` instead of `rho[(t * m + r) * n + i]`.
 */
import ndarray from 'ndarray';
import type { CoefficientTrajectory, EncoderTrajectory, GammaTrajectory, RhoTrajectory } from './types.js';

function named<T>(view: ndarray.NdArray<Float64Array>, dims: readonly string[]): T {
  Object.defineProperty(view, 'dims', { value: Object.freeze([...dims]), enumerable: false });
  return view as unknown as T;
}

/**
 * Views (no copy) of a flat trajectory of width m and n samples: `gamma` with axes (t, r), `rho` with axes (t, r, i).
 * Throws a TypeError when the array lengths do not fit m and n.
 *
 * @example
 * import { shapeTrajectory } from '@mmcl/infomax/internal';
 * // two steps, m = 2 neurons, n = 1 sample
 * const h = shapeTrajectory({ gamma: new Float64Array([0, 0, 0.3, -0.5]), rho: new Float64Array([0, 0, 1, 2]) }, 2, 1);
 * h.gamma.get(1, 1); // → -0.5
 * h.rho.shape; // → [2, 2, 1]
 * @category Simulation
 */
export function shapeTrajectory(flat: CoefficientTrajectory, m: number, n: number): EncoderTrajectory {
  const points = flat.gamma.length / m;
  if (!Number.isInteger(points) || flat.rho.length !== points * m * n)
    throw new TypeError(`shapeTrajectory: gamma (${flat.gamma.length}) and rho (${flat.rho.length}) do not fit m = ${m}, n = ${n}`);
  return {
    gamma: named<GammaTrajectory>(ndarray(flat.gamma, [points, m]), ['t', 'r']),
    rho: named<RhoTrajectory>(ndarray(flat.rho, [points, m, n]), ['t', 'r', 'i']),
    ...(flat.a ? { a: flat.a } : {}),
  };
}

/**
 * The flat arrays behind a shaped trajectory (no copy): the inverse of {@link shapeTrajectory}.
 *
 * @example
 * import { flatTrajectory, shapeTrajectory } from '@mmcl/infomax/internal';
 * const gamma = new Float64Array([0, 0.3]);
 * flatTrajectory(shapeTrajectory({ gamma, rho: new Float64Array(2) }, 1, 1)).gamma === gamma; // → true
 * @category Simulation
 */
export function flatTrajectory(shaped: EncoderTrajectory): CoefficientTrajectory {
  return { gamma: wholeData(shaped.gamma, 'gamma'), rho: wholeData(shaped.rho, 'rho'), ...(shaped.a ? { a: shaped.a } : {}) };
}

/**
 * The array behind a view that covers all of it in row-major order. A slice (`run.h.rho.hi(10)`) or a transposed
 * view shares its parent's `.data`, so reading `.data` would silently use the whole, unpermuted array.
 */
function wholeData(view: ndarray.NdArray<Float64Array>, name: string): Float64Array {
  let expected = 1;
  let rowMajor = view.offset === 0;
  for (let axis = view.shape.length - 1; axis >= 0; axis--) {
    rowMajor &&= view.stride[axis] === expected;
    expected *= view.shape[axis];
  }
  if (!rowMajor || expected !== view.data.length)
    throw new TypeError(`flatTrajectory: ${name} is a slice or a permuted view of its array; pass the whole trajectory (run.h or run.g)`);
  return view.data;
}
