import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { ContrastiveStep, adamStep, createAdamState, initModel, resolveStepConfig } from '@mmcl/intrinsic';
import { trainSteps, type LayerWeights } from '@mmcl/intrinsic/internal';

const shape = { inputX: 4, inputY: 3, outputDim: 2, hidden: [5] };

function problem() {
  const streams = createStreams(21);
  const model = initModel(shape, (n) => streams.init.uniform(n), 0);
  const x = streams.data.normal(24 * 4);
  const y = streams.data.normal(24 * 3);
  const refX = streams.data.normal(10 * 4);
  const refY = streams.data.normal(10 * 3);
  const layers = (mlp: typeof model.f): LayerWeights[] => mlp.layers.map((l) => ({ weight: Array.from(l.weight), bias: Array.from(l.bias) }));
  return { model, x, y, refX, refY, weights: { f: layers(model.f), g: layers(model.g), logTemperature: 0 } };
}

test('trainSteps from given weights equals the step-by-step loop on batches in fixed order', () => {
  const p = problem();
  const out = trainSteps({ weights: p.weights, data: { x: p.x, y: p.y, referenceX: p.refX, referenceY: p.refY }, batchSize: 8, steps: 5 });
  // The same by hand: batches rows [0,8), [8,16), [16,24), then [0,8), [8,16).
  const config = resolveStepConfig();
  const step = new ContrastiveStep(p.model, config, 8, { x: p.refX, y: p.refY, rows: 10 });
  const adam = createAdamState(p.model.parameters.length);
  for (let t = 0; t < 5; t++) {
    const b = t % 3;
    const loss = step.compute(p.x.subarray(b * 32, b * 32 + 32), p.y.subarray(b * 24, b * 24 + 24)).loss;
    adamStep(p.model.parameters, step.gradient, adam, config.adam);
    assert.is(out.losses[t], loss);
  }
  assert.equal(Array.from(out.model.parameters), Array.from(p.model.parameters));
  assert.ok(out.losses[3] < out.losses[0], 'the loss goes down on a repeated batch');
});

test('nested-array weights are accepted; mismatched widths are a one-line error', () => {
  const p = problem();
  const nested = p.weights.f.map((l) => ({ weight: Array.from({ length: l.bias.length }, (_, r) => Array.from((l.weight as number[]).slice(r * ((l.weight as number[]).length / l.bias.length), (r + 1) * ((l.weight as number[]).length / l.bias.length)))), bias: l.bias }));
  const a = trainSteps({ weights: { ...p.weights, f: nested }, data: { x: p.x, y: p.y, referenceX: p.refX, referenceY: p.refY }, batchSize: 8, steps: 2 });
  const b = trainSteps({ weights: p.weights, data: { x: p.x, y: p.y, referenceX: p.refX, referenceY: p.refY }, batchSize: 8, steps: 2 });
  assert.equal(a.losses, b.losses);
  const broken = { ...p.weights, g: [p.weights.g[0], { weight: [1, 2, 3], bias: [0, 0] }] };
  assert.throws(() => trainSteps({ weights: broken, data: { x: p.x, y: p.y, referenceX: p.refX, referenceY: p.refY }, batchSize: 8, steps: 1 }), /weights\.g\[1\]/);
  assert.throws(() => trainSteps({ weights: p.weights, data: { x: p.x, y: p.y }, batchSize: 8, steps: 1 }), /referenceX/);
});

test('a NaN stops the run naming the step and the quantity', () => {
  const p = problem();
  (p.weights.f[0].weight as number[])[0] = 1e308;
  (p.weights.f[0].weight as number[])[1] = 1e308;
  assert.throws(() => trainSteps({ weights: p.weights, data: { x: p.x, y: p.y, referenceX: p.refX, referenceY: p.refY }, batchSize: 8, steps: 1 }), /step 0 \(epoch 0, batch 0\)/);
});

test.run();
