import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { conv2d, createStreams, gradcheck, matmul, maxPool2d, relu, reshape, sum, square, tensor, type Tensor } from '@mmcl/autodiff';
import { KERNEL, encodeConvImages, initConvEncoder, pooledSide } from '../../packages/coloredmnist/src/cnn.js';
import { imageEncoder } from '../../packages/coloredmnist/src/imageEncoder.js';

test('pooledSide: two ⌊·/2⌋ pools (28 → 7, 14 → 3, 7 → 1)', () => {
  assert.equal([28, 14, 7, 4].map(pooledSide), [7, 3, 1, 1]);
});

test('initConvEncoder: seeded shapes [c,3,3,3], [2c,c,3,3], [2c·q², embedDim] with He variance 2/fan-in', () => {
  const weights = initConvEncoder({ side: 14, channels: 8, embedDim: 5 }, createStreams(2).init);
  assert.equal(weights.map((w) => w.shape), [[8, 3, KERNEL, KERNEL], [16, 8, KERNEL, KERNEL], [16 * 3 * 3, 5]]);
  const again = initConvEncoder({ side: 14, channels: 8, embedDim: 5 }, createStreams(2).init);
  assert.equal(Array.from(again[1].data), Array.from(weights[1].data));
  const second = weights[1].data;
  const variance = second.reduce((s, v) => s + v * v, 0) / second.length;
  const expected = 2 / (8 * KERNEL * KERNEL);
  assert.ok(Math.abs(variance - expected) < 4 * expected * Math.sqrt(2 / second.length), `variance ${variance}`);
  assert.throws(() => initConvEncoder({ side: 3, channels: 2, embedDim: 2 }, createStreams(2).init), /side ≥ 4, got 3/);
});

test('encodeConvImages is conv → ReLU → pool twice, then the linear read-out, on channel-major image rows', () => {
  const side = 7;
  const weights = initConvEncoder({ side, channels: 2, embedDim: 3 }, createStreams(4).init);
  const rows = tensor(createStreams(4).test.normal(2 * 3 * side * side), [2, 3 * side * side]);
  const out = encodeConvImages(weights, rows, side);
  assert.equal(out.shape, [2, 3]);
  // The same network written out from the primitives, with the image rows reshaped by hand.
  const x = tensor(rows.data, [2, 3, side, side]);
  const first = maxPool2d(relu(conv2d(x, weights[0], { padding: 1 })), 2);
  const second = maxPool2d(relu(conv2d(first, weights[1], { padding: 1 })), 2);
  assert.equal(second.shape, [2, 4, 1, 1]);
  assert.equal(Array.from(out.data), Array.from(matmul(reshape(second, [2, 4]), weights[2]).data));
  // Each image is encoded on its own: the second row alone gives the second embedding.
  const alone = encodeConvImages(weights, tensor(rows.data.slice(3 * side * side), [1, 3 * side * side]), side);
  assert.equal(Array.from(alone.data), Array.from(out.data.slice(3)));
});

test('gradients through the convolutional encoder match finite differences', () => {
  const side = 4;
  const weights = initConvEncoder({ side, channels: 2, embedDim: 2 }, createStreams(5).init);
  const rows = tensor(createStreams(5).test.normal(2 * 3 * side * side), [2, 3 * side * side]);
  const result = gradcheck((a: Tensor, b: Tensor, v: Tensor) => sum(square(encodeConvImages([a, b, v], rows, side))), weights);
  assert.ok(result.ok, `max error ${result.maxError}`);
});

test('imageEncoder picks the network and names its parameters for the output files', () => {
  const spec = { side: 7, width: 6, channels: 2, embedDim: 3 };
  const mlp = imageEncoder({ ...spec, kind: 'mlp' });
  const cnn = imageEncoder({ ...spec, kind: 'cnn' });
  assert.equal(mlp.parameterNames, ['hidden', 'projection']);
  assert.equal(cnn.parameterNames, ['conv1', 'conv2', 'projection']);
  assert.equal(mlp.init(createStreams(1).init).map((w) => w.shape), [[147, 6], [6, 3]]);
  const weights = cnn.init(createStreams(1).init);
  assert.equal(weights.map((w) => w.shape), [[2, 3, 3, 3], [4, 2, 3, 3], [4, 3]]);
  assert.equal(cnn.encode(weights, tensor(new Float64Array(2 * 147), [2, 147])).shape, [2, 3]);
});

test.run();
