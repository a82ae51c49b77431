// The image and caption encoders of the ColoredMNIST experiment.
//
// Image encoder: a small ReLU network, h(x) = V·σ(W·x), with W: D×width (D = 3·side² painted pixels) and
// V: width×embedDim, no biases (like the paper's encoder of Eq. (3), whose one ReLU layer has no bias). The paper's
// model is the one-layer σ(W·x) summed over patches; a trained linear read-out V lets the embedding mix the ReLU
// features, which the 10-class task needs. σ'(0) = 0 (the @mmcl/autodiff convention).
// Caption encoder: the paper's "ideal language encoder" gives one-hot(digit) ⊕ one-hot(colour) (the digit drawn, or
// the noisy label with captionDigit 'label'); a trained linear map
// C: 20×embedDim takes it into the shared embedding space (CLIP's text projection).
import { matmul, relu, tensor, type RandomStream, type Tensor } from '@mmcl/autodiff';
import { CAPTION_SIZE } from './colour.js';

/** Sizes of the image encoder. */
export interface EncoderShape {
  readonly inputSize: number;
  readonly width: number;
  readonly embedDim: number;
}

/** Re-exported: the caption layout is defined with the captions, in colour.ts. */
export { CAPTION_SIZE };

/** Gaussian matrix rows×cols with variance `gain`/rows (He initialisation for gain 2: keeps ReLU activations O(1)). */
export function gaussianMatrix(rows: number, cols: number, gain: number, stream: RandomStream): Tensor {
  return tensor(stream.normal(rows * cols, Math.sqrt(gain / rows)), [rows, cols]);
}

/** Fresh image-encoder weights [W, V] (W drawn first, then V). */
export function initImageEncoder(shape: EncoderShape, stream: RandomStream): Tensor[] {
  return [gaussianMatrix(shape.inputSize, shape.width, 2, stream), gaussianMatrix(shape.width, shape.embedDim, 1, stream)];
}

/** Fresh caption-encoder weights [C]. */
export function initCaptionEncoder(embedDim: number, stream: RandomStream): Tensor[] {
  return [gaussianMatrix(CAPTION_SIZE, embedDim, 1, stream)];
}

/** Embeddings h(x) = σ(x·W)·V of a batch (rows of `images`). */
export function encodeImages(weights: readonly Tensor[], images: Tensor): Tensor {
  return matmul(relu(matmul(images, weights[0])), weights[1]);
}

/** Embeddings of a batch of captions (rows of `captions`). */
export function encodeCaptions(weights: readonly Tensor[], captions: Tensor): Tensor {
  return matmul(captions, weights[0]);
}
