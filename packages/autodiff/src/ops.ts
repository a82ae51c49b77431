/**
 * The primitives as free functions. Each is a thin wrapper over the rule table (rules/index.ts): it validates and
 * converts arguments, then calls `apply`, which runs the forward rule and records the op on the active tape.
 * Elementwise binary ops follow NumPy broadcasting and accept a plain number for either operand.
 */
import { AutodiffError } from './errors.js';
import { apply } from './tape.js';
import { Tensor, scalar } from './tensor.js';

/**
 * A tensor, or a number broadcast as a scalar tensor.
 * @category Operations
 */
export type TensorLike = Tensor | number;

function asTensor(op: string, x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return scalar(x);
  throw new AutodiffError(`${op}: expected a Tensor or a number, got ${typeof x}`);
}

/**
 * Elementwise a + b with NumPy broadcasting.
 *
 * @example
 * add(tensor([1, 2]), 1).data; // → Float64Array [2, 3]
 * @category Operations
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return apply('add', [asTensor('add', a), asTensor('add', b)]);
}
/**
 * Elementwise a − b with NumPy broadcasting.
 *
 * @example
 * // [1, 2] against [[1], [2]] broadcasts to 2×2
 * sub(tensor([[1, 2]]), tensor([[1], [2]])).shape; // → [2, 2]
 * @category Operations
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return apply('sub', [asTensor('sub', a), asTensor('sub', b)]);
}
/**
 * Elementwise a·b with NumPy broadcasting.
 *
 * @example
 * mul(tensor([1, 2]), 3).data; // → Float64Array [3, 6]
 * @category Operations
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return apply('mul', [asTensor('mul', a), asTensor('mul', b)]);
}
/**
 * Elementwise a / b with NumPy broadcasting.
 *
 * @example
 * div(1, tensor([2, 4])).data; // → Float64Array [0.5, 0.25]
 * @category Operations
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return apply('div', [asTensor('div', a), asTensor('div', b)]);
}
/**
 * Elementwise −a.
 *
 * @example
 * neg(tensor([1, -2])).data; // → Float64Array [-1, 2]
 * @category Operations
 */
export function neg(a: Tensor): Tensor {
  return apply('neg', [a]);
}
/**
 * Elementwise eˣ.
 *
 * @example
 * exp(tensor([0])).data; // → Float64Array [1]
 * @category Operations
 */
export function exp(a: Tensor): Tensor {
  return apply('exp', [a]);
}
/**
 * Elementwise natural logarithm.
 *
 * @example
 * log(tensor([1])).data; // → Float64Array [0]
 * @category Operations
 */
export function log(a: Tensor): Tensor {
  return apply('log', [a]);
}
/**
 * log(1 + x), accurate for small x.
 *
 * @example
 * log1p(tensor([0])).data; // → Float64Array [0]
 * @category Operations
 */
export function log1p(a: Tensor): Tensor {
  return apply('log1p', [a]);
}
/**
 * Elementwise square root (derivative +Infinity at 0).
 *
 * @example
 * sqrt(tensor([4])).data; // → Float64Array [2]
 * @category Operations
 */
export function sqrt(a: Tensor): Tensor {
  return apply('sqrt', [a]);
}
/**
 * Elementwise x².
 *
 * @example
 * square(tensor([3])).data; // → Float64Array [9]
 * @category Operations
 */
export function square(a: Tensor): Tensor {
  return apply('square', [a]);
}
/**
 * |x|, with abs'(0) = 0.
 *
 * @example
 * abs(tensor([-3])).data; // → Float64Array [3]
 * @category Operations
 */
export function abs(a: Tensor): Tensor {
  return apply('abs', [a]);
}
/**
 * max(x, 0). Convention: relu'(0) = 0 (the indicator 1{x > 0}), as in Huang et al. 2024.
 * @example relu(tensor([-1, 0, 2])).data; // → Float64Array [0, 0, 2]
 * @category Operations
 */
export function relu(a: Tensor): Tensor {
  return apply('relu', [a]);
}
/**
 * 1 / (1 + e^{−x}), overflow-free.
 *
 * @example
 * sigmoid(tensor([0])).data; // → Float64Array [0.5]
 * @category Operations
 */
export function sigmoid(a: Tensor): Tensor {
  return apply('sigmoid', [a]);
}
/**
 * Elementwise hyperbolic tangent.
 *
 * @example
 * tanh(tensor([0])).data; // → Float64Array [0]
 * @category Operations
 */
export function tanh(a: Tensor): Tensor {
  return apply('tanh', [a]);
}
/**
 * log(1 + e^x), overflow-free.
 *
 * @example
 * softplus(tensor([0])).data; // → Float64Array [0.6931471805599453]
 * @category Operations
 */
export function softplus(a: Tensor): Tensor {
  return apply('softplus', [a]);
}

/**
 * Picks `a` where `mask` ≠ 0 and `b` elsewhere (all three broadcast). The mask is not differentiated.
 * @example where(tensor([1, 0]), tensor([1, 2]), -Infinity).data; // → Float64Array [1, -Infinity]
 * @category Operations
 */
export function where(mask: Tensor, a: TensorLike, b: TensorLike): Tensor {
  return apply('where', [mask, asTensor('where', a), asTensor('where', b)]);
}

/**
 * Matrix product A·B of an m×k and a k×n matrix.
 * @example matmul(tensor([[1, 2]]), tensor([[3], [4]])).data; // → Float64Array [11]
 * @category Operations
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return apply('matmul', [a, b]);
}
/**
 * A·Bᵀ for A m×k and B n×k, without forming Bᵀ.
 * @example matmulNT(tensor([[1, 2]]), tensor([[3, 4]])).data; // → Float64Array [11]
 * @category Operations
 */
export function matmulNT(a: Tensor, b: Tensor): Tensor {
  return apply('matmulNT', [a, b]);
}
/**
 * Aᵀ·B for A k×m and B k×n, without forming Aᵀ.
 * @example matmulTN(tensor([[1], [2]]), tensor([[3], [4]])).data; // → Float64Array [11]
 * @category Operations
 */
export function matmulTN(a: Tensor, b: Tensor): Tensor {
  return apply('matmulTN', [a, b]);
}
/**
 * Outer product of two vectors.
 *
 * @example
 * outer(tensor([1, 2]), tensor([3])).shape; // → [2, 1]
 * @category Operations
 */
export function outer(u: Tensor, v: Tensor): Tensor {
  return apply('outer', [u, v]);
}
/**
 * Matrix transpose (a copy).
 *
 * @example
 * transpose(tensor([[1, 2]])).shape; // → [2, 1]
 * @category Operations
 */
export function transpose(a: Tensor): Tensor {
  return apply('transpose', [a]);
}
/**
 * Same entries, new shape (one −1 allowed).
 *
 * @example
 * reshape(tensor([1, 2, 3, 4]), [2, -1]).shape; // → [2, 2]
 * @category Operations
 */
export function reshape(a: Tensor, shape: readonly number[]): Tensor {
  return apply('reshape', [a], { shape });
}

/**
 * Sum over an axis, or over everything when `axis` is undefined.
 * @example sum(tensor([[1, 2], [3, 4]]), 0).data; // → Float64Array [4, 6]
 * @category Operations
 */
export function sum(a: Tensor, axis?: number, keepDims = false): Tensor {
  return apply('sum', [a], { axis, keepDims });
}
/**
 * Mean over an axis, or over everything.
 *
 * @example
 * mean(tensor([1, 2, 3])).item(); // → 2
 * @category Operations
 */
export function mean(a: Tensor, axis?: number, keepDims = false): Tensor {
  return apply('mean', [a], { axis, keepDims });
}
/**
 * Maximum over an axis (everything when undefined). Ties: the gradient goes to the first maximal entry.
 * @example max(tensor([[1, 5], [7, 2]]), 1).data; // → Float64Array [5, 7]
 * @category Operations
 */
export function max(a: Tensor, axis?: number, keepDims = false): Tensor {
  return apply('max', [a], { axis, keepDims });
}
/**
 * Stable log Σ exp over an axis (default: the last). −Infinity entries (masks) are allowed and get zero gradient;
 * an all −Infinity slice gives −Infinity with zero gradient.
 * @example logsumexp(tensor([[0, -Infinity]]), 1).data; // → Float64Array [0]
 * @category Operations
 */
export function logsumexp(a: Tensor, axis = -1, keepDims = false): Tensor {
  return apply('logsumexp', [a], { axis, keepDims });
}
/**
 * Softmax over an axis (default: the last); −Infinity entries get probability 0; an all −Infinity slice gives 0s.
 * @example softmax(tensor([0, 0])).data; // → Float64Array [0.5, 0.5]
 * @category Operations
 */
export function softmax(a: Tensor, axis = -1): Tensor {
  return apply('softmax', [a], { axis, keepDims: true });
}
/**
 * x − logsumexp(x) over an axis (default: the last); −Infinity entries stay −Infinity.
 * @example logSoftmax(tensor([0, 0])).data; // → Float64Array [-0.6931471805599453, -0.6931471805599453]
 * @category Operations
 */
export function logSoftmax(a: Tensor, axis = -1): Tensor {
  return apply('logSoftmax', [a], { axis, keepDims: true });
}
/**
 * Frobenius norm of the whole tensor (gradient 0 at 0).
 *
 * @example
 * norm(tensor([3, 4])).item(); // → 5
 * @category Operations
 */
export function norm(a: Tensor): Tensor {
  return apply('norm', [a]);
}

/**
 * Joins tensors along an axis.
 *
 * @example
 * concat([tensor([1]), tensor([2, 3])], 0).data; // → Float64Array [1, 2, 3]
 * @category Operations
 */
export function concat(ts: readonly Tensor[], axis = 0): Tensor {
  return apply('concat', ts, { axis });
}
/**
 * Rows start..end−1 along axis 0.
 *
 * @example
 * sliceRows(tensor([[1], [2], [3]]), 1, 3).data; // → Float64Array [2, 3]
 * @category Operations
 */
export function sliceRows(a: Tensor, start: number, end: number): Tensor {
  return apply('sliceRows', [a], { start, end });
}
/**
 * Rows picked by index (repeats allowed; their gradients add up).
 * @example gatherRows(tensor([[1], [2]]), Int32Array.of(1, 1)).data; // → Float64Array [2, 2]
 * @category Operations
 */
export function gatherRows(a: Tensor, rows: Int32Array | readonly number[]): Tensor {
  return apply('gatherRows', [a], { rows: rows instanceof Int32Array ? rows : Int32Array.from(rows) });
}

/**
 * Identity in the forward pass, a constant in the backward pass (the sg(·) of BYOL/SimSiam and Huang et al. 2024).
 * Zero-copy: the result shares the input's data.
 * @example
 * const x = tensor([1, 2, 3]);
 * // d/dx sum(x · sg(x)) is sg(x), not 2x
 * const [dx] = grad((x: Tensor) => sum(mul(x, stopGradient(x))))(x);
 * dx.data; // → Float64Array [1, 2, 3]
 * @category Operations
 */
export function stopGradient(a: Tensor): Tensor {
  return new Tensor(a.data, a.shape);
}

/**
 * X·Wᵀ + b for X rows×inputs, W outputs×inputs and b of length outputs (nn.Linear's layout), one fused primitive:
 * one gemm and one bias pass forward, no transpose, dX = G·W, dW = Gᵀ·X, db = column sums of G backward.
 * @example linear(tensor([[1, 2]]), tensor([[3, 4]]), tensor([0.5])).data; // → Float64Array [11.5]
 * @category Operations
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor): Tensor {
  return apply('linear', [x, weight, bias]);
}
/**
 * Euclidean norm along an axis (default: the last), summed in index order; gradient 0 where the norm is 0.
 * @example vectorNorm(tensor([[3, 4], [0, 0]])).data; // → Float64Array [5, 0]
 * @category Operations
 */
export function vectorNorm(a: Tensor, axis = -1, keepDims = false): Tensor {
  return apply('vectorNorm', [a], { axis, keepDims });
}
/**
 * Per-slice softmax cross-entropy LSE_k a_k − a_target along an axis (default: the last), one target index per slice
 * (F.cross_entropy with reduction='none'). A nearly-zero loss keeps its relative precision (log1p of the non-peak
 * terms). Targets are not differentiated.
 * @example softmaxCrossEntropy(tensor([[0, 0]]), [1]).data; // → Float64Array [0.6931471805599453]
 * @category Operations
 */
export function softmaxCrossEntropy(logits: Tensor, targets: Int32Array | readonly number[], axis = -1): Tensor {
  return apply('softmaxCrossEntropy', [logits], { axis, targets: targets instanceof Int32Array ? targets : Int32Array.from(targets) });
}
/**
 * 2-D cross-correlation (PyTorch's conv2d without bias) of x (N, C, H, W) with weight (F, C, KH, KW), zero padding
 * `padding` on every side, step `stride`; the result is (N, F, OH, OW) with OH = ⌊(H + 2·padding − KH)/stride⌋ + 1.
 * Add a bias by broadcasting: add(conv2d(x, w), reshape(b, [1, F, 1, 1])).
 * @example conv2d(ones([1, 1, 3, 3]), ones([1, 1, 2, 2])).data; // → Float64Array [4, 4, 4, 4]
 * @category Operations
 */
export function conv2d(x: Tensor, weight: Tensor, options: { stride?: number; padding?: number } = {}): Tensor {
  return apply('conv2d', [x, weight], { stride: options.stride ?? 1, padding: options.padding ?? 0 });
}
/**
 * Maximum over size×size windows (step `stride`, default `size`) of an (N, C, H, W) tensor; ties send the gradient
 * to the first maximal entry in row-major order.
 * @example maxPool2d(tensor([[[[1, 2], [4, 3]]]]), 2).data; // → Float64Array [4]
 * @category Operations
 */
export function maxPool2d(x: Tensor, size: number, stride = size): Tensor {
  return apply('maxPool2d', [x], { size, stride });
}
/**
 * Mean over size×size windows (step `stride`, default `size`) of an (N, C, H, W) tensor.
 * @example avgPool2d(tensor([[[[1, 2], [4, 3]]]]), 2).data; // → Float64Array [2.5]
 * @category Operations
 */
export function avgPool2d(x: Tensor, size: number, stride = size): Tensor {
  return apply('avgPool2d', [x], { size, stride });
}
