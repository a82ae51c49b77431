// The autodiff step against the hand-fused step it replaced (kept in benchmarks/intrinsic/hand-fused as the
// benchmarks' baseline): same loss, gradient and Adam trajectory over one epoch, to 1e-12 (the issue's bound).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { ContrastiveStep, adamStep, createAdamState, initModel, resolveStepConfig, type Similarity } from '@mmcl/intrinsic';
import { HandFusedStep } from '../../benchmarks/intrinsic/hand-fused/step.js';

/** max |a − b| / max |b| over the vector (as the benchmarks' relativeDifference). */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < a.length; k++) {
    const d = Math.abs(a[k] - b[k]);
    if (!(d <= diff)) diff = d;
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return diff / scale;
}

const B = 32;
const batches = 8;
const refRows = 100;

for (const [similarity, learnTemperature] of [['meanNorm', true], ['cosine', true], ['meanNorm', false]] as [Similarity, boolean][]) {
  test(`one epoch (${batches} Adam steps, B = ${B}) agrees with the hand-fused step to 1e-12 (${similarity}, τ ${learnTemperature ? 'learned' : 'fixed'})`, () => {
    const config = resolveStepConfig({ similarity, learnTemperature, initialTemperature: learnTemperature ? 1 : 0.3 });
    const shape = { inputX: 6, inputY: 5, outputDim: 4, hidden: [12, 12, 12] };
    const make = () => {
      const streams = createStreams(5);
      return { model: initModel(shape, (n) => streams.init.uniform(n), 0), x: streams.data.normal(B * batches * 6), y: streams.data.normal(B * batches * 5), refX: streams.data.normal(refRows * 6), refY: streams.data.normal(refRows * 5) };
    };
    const a = make();
    const b = make();
    const reference = (p: typeof a) => (similarity === 'meanNorm' ? { x: p.refX, y: p.refY, rows: refRows } : null);
    const mine = new ContrastiveStep(a.model, config, B, reference(a));
    const theirs = new HandFusedStep(b.model, config, B, reference(b));
    const adamA = createAdamState(a.model.parameters.length);
    const adamB = createAdamState(b.model.parameters.length);
    let worstLoss = 0;
    let worstGradient = 0;
    for (let t = 0; t < batches; t++) {
      const rowsX = a.x.subarray(t * B * 6, (t + 1) * B * 6);
      const rowsY = a.y.subarray(t * B * 5, (t + 1) * B * 5);
      const sa = mine.compute(rowsX, rowsY);
      const sb = theirs.compute(rowsX, rowsY);
      worstLoss = Math.max(worstLoss, relativeDifference([sa.loss, sa.rowLoss, sa.columnLoss, sa.align], [sb.loss, sb.rowLoss, sb.columnLoss, sb.align]));
      worstGradient = Math.max(worstGradient, relativeDifference(mine.gradient, theirs.gradient));
      assert.is(sa.temperature, sb.temperature);
      worstLoss = Math.max(worstLoss, relativeDifference(mine.meanNorms, theirs.meanNorms));
      adamStep(a.model.parameters, mine.gradient, adamA, config.adam);
      adamStep(b.model.parameters, theirs.gradient, adamB, config.adam);
    }
    const worstParameters = relativeDifference(a.model.parameters, b.model.parameters);
    assert.ok(worstLoss <= 1e-12 && worstGradient <= 1e-12 && worstParameters <= 1e-12, `loss ${worstLoss}, gradient ${worstGradient}, parameters ${worstParameters}`);
    // Not trivially equal: the run moved the parameters and (learned τ) the temperature.
    assert.ok(relativeDifference(a.model.parameters, make().model.parameters) > 1e-4);
    if (!learnTemperature) assert.is(mine.gradient[a.model.temperatureIndex], 0);
  });
}

test.run();
