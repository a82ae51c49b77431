import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { caption, colourDigits, majorityColour, paint, PALETTE } from '../../packages/coloredmnist/src/colour.js';
import type { DigitSet } from '../../packages/coloredmnist/src/digits.js';

test("majority colours follow the paper's 0/1 example: train 0 red, 1 green; test 0 green, 1 red", () => {
  assert.is(majorityColour(0, false), 0);
  assert.is(majorityColour(1, false), 1);
  assert.is(majorityColour(0, true), 1);
  assert.is(majorityColour(1, true), 0);
  for (let k = 0; k < 10; k++) assert.is.not(majorityColour(k, true), majorityColour(k, false), 'every class changes colour at test');
});

test('no two palette colours are multiples of each other (hue identifies the colour)', () => {
  for (let a = 0; a < 10; a++) {
    for (let b = a + 1; b < 10; b++) {
      const [p, q] = [PALETTE[a], PALETTE[b]];
      const cross = [p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]];
      assert.ok(Math.hypot(...cross) > 0.1, `colours ${a} and ${b}`);
    }
  }
});

function syntheticDigits(count: number): DigitSet {
  return { images: new Float64Array(count), digits: new Int32Array(count).map((_, k) => k % 10), count, side: 1 };
}

test('label noise and colour rates match the protocol (10%, 77.5%) within 4 standard errors', () => {
  const count = 40_000;
  const protocol = { labelNoise: 0.1, majorityProbability: 0.775 };
  for (const reversed of [false, true]) {
    const set = colourDigits(syntheticDigits(count), { ...protocol, reversed }, createStreams(11).data);
    let flipped = 0;
    let majority = 0;
    for (let n = 0; n < count; n++) {
      if (set.labels[n] !== set.digits[n]) flipped += 1;
      if (set.colours[n] === majorityColour(set.labels[n], reversed)) majority += 1;
      assert.ok(set.labels[n] >= 0 && set.labels[n] < 10 && set.colours[n] >= 0 && set.colours[n] < 10);
    }
    const tolerance = (p: number) => 4 * Math.sqrt((p * (1 - p)) / count);
    assert.ok(Math.abs(flipped / count - 0.1) < tolerance(0.1), `flip rate ${flipped / count}`);
    assert.ok(Math.abs(majority / count - 0.775) < tolerance(0.775), `majority-colour rate ${majority / count}`);
  }
});

test('with no noise and probability 1 the protocol is deterministic: label = digit, colour = majority', () => {
  const set = colourDigits(syntheticDigits(100), { labelNoise: 0, majorityProbability: 1, reversed: true }, createStreams(1).data);
  for (let n = 0; n < 100; n++) {
    assert.is(set.labels[n], set.digits[n]);
    assert.is(set.colours[n], set.digits[n] ^ 1);
  }
});

test('paint writes intensity × colour channel, channel-major; caption is one-hot ⊕ one-hot', () => {
  const grey = Float64Array.of(0, 0.5, 1);
  const out = new Float64Array(11).fill(-1);
  paint(grey, 6, out, 1); // orange (1, 0.5, 0)
  assert.equal(Array.from(out), [-1, 0, 0.5, 1, 0, 0.25, 0.5, 0, 0, 0, -1]);
  const text = new Float64Array(22).fill(7);
  caption(3, 9, text, 2);
  const expected = new Array(22).fill(0);
  expected[0] = expected[1] = 7;
  expected[2 + 3] = 1;
  expected[2 + 10 + 9] = 1;
  assert.equal(Array.from(text), expected);
});

test.run();
