// The choice of image encoder (`encoder` setting): the fully connected ReLU network of encoder.ts ('mlp') or the
// convolutional network of cnn.ts ('cnn'), behind one interface so training, probing and checkpoints need not care.
import type { RandomStream, Tensor } from '@mmcl/autodiff';
import { encodeConvImages, initConvEncoder } from './cnn.js';
import { encodeImages, initImageEncoder } from './encoder.js';

/**
 * Which image encoder the experiment trains.
 * @category Model
 */
export type EncoderKind = 'mlp' | 'cnn';

/** Everything that fixes an image encoder's shapes. */
export interface ImageEncoderSpec {
  readonly kind: EncoderKind;
  /** Side of the square 3-channel input images. */
  readonly side: number;
  /** ReLU units of the fully connected encoder ('mlp' only). */
  readonly width: number;
  /** Filters of the first convolution ('cnn' only; the second has twice as many). */
  readonly channels: number;
  readonly embedDim: number;
}

/**
 * An image encoder: its parameter names (in order, used for output file names), initialiser and forward map.
 * @category Model
 */
export interface ImageEncoder {
  readonly parameterNames: readonly string[];
  init(stream: RandomStream): Tensor[];
  /** Embeddings (rows) of a batch of painted images (rows of 3·side² values, channel-major). */
  encode(weights: readonly Tensor[], images: Tensor): Tensor;
}

/**
 * The encoder of a spec.
 * @example imageEncoder({ kind: 'cnn', side: 14, width: 128, channels: 16, embedDim: 32 }).parameterNames; // → ['conv1', 'conv2', 'projection']
 */
export function imageEncoder(spec: ImageEncoderSpec): ImageEncoder {
  if (spec.kind === 'cnn') {
    return {
      parameterNames: ['conv1', 'conv2', 'projection'],
      init: (stream) => initConvEncoder(spec, stream),
      encode: (weights, images) => encodeConvImages(weights, images, spec.side),
    };
  }
  return {
    parameterNames: ['hidden', 'projection'],
    init: (stream) => initImageEncoder({ inputSize: 3 * spec.side * spec.side, width: spec.width, embedDim: spec.embedDim }, stream),
    encode: (weights, images) => encodeImages(weights, images),
  };
}
