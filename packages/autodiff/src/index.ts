/**
 * @mmcl/autodiff: float64 tensors, a reverse-mode tape with a fixed accumulation order, a packed gemm kernel,
 * gradcheck, seeded random streams and .npy files. See docs/autodiff.md.
 *
 * Convention (the one place it is stated for all of mmcl): ReLU'(0) = 0.
 */
export { Tensor, tensor, scalar, zeros, ones, full, toNested, fromNdarray, copyFromNdarray, toNdarray, type NestedNumbers } from './tensor.js';
export {
  add, sub, mul, div, neg, exp, log, log1p, sqrt, square, abs, relu, sigmoid, tanh, softplus, where,
  matmul, matmulNT, matmulTN, outer, transpose, reshape,
  sum, mean, max, logsumexp, softmax, logSoftmax, norm,
  concat, sliceRows, gatherRows, stopGradient,
  linear, vectorNorm, softmaxCrossEntropy,
  conv2d, maxPool2d, avgPool2d,
  type TensorLike,
} from './ops.js';
export { grad, valueAndGrad, vjp, reusableVjp, type AuxOf, type ValueAndGrad, type GradOptions, type GradsOf, type Vjp } from './grad.js';
export { treeLeaves, treeMap, type Pytree, type GradientOf } from './pytree.js';
export { gradcheck, type TensorFunction, type GradcheckOptions, type GradcheckResult, type GradcheckFailure } from './gradcheck.js';
export { gemm } from './gemm.js';
export { setBackend, getBackend, wasmSimdSupported, type Backend } from './wasm/backend.js';
export { wasmArray, WasmArray } from './wasm/heap.js';
export { AutodiffError, ShapeError, InputError, NumericalError, type NumericalErrorDetail } from './errors.js';
export { createStreams, randomStream, RandomStream, STREAM_PURPOSES, type RandomStreams, type StreamPurpose } from './random.js';
export { encodeNpy, decodeNpy, readNpyHeader, readNpyFile, writeNpyFile, type NpyArray, type NpyData, type NpyDecodedData, type NpyHeader } from './npy.js';
export { writeFileAtomic } from './files.js';
export { arrayMean } from './stats/arrayMean.js';
export { standardDeviation } from './stats/standardDeviation.js';
export { meanAndSd, type MeanSd } from './stats/meanAndSd.js';
export { median } from './stats/median.js';
export { quantileSorted } from './stats/quantileSorted.js';
