// Building input matrices from a ColouredSet: plain painted images, colour-preserving augmented views, captions.
//
// The augmentations act on the grey intensities *before* painting (a random shift with zero fill, then additive
// Gaussian noise), so every view of an image carries exactly the image's colour: colour stays the easiest feature
// shared by two views, which is the situation the paper's single-modal story is about.
import type { RandomStream } from '@mmcl/autodiff';
import { CAPTION_SIZE, caption, paint, type ColouredSet } from './colour.js';

/** SimCLR-style augmentation strengths (in pixels of the working resolution, and intensity units). */
export interface AugmentationConfig {
  readonly maxShift: number;
  readonly noise: number;
}

/** Values per painted image: 3 channels of side² pixels. */
export function inputSize(set: ColouredSet): number {
  return 3 * set.side * set.side;
}

/** The grey intensities of image n (a view into the set, not a copy). */
function greyImage(set: ColouredSet, n: number): Float64Array {
  const pixels = set.side * set.side;
  return set.images.subarray(n * pixels, (n + 1) * pixels);
}

/** The painted images at `indices` as a row-major matrix (indices.length × 3·side²). */
export function paintedBatch(set: ColouredSet, indices: Int32Array): Float64Array {
  const width = inputSize(set);
  const out = new Float64Array(indices.length * width);
  for (let k = 0; k < indices.length; k++) paint(greyImage(set, indices[k]), set.colours[indices[k]], out, k * width);
  return out;
}

/** Shifts a side×side grey image by (dy, dx) with zero fill, then adds `noise`·N(0, 1) to every pixel. */
export function augmentGrey(
  grey: Float64Array,
  side: number,
  config: AugmentationConfig,
  stream: RandomStream,
): Float64Array {
  const span = 2 * config.maxShift + 1;
  const dy = stream.int(span) - config.maxShift;
  const dx = stream.int(span) - config.maxShift;
  const out = stream.normal(side * side, config.noise);
  for (let row = 0; row < side; row++) {
    const sourceRow = row - dy;
    if (sourceRow < 0 || sourceRow >= side) continue;
    for (let col = 0; col < side; col++) {
      const sourceCol = col - dx;
      if (sourceCol >= 0 && sourceCol < side) out[row * side + col] += grey[sourceRow * side + sourceCol];
    }
  }
  return out;
}

/** One augmented, painted view of each image at `indices` (drawn in index order), as a matrix. */
export function augmentedBatch(
  set: ColouredSet,
  indices: Int32Array,
  config: AugmentationConfig,
  stream: RandomStream,
): Float64Array {
  const width = inputSize(set);
  const out = new Float64Array(indices.length * width);
  for (let k = 0; k < indices.length; k++) {
    const view = augmentGrey(greyImage(set, indices[k]), set.side, config, stream);
    paint(view, set.colours[indices[k]], out, k * width);
  }
  return out;
}

/**
 * What the caption's digit part names: the digit drawn in the image, or the (noisy) class label.
 * @category Configuration
 */
export type CaptionDigit = 'digit' | 'label';

/** The CAPTION_SIZE-value captions one-hot(digit or label) ⊕ one-hot(colour) of the images at `indices`, as a matrix. */
export function captionBatch(set: ColouredSet, indices: Int32Array, captionDigit: CaptionDigit): Float64Array {
  const named = captionDigit === 'digit' ? set.digits : set.labels;
  const out = new Float64Array(indices.length * CAPTION_SIZE);
  for (let k = 0; k < indices.length; k++) caption(named[indices[k]], set.colours[indices[k]], out, k * CAPTION_SIZE);
  return out;
}
