import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  add, concat, createStreams, div, exp, logsumexp, matmulNT, mean, mul, relu, sqrt, square, sub, sum, tensor, valueAndGrad, type Tensor,
} from '@mmcl/autodiff';
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

test('the step (fused linear, vectorNorm, softmaxCrossEntropy) equals the same loss built from generic primitives (matmulNT, sqrt∘sum∘square, logsumexp)', () => {
  const { model, step, x, y } = setup('meanNorm', true);
  const stats = step.compute(x, y);
  const B = 5;
  const refRows = 7;
  // The reference rows of setup() again: the same 'data' stream draws (the 'init' stream is independent).
  const streams = createStreams(3);
  streams.data.normal(B * 4);
  streams.data.normal(B * 3);
  const refX = tensor(streams.data.normal(refRows * 4), [refRows, 4]);
  const refY = tensor(streams.data.normal(refRows * 3), [refRows, 3]);
  const layersOf = (mlp: typeof model.f) => mlp.layers.flatMap((l) => [tensor(Float64Array.from(l.weight), [l.outputs, l.inputs]), tensor(Float64Array.from(l.bias), [l.outputs])]);
  const inputs = [...layersOf(model.f), tensor([model.parameters[model.temperatureIndex]], []), ...layersOf(model.g)];
  const nf = model.f.layers.length * 2;
  const forward = (h: Tensor, params: Tensor[]): Tensor => {
    for (let l = 0; l < params.length; l += 2) {
      h = add(matmulNT(h, params[l]), params[l + 1]);
      if (l + 2 < params.length) h = relu(h);
    }
    return h;
  };
  const normalised = (batch: Tensor, ref: Tensor, params: Tensor[]) => div(forward(batch, params), mean(sqrt(sum(square(forward(ref, params)), 1))));
  const eye = tensor(Float64Array.from({ length: B * B }, (_, e) => (e % (B + 1) === 0 ? 1 : 0)), [B, B]);
  const loss = (...p: Tensor[]): Tensor => {
    const F = normalised(tensor(x, [B, 4]), refX, p.slice(0, nf));
    const G = normalised(tensor(y, [B, 3]), refY, p.slice(nf + 1));
    const tau = add(exp(mul(p[nf], 4)), 1e-4);
    const logits = div(matmulNT(F, G), tau);
    const positives = div(sum(mul(logits, eye)), B);
    const rows = sub(mean(logsumexp(logits, 1)), positives);
    const cols = sub(mean(logsumexp(logits, 0)), positives);
    return mul(add(rows, cols), 0.5);
  };
  const taped = valueAndGrad(loss)(...inputs);
  assert.ok(Math.abs(taped.value - stats.loss) <= 1e-14 * Math.abs(stats.loss), `${taped.value} vs ${stats.loss}`);
  const flat = concat(taped.grads.map((g) => tensor(g.data, [g.size])), 0).data;
  let worst = 0;
  for (let i = 0; i < flat.length; i++) worst = Math.max(worst, Math.abs(flat[i] - step.gradient[i]) / Math.max(1e-8, Math.abs(flat[i])));
  assert.ok(worst < 1e-10, `worst relative difference ${worst}`);
});

test.run();
