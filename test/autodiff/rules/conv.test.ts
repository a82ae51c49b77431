import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AutodiffError, ShapeError, Tensor, avgPool2d, conv2d, grad, gradcheck, maxPool2d, mul, relu, sum, tensor,
} from '@mmcl/autodiff';
import { allClose, bitwiseEqual, randomTensor, seedArb } from '../helpers.js';

function weightedSum(t: Tensor, seed: number): Tensor {
  return sum(mul(t, randomTensor(t.shape, seed + 7)));
}

/** Reference convolution by the defining sum, one output entry at a time (no im2col, no gemm). */
function convReference(x: Tensor, w: Tensor, stride: number, padding: number): { data: number[]; shape: number[] } {
  const [n, c, h, wd] = x.shape;
  const [f, , kh, kw] = w.shape;
  const oh = Math.floor((h + 2 * padding - kh) / stride) + 1;
  const ow = Math.floor((wd + 2 * padding - kw) / stride) + 1;
  const data: number[] = [];
  for (let img = 0; img < n; img++) {
    for (let k = 0; k < f; k++) {
      for (let oy = 0; oy < oh; oy++) {
        for (let ox = 0; ox < ow; ox++) {
          let total = 0;
          for (let ch = 0; ch < c; ch++) {
            for (let ky = 0; ky < kh; ky++) {
              for (let kx = 0; kx < kw; kx++) {
                const iy = oy * stride - padding + ky;
                const ix = ox * stride - padding + kx;
                if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                total += x.data[((img * c + ch) * h + iy) * wd + ix] * w.data[((k * c + ch) * kh + ky) * kw + kx];
              }
            }
          }
          data.push(total);
        }
      }
    }
  }
  return { data, shape: [n, f, oh, ow] };
}

/** Reference pooling: combine every size×size window by an explicit list of its values. */
function poolReference(x: Tensor, size: number, stride: number, combine: (values: number[]) => number): number[] {
  const [n, c, h, w] = x.shape;
  const out: number[] = [];
  for (let plane = 0; plane < n * c; plane++) {
    for (let oy = 0; oy + size <= h; oy += stride) {
      for (let ox = 0; ox + size <= w; ox += stride) {
        const values: number[] = [];
        for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) values.push(x.data[plane * h * w + (oy + dy) * w + ox + dx]);
        out.push(combine(values));
      }
    }
  }
  return out;
}

/** A small convolution problem: batch, channels, filters, image side, kernel side, stride, padding. */
const convCase = fc
  .record({
    n: fc.integer({ min: 1, max: 3 }),
    c: fc.integer({ min: 1, max: 3 }),
    f: fc.integer({ min: 1, max: 3 }),
    side: fc.integer({ min: 1, max: 6 }),
    kernel: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 2 }),
  })
  .filter(({ side, kernel, padding }) => side + 2 * padding >= kernel);

test('conv2d matches the defining sum for any stride, padding, channel and filter count', () => {
  fc.assert(
    fc.property(convCase, seedArb, ({ n, c, f, side, kernel, stride, padding }, seed) => {
      const x = randomTensor([n, c, side, side + 1], seed);
      const w = randomTensor([f, c, kernel, kernel], seed + 1);
      const y = conv2d(x, w, { stride, padding });
      const expected = convReference(x, w, stride, padding);
      assert.equal(y.shape, expected.shape);
      assert.ok(allClose(y.data, expected.data, 1e-13));
    }),
  );
});

test('conv2d: gradients with respect to input and weight pass gradcheck', () => {
  fc.assert(
    fc.property(convCase, seedArb, ({ n, c, f, side, kernel, stride, padding }, seed) => {
      const x = randomTensor([n, c, side, side], seed);
      const w = randomTensor([f, c, kernel, kernel], seed + 1);
      const check = gradcheck((a, b) => weightedSum(conv2d(a, b, { stride, padding }), seed), [x, w]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
    { numRuns: 12 },
  );
});

test('maxPool2d and avgPool2d match explicit windows; gradients pass gradcheck (ties moved off by jitter)', () => {
  const poolCase = fc.record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 3 }),
    side: fc.integer({ min: 2, max: 7 }),
    size: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 3 }),
  }).filter(({ side, size }) => side >= size);
  fc.assert(
    fc.property(poolCase, seedArb, ({ n, c, side, size, stride }, seed) => {
      const x = randomTensor([n, c, side, side], seed);
      const maxed = maxPool2d(x, size, stride);
      const averaged = avgPool2d(x, size, stride);
      const outSide = Math.floor((side - size) / stride) + 1;
      assert.equal(maxed.shape, [n, c, outSide, outSide]);
      assert.ok(bitwiseEqual(maxed.data, poolReference(x, size, stride, (v) => Math.max(...v))));
      assert.ok(allClose(averaged.data, poolReference(x, size, stride, (v) => v.reduce((a, b) => a + b, 0) / v.length), 1e-15));
      for (const op of [maxPool2d, avgPool2d]) {
        const check = gradcheck((a) => weightedSum(op(a, size, stride), seed), [x]);
        assert.ok(check.ok, `${op.name}: ${JSON.stringify(check.failures)}`);
      }
    }),
  );
});

test('maxPool2d sends the gradient of a tie to the first maximal entry; a small CNN is bitwise reproducible', () => {
  const x = tensor([[[[1, 3], [3, 0]]]]);
  assert.equal(Array.from(grad((a: Tensor) => sum(maxPool2d(a, 2)))(x)[0].data), [0, 1, 0, 0]);
  const images = randomTensor([4, 3, 8, 8], 3);
  const filters = randomTensor([5, 3, 3, 3], 4);
  const loss = (w: Tensor) => sum(maxPool2d(relu(conv2d(images, w, { padding: 1 })), 2));
  const first = grad(loss)(filters)[0].data;
  assert.ok(bitwiseEqual(grad(loss)(filters)[0].data, first));
});

test('shape errors name the op, the shapes and the fix', () => {
  const x = randomTensor([1, 2, 4, 4], 0);
  assert.throws(() => conv2d(randomTensor([2, 4, 4], 0), randomTensor([1, 2, 3, 3], 0)), (e: Error) =>
    e instanceof ShapeError && /conv2d: input must have rank 4 \(N, C, H, W\), got shape \[2,4,4\]/.test(e.message));
  assert.throws(() => conv2d(x, randomTensor([1, 3, 3, 3], 0)), /conv2d: input has 2 channels but weight \[1,3,3,3\] expects 3/);
  assert.throws(() => conv2d(x, randomTensor([1, 2, 5, 5], 0)), /conv2d: window 5 is larger than the \(padded\) input \[1,2,4,4\]/);
  assert.throws(() => conv2d(x, randomTensor([1, 2, 3, 3], 0), { stride: 0 }), (e: Error) =>
    e instanceof AutodiffError && /conv2d: stride must be an integer ≥ 1, got 0/.test(e.message));
  assert.throws(() => maxPool2d(x, 5), /maxPool2d: window 5 is larger than the \(padded\) input/);
  assert.throws(() => avgPool2d(x, 2, 1.5), /avgPool2d: stride must be an integer ≥ 1, got 1.5/);
});

test.run();
