// The convolutional image encoder of the ColoredMNIST experiment (`encoder: 'cnn'`), after the small LeNet-style
// networks of the ColoredMNIST literature (LeCun et al. 1998; the "SimpleConvNet" of Bahng et al. 2020, ReBias):
//   conv 3×3 (3 → c channels, zero padding 1) → ReLU → 2×2 max-pool
//   conv 3×3 (c → 2c channels, zero padding 1) → ReLU → 2×2 max-pool
//   flatten → linear read-out V to the embedding.
// No biases and no batch normalisation, like the fully connected encoder (the paper's Eq. (3) has no bias); σ'(0) = 0.
// A side-14 image gives 14 → 7 → 3 pixels per side after the pools (⌊·/2⌋, as in PyTorch), side 28 gives 7, side 7 gives 1.
import { conv2d, matmul, maxPool2d, relu, reshape, tensor, type RandomStream, type Tensor } from '@mmcl/autodiff';
import { gaussianMatrix } from './encoder.js';

/** Sizes of the convolutional encoder. */
export interface ConvEncoderShape {
  /** Side of the (square, 3-channel) input images. */
  readonly side: number;
  /** Filters of the first convolution; the second has twice as many. */
  readonly channels: number;
  readonly embedDim: number;
}

/** Kernel side of both convolutions. */
export const KERNEL = 3;

/** Side of the feature maps after the two 2×2 max-pools. */
export function pooledSide(side: number): number {
  return Math.floor(Math.floor(side / 2) / 2);
}

/** Gaussian filters (filters, inputs, KERNEL, KERNEL) with He variance 2/fan-in (fan-in = inputs·KERNEL²). */
function heFilters(filters: number, inputs: number, stream: RandomStream): Tensor {
  const fanIn = inputs * KERNEL * KERNEL;
  return tensor(stream.normal(filters * fanIn, Math.sqrt(2 / fanIn)), [filters, inputs, KERNEL, KERNEL]);
}

/** Fresh weights [K1, K2, V], drawn in that order. */
export function initConvEncoder(shape: ConvEncoderShape, stream: RandomStream): Tensor[] {
  const q = pooledSide(shape.side);
  if (q < 1) throw new RangeError(`the convolutional encoder needs images of side ≥ 4, got ${shape.side}`);
  const k1 = heFilters(shape.channels, 3, stream);
  const k2 = heFilters(2 * shape.channels, shape.channels, stream);
  return [k1, k2, gaussianMatrix(2 * shape.channels * q * q, shape.embedDim, 1, stream)];
}

/** Embeddings of a batch of painted images (rows of `images`: 3 channel planes of side² values, i.e. NCHW). */
export function encodeConvImages(weights: readonly Tensor[], images: Tensor, side: number): Tensor {
  const [k1, k2, projection] = weights;
  const x = reshape(images, [images.shape[0], 3, side, side]);
  const first = maxPool2d(relu(conv2d(x, k1, { padding: 1 })), 2);
  const second = maxPool2d(relu(conv2d(first, k2, { padding: 1 })), 2);
  return matmul(reshape(second, [images.shape[0], -1]), projection);
}

