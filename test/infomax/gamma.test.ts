import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomStream } from '@mmcl/autodiff';
import { chiSquareDraw, gammaDraw } from '@mmcl/infomax/internal';
import { meanZScore } from './statistics.js';

// Gamma(a): mean a, variance a, E(X − a)² = a. Shapes cover the boost (a < 1), Marsaglia–Tsang near 1, and the
// χ² degrees of freedom of the Gram sampler (d/2 up to 5·10¹¹).
const SHAPES = [0.05, 0.3, 1, 2.5, 40, 1e6, 5e11];
const DRAWS = 4000;

test('gammaDraw: mean and variance z-scores within 5 for every shape', () => {
  SHAPES.forEach((shape, k) => {
    const stream = randomStream(k, 'check');
    const x = Array.from({ length: DRAWS }, () => gammaDraw(stream, shape));
    assert.ok(x.every((v) => v > 0 && Number.isFinite(v)), `shape ${shape}: a draw is not finite and > 0`);
    const zMean = meanZScore(x, shape);
    const zVar = meanZScore(x.map((v) => (v - shape) ** 2), shape);
    assert.ok(Math.abs(zMean) <= 5, `shape ${shape}: mean z = ${zMean}`);
    assert.ok(Math.abs(zVar) <= 5, `shape ${shape}: variance z = ${zVar}`);
  });
});

test('gammaDraw: the z-scores detect a wrong shape (the test can fail)', () => {
  const stream = randomStream(99, 'check');
  const x = Array.from({ length: DRAWS }, () => gammaDraw(stream, 0.3 * 1.5));
  assert.ok(Math.abs(meanZScore(x, 0.3)) > 5);
  const big = Array.from({ length: DRAWS }, () => gammaDraw(stream, 5e11 + 5e6)); // 10⁻⁵ relative: ~450 sd of the mean
  assert.ok(Math.abs(meanZScore(big, 5e11)) > 5);
});

test('chiSquareDraw = 2·Gamma(dof/2): same stream, same bits; rejects a bad shape', () => {
  const a = chiSquareDraw(randomStream(3, 'check'), 7.5);
  const b = 2 * gammaDraw(randomStream(3, 'check'), 3.75);
  assert.is(a, b);
  assert.throws(() => gammaDraw(randomStream(0, 'check'), 0), /shape/);
  assert.throws(() => gammaDraw(randomStream(0, 'check'), Number.NaN), /shape/);
});

test.run();
