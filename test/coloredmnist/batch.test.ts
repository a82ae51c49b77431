import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { augmentedBatch, augmentGrey, captionBatch, inputSize, paintedBatch } from '../../packages/coloredmnist/src/batch.js';
import { PALETTE, type ColouredSet } from '../../packages/coloredmnist/src/colour.js';

// Two 4×4 images with a blob away from the border, so shifts by 1 keep all of it.
function tinySet(): ColouredSet {
  const images = new Float64Array(32);
  images[5] = 1;
  images[6] = 0.5;
  images[16 + 9] = 0.25;
  images[16 + 10] = 0.75;
  return { images, digits: Int32Array.of(2, 7), labels: Int32Array.of(2, 4), colours: Int32Array.of(6, 9), count: 2, side: 4 };
}

test('without shift or noise the augmentation is the identity', () => {
  const grey = tinySet().images.subarray(0, 16);
  const view = augmentGrey(grey, 4, { maxShift: 0, noise: 0 }, createStreams(0).augmentation);
  assert.equal(Array.from(view), Array.from(grey));
});

test('a shift moves the digit by at most maxShift pixels and keeps its mass', () => {
  const grey = tinySet().images.subarray(0, 16);
  const stream = createStreams(2).augmentation;
  const offsets = new Set<string>();
  for (let trial = 0; trial < 60; trial++) {
    const view = augmentGrey(grey, 4, { maxShift: 1, noise: 0 }, stream);
    assert.ok(Math.abs(view.reduce((s, v) => s + v, 0) - 1.5) < 1e-15);
    const at = view.indexOf(1);
    const [dy, dx] = [Math.floor(at / 4) - 1, (at % 4) - 1];
    assert.ok(Math.abs(dy) <= 1 && Math.abs(dx) <= 1);
    offsets.add(`${dy},${dx}`);
  }
  assert.is(offsets.size, 9, 'all nine shifts occur');
});

test('augmented views keep the colour exactly: every pixel is (its intensity) × the palette colour', () => {
  const set = tinySet();
  const batch = augmentedBatch(set, Int32Array.of(1, 0), { maxShift: 1, noise: 0.3 }, createStreams(3).augmentation);
  const width = inputSize(set);
  assert.is(batch.length, 2 * width);
  for (const [row, image] of [[0, 1], [1, 0]]) {
    const rgb = PALETTE[set.colours[image]];
    const red = batch.subarray(row * width, row * width + 16);
    for (let channel = 1; channel < 3; channel++) {
      for (let p = 0; p < 16; p++) assert.is(batch[row * width + channel * 16 + p], (red[p] / rgb[0]) * rgb[channel]);
    }
  }
});

test('painted batches and captions line up with the requested indices', () => {
  const set = tinySet();
  const painted = paintedBatch(set, Int32Array.of(1));
  assert.is(painted[16 * 0 + 9], 0.25 * PALETTE[9][0]);
  const digitCaptions = captionBatch(set, Int32Array.of(1, 0), 'digit');
  const labelCaptions = captionBatch(set, Int32Array.of(1, 0), 'label');
  const ones = (row: Float64Array) => Array.from(row.keys()).filter((k) => row[k] === 1);
  assert.equal(ones(digitCaptions.subarray(0, 20)), [7, 19]);
  assert.equal(ones(labelCaptions.subarray(0, 20)), [4, 19]);
  assert.equal(ones(digitCaptions.subarray(20, 40)), [2, 16]);
});

test.run();
