import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { ContrastiveStep, adamStep, createAdamState, initModel, resolveStepConfig, type Similarity } from '@mmcl/intrinsic';
import { modelView, trainSteps } from '@mmcl/intrinsic/internal';
import { RemoteEncoder } from '../../packages/intrinsic/src/encoderThread.js';

function problem(similarity: Similarity, learnTemperature: boolean) {
  const streams = createStreams(11);
  const shape = { inputX: 4, inputY: 3, outputDim: 3, hidden: [6, 5] };
  const model = initModel(shape, (n) => streams.init.uniform(n), 0.1);
  const B = 5;
  const data = { x: streams.data.normal(3 * B * 4), y: streams.data.normal(3 * B * 3) };
  const reference = { x: streams.data.normal(7 * 4), y: streams.data.normal(7 * 3), rows: 7 };
  const config = resolveStepConfig({ similarity, learnTemperature, initialTemperature: learnTemperature ? 1 : 0.5 });
  return { model, B, data, reference: similarity === 'meanNorm' ? reference : null, config };
}

for (const [similarity, learn] of [['meanNorm', true], ['cosine', true], ['meanNorm', false]] as const) {
  test(`threads: 2 (g̃ on a worker) gives the one-thread step's losses, statistics and parameters bit for bit over 6 Adam steps (${similarity}, τ ${learn ? 'learned' : 'fixed'})`, () => {
    const p = problem(similarity, learn);
    const runs = ([1, 2] as const).map((threads) => {
      const model = modelView(p.model.shape);
      model.parameters.set(p.model.parameters);
      const step = new ContrastiveStep(model, p.config, p.B, p.reference, { threads });
      const adam = createAdamState(model.parameters.length);
      const stats = [];
      try {
        for (let t = 0; t < 6; t++) {
          const b = t % 3;
          stats.push({ ...step.compute(p.data.x.subarray(b * p.B * 4), p.data.y.subarray(b * p.B * 3)), meanNorms: step.meanNorms });
          adamStep(model.parameters, step.gradient, adam, p.config.adam);
        }
      } finally {
        step.close();
      }
      return { stats, parameters: model.parameters };
    });
    assert.equal(runs[1].stats, runs[0].stats);
    assert.ok(runs[1].parameters.every((v, i) => Object.is(v, runs[0].parameters[i])), 'parameters differ');
    assert.not.equal(runs[0].parameters, p.model.parameters); // the steps moved them
  });
}

test('trainSteps with threads: 2 gives the same losses; a bad thread count is a one-line error', () => {
  const p = problem('meanNorm', true);
  const layers = (mlp: typeof p.model.f) => mlp.layers.map((l) => ({ weight: l.weight, bias: l.bias }));
  const input = {
    weights: { f: layers(p.model.f), g: layers(p.model.g) },
    data: { x: p.data.x, y: p.data.y, referenceX: p.reference!.x, referenceY: p.reference!.y },
    config: { initialTemperature: 1 }, batchSize: p.B, steps: 4,
  };
  assert.equal(trainSteps({ ...input, threads: 2 }).losses, trainSteps(input).losses);
  assert.throws(() => trainSteps({ ...input, threads: 3 as 2 }), /threads must be 1 or 2 \(got 3\)/);
});

test('an error on the worker is rethrown on the main thread with its message; a closed encoder refuses work', () => {
  const remote = new RemoteEncoder([2, 3, 2], 'cosine', 4, 4, 3 * 2 + 3 + 2 * 3 + 2);
  assert.throws(() => { remote.startBackward(); remote.finish(); }, /encoder worker: .*BACKWARD before FORWARD/);
  remote.startForward();
  remote.finish(); // the worker still serves after an error
  remote.close();
  assert.throws(() => remote.startForward(), /used after close/);
});

test.run();
