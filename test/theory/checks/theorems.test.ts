import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTheorems, trajectoryContext } from '@mmcl/theory';
import { copyResult, smallRun } from '../fixtures.js';

test('Theorem 4.2(1) reads the last iterate: a run ending above ϵ fails at step T', () => {
  const run = smallRun('single');
  const [loss] = checkTheorems(trajectoryContext(run, { epsilon: 1 }));
  assert.is(loss.holds, true);
  assert.is(loss.value, run.loss[run.config.steps]);
  const [strict] = checkTheorems(trajectoryContext(run, { epsilon: run.loss[run.config.steps] / 2 }));
  assert.is(strict.holds, false);
  assert.equal(strict.location, { step: run.config.steps });
});

test('downstream: single-modal needs error ≥ 0.1, multi-modal error ≤ 0.1', () => {
  const single = copyResult(smallRun('single'));
  single.populationError = 0.02;
  assert.is(checkTheorems(trajectoryContext(single))[1].holds, false);
  single.populationError = 0.4;
  assert.is(checkTheorems(trajectoryContext(single))[1].holds, true);
  const multi = copyResult(smallRun('multi'));
  multi.populationError = Number.NaN;
  multi.testAccuracy[multi.testAccuracy.length - 1] = 0.97;
  const [, downstream] = checkTheorems(trajectoryContext(multi));
  assert.is(downstream.holds, true);
  assert.ok(Math.abs(downstream.value! - 0.03) < 1e-15);
  multi.testAccuracy[multi.testAccuracy.length - 1] = 0.6;
  assert.is(checkTheorems(trajectoryContext(multi))[1].holds, false);
});

test.run();
