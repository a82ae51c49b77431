import ndarray from 'ndarray';
import ndarrayOps from 'ndarray-ops';
import { AutodiffError, ShapeError, formatShape } from './errors.js';

/**
 * A nested array of numbers of any depth (a number is depth 0).
 * @category Tensors
 */
export type NestedNumbers = number | NestedNumbers[];

/**
 * An immutable-by-convention float64 array: row-major `data` with a `shape`.
 *
 * `tapeId` and `slot` are internal: they tie a tensor to the tape that recorded it (see tape.ts); tensors made
 * outside `grad` are plain constants.
 *
 * @example
 * const t = new Tensor(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * // the entry in row 1, column 2
 * t.data[1 * 3 + 2]; // → 6
 * @category Tensors
 */
export class Tensor {
  readonly data: Float64Array;
  readonly shape: readonly number[];
  readonly size: number;
  /** @internal Id of the tape this tensor was recorded on (0: none). */
  tapeId = 0;
  /** @internal Slot of this tensor on that tape. */
  slot = -1;

  constructor(data: Float64Array, shape: readonly number[]) {
    const size = shapeSize(shape);
    if (data.length !== size) {
      throw new ShapeError(`tensor: data has ${data.length} entries but shape ${formatShape(shape)} needs ${size}`);
    }
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.size = size;
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** The value of a tensor with exactly one entry. */
  item(): number {
    if (this.size !== 1) throw new ShapeError(`item: tensor of shape ${formatShape(this.shape)} is not a scalar`);
    return this.data[0];
  }

  toString(): string {
    return `Tensor(${formatShape(this.shape)})`;
  }
}

/** Product of the dimensions; validates that each is a non-negative integer. */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(`shape ${formatShape(shape)}: every dimension must be a non-negative integer`);
    }
    size *= dim;
  }
  return size;
}

function inferNestedShape(values: NestedNumbers): number[] {
  const shape: number[] = [];
  let level: NestedNumbers = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flattenNested(values: NestedNumbers, shape: readonly number[], depth: number, out: Float64Array, at: number): number {
  if (depth === shape.length) {
    if (typeof values !== 'number') throw new ShapeError(`tensor: nested array is ragged (expected a number at depth ${depth})`);
    out[at] = values;
    return at + 1;
  }
  if (!Array.isArray(values) || values.length !== shape[depth]) {
    throw new ShapeError(`tensor: nested array is ragged at depth ${depth} (expected length ${shape[depth]})`);
  }
  for (const v of values) at = flattenNested(v, shape, depth + 1, out, at);
  return at;
}

/**
 * Makes a tensor from a Float64Array (used as-is, no copy), a flat number array, or a nested array.
 * Without `shape`, a flat input becomes a vector and a nested input keeps its nesting.
 *
 * @example
 * const a = tensor([[1, 2, 3], [4, 5, 6]]);          // shape [2, 3]
 * const b = tensor(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * @category Tensors
 */
export function tensor(values: Float64Array | NestedNumbers, shape?: readonly number[]): Tensor {
  if (values instanceof Float64Array) return new Tensor(values, shape ?? [values.length]);
  if (typeof values === 'number') return new Tensor(Float64Array.of(values), shape ?? []);
  if (!Array.isArray(values)) throw new AutodiffError('tensor: values must be a Float64Array, a number or a nested number array');
  const nestedShape = inferNestedShape(values);
  const data = new Float64Array(shapeSize(nestedShape));
  flattenNested(values, nestedShape, 0, data, 0);
  return new Tensor(data, shape ?? nestedShape);
}

/**
 * A rank-0 tensor holding one number.
 *
 * @example
 * scalar(2.5).item(); // → 2.5
 * @category Tensors
 */
export function scalar(x: number): Tensor {
  return new Tensor(Float64Array.of(x), []);
}

/**
 * A tensor of zeros.
 *
 * @example
 * zeros([2, 3]).data; // → Float64Array(6) [0, 0, 0, 0, 0, 0]
 * @category Tensors
 */
export function zeros(shape: readonly number[]): Tensor {
  return new Tensor(new Float64Array(shapeSize(shape)), shape);
}

/**
 * A tensor of ones.
 *
 * @example
 * ones([2]).data; // → Float64Array(2) [1, 1]
 * @category Tensors
 */
export function ones(shape: readonly number[]): Tensor {
  return new Tensor(new Float64Array(shapeSize(shape)).fill(1), shape);
}

/**
 * A tensor of one value.
 *
 * @example
 * full([2, 2], 0.5).data; // → Float64Array(4) [0.5, 0.5, 0.5, 0.5]
 * @category Tensors
 */
export function full(shape: readonly number[], value: number): Tensor {
  return new Tensor(new Float64Array(shapeSize(shape)).fill(value), shape);
}

/**
 * The tensor's values as a nested number array (a number for rank 0).
 *
 * @example
 * toNested(tensor([[1, 2], [3, 4]])); // → [[1, 2], [3, 4]]
 * @category Tensors
 */
export function toNested(t: Tensor): NestedNumbers {
  const build = (depth: number, offset: number): NestedNumbers => {
    if (depth === t.shape.length) return t.data[offset];
    let stride = 1;
    for (let k = depth + 1; k < t.shape.length; k++) stride *= t.shape[k];
    const out: NestedNumbers[] = [];
    for (let i = 0; i < t.shape[depth]; i++) out.push(build(depth + 1, offset + i * stride));
    return out;
  };
  return build(0, 0);
}

/**
 * Wraps a C-ordered, offset-0, float64 ndarray as a tensor without copying. Other layouts (views with strides,
 * transposes) are rejected: use {@link copyFromNdarray} for those.
 *
 * @example
 * import ndarray from 'ndarray';
 * const t = fromNdarray(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2])); // shares the buffer
 * @category Tensors
 */
export function fromNdarray(nd: ndarray.NdArray): Tensor {
  if (!(nd.data instanceof Float64Array)) throw new AutodiffError('fromNdarray: data must be a Float64Array (dtype float64)');
  let expected = 1;
  for (let k = nd.shape.length - 1; k >= 0; k--) {
    if (nd.shape[k] > 1 && nd.stride[k] !== expected) {
      throw new AutodiffError('fromNdarray: only C-ordered contiguous ndarrays can be shared; use copyFromNdarray for strided views');
    }
    expected *= nd.shape[k];
  }
  if (nd.offset !== 0 || nd.data.length !== expected) {
    const view = nd.data.subarray(nd.offset, nd.offset + expected);
    return new Tensor(view, nd.shape);
  }
  return new Tensor(nd.data, nd.shape);
}

/**
 * Copies any float64-valued ndarray (strided views and transposes included) into a new C-ordered tensor.
 * The copy is ndarray-ops `assign`, which walks the source in its own stride order; the values are copied
 * exactly, so the result does not depend on the source layout.
 *
 * @example
 * import ndarray from 'ndarray';
 * const transposed = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]).transpose(1, 0); // 3×2 view
 * copyFromNdarray(transposed).data; // → Float64Array [1, 4, 2, 5, 3, 6]
 * @category Tensors
 */
export function copyFromNdarray(nd: ndarray.NdArray): Tensor {
  const out = new Float64Array(nd.size);
  ndarrayOps.assign(ndarray(out, nd.shape.slice()), nd);
  return new Tensor(out, nd.shape);
}

/**
 * A C-ordered ndarray view of the tensor's data (no copy: writes show through).
 *
 * @example
 * const nd = toNdarray(tensor([[1, 2], [3, 4]]));
 * nd.get(1, 0); // → 3
 * @category Tensors
 */
export function toNdarray(t: Tensor): ndarray.NdArray<Float64Array> {
  return ndarray(t.data, t.shape.slice());
}
