import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NumericalError } from '@mmcl/autodiff';
import { simulate } from '@mmcl/infomax';
import { lossDivergence } from '@mmcl/infomax/internal';
import { checkStepFinite, explainFailure } from '../../packages/infomax/src/divergence.js';

const TINY = { d: 60, n: 10, m: 4, steps: 40, nTest: 20, probeTrainSize: 10, populationSamples: 0, evalEvery: 40 };

test('a probe that fails on blown-up weights is a NumericalError naming the step, the probe and the seed', () => {
  try {
    simulate({ ...TINY, mode: 'multi', eta: 1, seed: 0 });
    assert.unreachable('eta = 1 blows the multi-modal weights up');
  } catch (err) {
    assert.instance(err, NumericalError);
    assert.is((err as NumericalError).step, 40);
    assert.match((err as Error).message, /^numerical trouble at step 40 \(seed 0\): probe fit failed \(cholesky: matrix is not positive definite/);
  }
});

test('a non-finite loss or coefficient stops the run naming the step and the quantity', () => {
  const finite = { gamma: new Float64Array([1, 2]), rho: new Float64Array([0, 0]) };
  checkStepFinite(3, { loss: 1, coefficients: { h: finite } });
  const cases: [Parameters<typeof checkStepFinite>[1], RegExp][] = [
    [{ loss: Number.NaN, coefficients: { h: finite } }, /step 7: loss is NaN/],
    [{ loss: 1, coefficients: { h: { gamma: new Float64Array([1, Infinity]), rho: new Float64Array(2) } } }, /step 7: gamma\[1\] is Infinity/],
    [{ loss: 1, coefficients: { h: finite, g: { gamma: new Float64Array(2), rho: new Float64Array([0, -Infinity]) } } }, /step 7: rho~\[1\] is -Infinity/],
  ];
  for (const [outcome, message] of cases) assert.throws(() => checkStepFinite(7, outcome), (err: Error) => err instanceof NumericalError && message.test(err.message));
});

test('explainFailure adds the seed once and names the least squares outside the probe', () => {
  const err = explainFailure(new NumericalError(5, 'loss'), { step: 5, stage: 'step' }, 9) as Error;
  assert.match(err.message, /^numerical trouble at step 5 \(seed 9\): loss/);
  assert.is((explainFailure(err, { step: 5, stage: 'step' }, 9) as Error).message.match(/seed/g)!.length, 1);
  const ls = explainFailure(new RangeError('cholesky: matrix is not positive definite (pivot 0 = 0)'), { step: 0, stage: 'setup' }, 2) as NumericalError;
  assert.instance(ls, NumericalError);
  assert.match(ls.message, /step 0 \(seed 2\): least squares of the engine failed/);
  const other = new TypeError('unrelated');
  assert.is(explainFailure(other, { step: 0, stage: 'step' }, 0), other);
});

test('lossDivergence: the first step above factor × the initial loss', () => {
  assert.equal(lossDivergence([4.4, 50, 5e42, 1], 1e6), { step: 2, loss: 5e42, initialLoss: 4.4, factor: 1e6 });
  assert.is(lossDivergence([4.4, 4.4e6, 3], 1e6), undefined, 'exactly the bound is not above it');
  assert.is(lossDivergence([1.7, 0.5, 0.1], 1e6), undefined);
});

test.run();
