import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { initModel, represent } from '@mmcl/intrinsic';
import { modelView } from '@mmcl/intrinsic/internal';

test('PyTorch-default initialisation: weights and biases within ±1/√fan_in, roughly uniform', () => {
  const model = initModel({ inputX: 20, inputY: 20, outputDim: 7, hidden: [50, 50, 50] }, (n) => createStreams(1).init.uniform(n), 0);
  for (const layer of [...model.f.layers, ...model.g.layers]) {
    const bound = 1 / Math.sqrt(layer.inputs);
    let sumSquares = 0;
    for (const w of layer.weight) {
      assert.ok(Math.abs(w) < bound);
      sumSquares += w * w;
    }
    // Var U(−b, b) = b²/3.
    if (layer.weight.length >= 1000) assert.ok(Math.abs(sumSquares / layer.weight.length / (bound * bound / 3) - 1) < 0.1);
    for (const b of layer.bias) assert.ok(Math.abs(b) < bound);
  }
  assert.is(model.parameters.length, 2 * (20 * 50 + 50 + 2 * (50 * 50 + 50) + 50 * 7 + 7) + 1);
});

test('forward pass equals a direct evaluation of relu(x Wᵀ + b) layer by layer', () => {
  const shape = { inputX: 3, inputY: 3, outputDim: 2, hidden: [4] };
  const model = modelView(shape);
  const [l0, l1] = model.f.layers;
  l0.weight.set([1, 0, 0, 0, 1, 0, 0, 0, 1, -1, -1, -1]);
  l0.bias.set([0, 0, 0.5, 0]);
  l1.weight.set([1, 1, 1, 1, 1, -1, 0, 0]);
  l1.bias.set([0.25, 0]);
  const x = new Float64Array([1, -2, 3]);
  // hidden: relu([1, −2, 3.5, −2]) = [1, 0, 3.5, 0]; output: [1 + 3.5 + 0.25, 1 − 0] = [4.75, 1].
  const { values } = represent(model.f, x, 1, null, 0, 'cosine');
  const norm = Math.hypot(4.75, 1);
  assert.ok(Math.abs(values[0] - 4.75 / norm) < 1e-15 && Math.abs(values[1] - 1 / norm) < 1e-15);
  const mean = represent(model.f, x, 1, x, 1, 'meanNorm');
  assert.ok(Math.abs(mean.meanNorm - norm) < 1e-15);
});

test.run();
