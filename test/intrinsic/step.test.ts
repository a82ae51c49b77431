import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { ContrastiveStep, initModel, resolveStepConfig, type Similarity } from '@mmcl/intrinsic';
import { centralDifference } from './manifolds.js';

function setup(similarity: Similarity, learnTemperature: boolean) {
  const streams = createStreams(3);
  const shape = { inputX: 4, inputY: 3, outputDim: 3, hidden: [6, 5] };
  const model = initModel(shape, (n) => streams.init.uniform(n), 0.1);
  const B = 5;
  const refRows = 7;
  const x = streams.data.normal(B * 4);
  const y = streams.data.normal(B * 3);
  const reference = { x: streams.data.normal(refRows * 4), y: streams.data.normal(refRows * 3), rows: refRows };
  const config = resolveStepConfig({ similarity, learnTemperature, initialTemperature: learnTemperature ? 1 : 0.5 });
  const step = new ContrastiveStep(model, config, B, similarity === 'meanNorm' ? reference : null);
  return { model, step, x, y };
}

for (const [similarity, learn] of [['meanNorm', true], ['cosine', true], ['meanNorm', false]] as const) {
  test(`every parameter's gradient matches finite differences (${similarity}, τ ${learn ? 'learned' : 'fixed'})`, () => {
    const { model, step, x, y } = setup(similarity, learn);
    step.compute(x, y);
    const analytic = Float64Array.from(step.gradient);
    const loss = () => step.compute(x, y).loss;
    let worst = 0;
    for (let i = 0; i < model.parameters.length; i++) {
      const numeric = centralDifference(loss, model.parameters, i, 1e-5);
      worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric)));
    }
    // Central differences in float64 at h = 1e-5 are good to ~1e-9 relative here; ReLU kinks are far away.
    assert.ok(worst < 1e-6, `worst relative error ${worst}`);
    if (!learn) assert.is(analytic[model.temperatureIndex], 0);
  });
}

test('the loss is invariant to rescaling f̃ (the mean-norm normaliser cancels it)', () => {
  const { model, step, x, y } = setup('meanNorm', true);
  const before = step.compute(x, y).loss;
  const last = model.f.layers[model.f.layers.length - 1];
  for (let i = 0; i < last.weight.length; i++) last.weight[i] *= 3;
  for (let i = 0; i < last.bias.length; i++) last.bias[i] *= 3;
  const after = step.compute(x, y).loss;
  assert.ok(Math.abs(after - before) <= 1e-14 * Math.abs(before), `${before} vs ${after}`);
});

test.run();
