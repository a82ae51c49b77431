import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams, tensor } from '@mmcl/autodiff';
import { createAdamState } from '@mmcl/intrinsic';
import { checkpointRun, restoreRun } from '../../packages/coloredmnist/src/checkpoint.js';
import type { EncoderRun } from '../../packages/coloredmnist/src/train.js';

function randomRun(): EncoderRun {
  const stream = createStreams(8).test;
  const shapes = [[4, 3], [3, 2], [20, 2]];
  const adam = shapes.map((s) => {
    const state = createAdamState(s[0] * s[1]);
    state.firstMoment.set(stream.normal(state.firstMoment.length));
    state.secondMoment.set(stream.uniform(state.secondMoment.length));
    state.step = 17;
    return state;
  });
  const parameters = shapes.map((s) => tensor(stream.normal(s[0] * s[1]), s));
  return { modality: 'multi', parameters, adam, epochLosses: [3.5, 2.25, Math.PI] };
}

test('a checkpoint restores every parameter, moment, step and loss bit for bit', () => {
  const run = randomRun();
  const { meta, values } = checkpointRun(run);
  const restored = restoreRun(JSON.parse(JSON.stringify(meta)), values.slice());
  assert.is(restored.modality, 'multi');
  assert.equal(restored.epochLosses, run.epochLosses);
  run.parameters.forEach((p, k) => {
    assert.equal(restored.parameters[k].shape, p.shape);
    assert.equal(Array.from(restored.parameters[k].data), Array.from(p.data));
    assert.equal(Array.from(restored.adam[k].firstMoment), Array.from(run.adam[k].firstMoment));
    assert.equal(Array.from(restored.adam[k].secondMoment), Array.from(run.adam[k].secondMoment));
    assert.is(restored.adam[k].step, 17);
  });
});

test('a checkpoint whose values do not fit its shapes is rejected', () => {
  const { meta, values } = checkpointRun(randomRun());
  assert.throws(() => restoreRun(meta, values.subarray(1)), /holds \d+ values, expected \d+/);
});

test.run();
