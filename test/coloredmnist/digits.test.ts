import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { downsampleDigits, loadMnistDigits, MNIST_SIDE, pickDigits, splitDigits, type DigitSet } from '../../packages/coloredmnist/src/digits.js';

test('loads the 10,000 real 28×28 digits of the mnist package, class-major, intensities in [0, 1]', () => {
  const set = loadMnistDigits();
  assert.is(set.count, 10_000);
  assert.is(set.side, MNIST_SIDE);
  assert.is(set.images.length, 10_000 * 28 * 28);
  const perClass = new Array(10).fill(0);
  for (let n = 0; n < set.count; n++) {
    perClass[set.digits[n]] += 1;
    if (n > 0) assert.ok(set.digits[n] >= set.digits[n - 1], 'classes come in order');
  }
  for (const count of perClass) assert.ok(count > 800 && count < 1200, `about 1,000 digits per class, got ${count}`);
  let min = Infinity;
  let max = -Infinity;
  for (const v of set.images) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  assert.is(min, 0);
  assert.ok(max <= 1 && max > 0.99);
});

test('average pooling: each output pixel is the mean of its block, and the image mean is kept', () => {
  const images = new Float64Array(16).map((_, k) => k * 0.25);
  const set: DigitSet = { images, digits: Int32Array.of(3), count: 1, side: 4 };
  const pooled = downsampleDigits(set, 2);
  assert.is(pooled.side, 2);
  assert.equal(Array.from(pooled.images), [(0 + 1 + 4 + 5) / 16, (2 + 3 + 6 + 7) / 16, (8 + 9 + 12 + 13) / 16, (10 + 11 + 14 + 15) / 16]);
  assert.is(downsampleDigits(set, 1), set);
  const real = downsampleDigits(pickDigits(loadMnistDigits(), Int32Array.of(0, 5000)), 4);
  assert.is(real.side, 7);
  const original = pickDigits(loadMnistDigits(), Int32Array.of(0, 5000));
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  assert.ok(Math.abs(mean(real.images) - mean(original.images)) < 1e-12);
});

test('the split is disjoint, of the requested sizes, and the same for the same seed', () => {
  const count = 50;
  const images = new Float64Array(count).map((_, k) => k); // 1×1 images holding their own index
  const set: DigitSet = { images, digits: new Int32Array(count).map((_, k) => k % 10), count, side: 1 };
  const a = splitDigits(set, 30, 15, createStreams(4).data);
  const b = splitDigits(set, 30, 15, createStreams(4).data);
  const c = splitDigits(set, 30, 15, createStreams(5).data);
  assert.is(a.train.count, 30);
  assert.is(a.test.count, 15);
  const seen = new Set([...a.train.images, ...a.test.images]);
  assert.is(seen.size, 45, 'no image is in both sets or twice');
  for (let k = 0; k < 30; k++) assert.is(a.train.digits[k], a.train.images[k] % 10, 'labels travel with their images');
  assert.equal(Array.from(a.train.images), Array.from(b.train.images));
  assert.not.equal(Array.from(a.train.images), Array.from(c.train.images));
});

test.run();
