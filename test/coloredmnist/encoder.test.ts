import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams, gradcheck, sum, square, tensor, type Tensor } from '@mmcl/autodiff';
import {
  CAPTION_SIZE,
  encodeCaptions,
  encodeImages,
  gaussianMatrix,
  initCaptionEncoder,
  initImageEncoder,
} from '../../packages/coloredmnist/src/encoder.js';

test('encodeImages is σ(x·W)·V with σ = max(0, ·), entry by entry', () => {
  const weights = initImageEncoder({ inputSize: 4, width: 3, embedDim: 2 }, createStreams(1).init);
  const x = tensor(createStreams(1).test.normal(8), [2, 4]);
  const out = encodeImages(weights, x);
  assert.equal(out.shape, [2, 2]);
  const [W, V] = weights;
  for (let n = 0; n < 2; n++) {
    for (let e = 0; e < 2; e++) {
      let expected = 0;
      for (let r = 0; r < 3; r++) {
        let pre = 0;
        for (let d = 0; d < 4; d++) pre += x.data[n * 4 + d] * W.data[d * 3 + r];
        expected += Math.max(0, pre) * V.data[r * 2 + e];
      }
      assert.ok(Math.abs(out.data[n * 2 + e] - expected) < 1e-14);
    }
  }
});

test('initialisation is seeded, shaped, and scaled to variance gain/rows', () => {
  const a = initImageEncoder({ inputSize: 400, width: 50, embedDim: 8 }, createStreams(3).init);
  const b = initImageEncoder({ inputSize: 400, width: 50, embedDim: 8 }, createStreams(3).init);
  assert.equal(a[0].shape, [400, 50]);
  assert.equal(a[1].shape, [50, 8]);
  assert.equal(Array.from(a[0].data), Array.from(b[0].data));
  const variance = a[0].data.reduce((s, v) => s + v * v, 0) / a[0].size;
  assert.ok(Math.abs(variance - 2 / 400) < 4 * (2 / 400) * Math.sqrt(2 / a[0].size), `variance ${variance}`);
  const big = gaussianMatrix(1000, 20, 1, createStreams(4).init);
  assert.ok(Math.abs(big.data.reduce((s, v) => s + v * v, 0) / big.size - 1e-3) < 1e-4);
  assert.equal(initCaptionEncoder(8, createStreams(3).init)[0].shape, [CAPTION_SIZE, 8]);
});

test('gradients through both encoders match finite differences', () => {
  const weights = initImageEncoder({ inputSize: 5, width: 4, embedDim: 3 }, createStreams(5).init);
  const x = tensor(createStreams(5).test.normal(15), [3, 5]);
  const result = gradcheck((W: Tensor, V: Tensor) => sum(square(encodeImages([W, V], x))), weights, { mode: 'full' });
  assert.ok(result.ok, `max error ${result.maxError}`);
  const captions = tensor(createStreams(6).test.normal(2 * CAPTION_SIZE), [2, CAPTION_SIZE]);
  const C = initCaptionEncoder(3, createStreams(6).init);
  assert.ok(gradcheck((c: Tensor) => sum(square(encodeCaptions([c], captions))), C).ok);
});

test.run();
