import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkSignInvarianceMulti, checkSignInvarianceSingle, trajectoryContext } from '@mmcl/theory';
import { copyResult, smallRun, withCoefficients } from '../fixtures.js';

const theta = (result: ReturnType<typeof smallRun>, r: number, which: 'h' | 'g' = 'h') => {
  const context = trajectoryContext(result);
  return Math.sign((which === 'h' ? context.h : context.g!).gram.onMu.w0[r]);
};

test('Lemma C.3 holds on the small run; flipping γ_1 at step 9 breaks both the sets and the monotonicity', () => {
  const [sets, monotone] = checkSignInvarianceSingle(trajectoryContext(smallRun('single')));
  assert.is(sets.holds, true, sets.detail);
  assert.is(monotone.holds, true, monotone.detail);
  const broken = copyResult(smallRun('single'));
  const { m } = broken.config;
  broken.h.gamma.data[9 * m + 1] = -theta(broken, 1) * 100;
  const [brokenSets, brokenMonotone] = checkSignInvarianceSingle(trajectoryContext(broken));
  assert.is(brokenSets.holds, false);
  assert.equal(brokenSets.location, { step: 9, neuron: 1 });
  assert.is(brokenMonotone.holds, false);
  assert.equal(brokenMonotone.location, { step: 9, neuron: 1 });
});

test('a small step against θ that keeps the neuron in its set fails only the monotonicity', () => {
  const broken = copyResult(smallRun('single'));
  const { m } = broken.config;
  const r = 0;
  broken.h.gamma.data[12 * m + r] = broken.h.gamma.data[11 * m + r] - theta(broken, r) * 1e-9;
  const [sets, monotone] = checkSignInvarianceSingle(trajectoryContext(broken));
  assert.is(sets.holds, true);
  assert.is(monotone.holds, false);
  assert.equal(monotone.location, { step: 12, neuron: r });
});

test('Lemma D.3 holds on the small multi-modal run; a step of γ~ against θ on a matched neuron is caught', () => {
  const [sets, monotone] = checkSignInvarianceMulti(trajectoryContext(smallRun('multi')));
  assert.is(sets.holds, true, sets.detail);
  assert.is(monotone.holds, true, monotone.detail);
  const result = smallRun('multi');
  const { m } = result.config;
  let r = 0;
  while (r < m && theta(result, r) !== theta(result, r, 'g')) r++;
  assert.ok(r < m, 'a neuron matched at t = 0');
  const broken = copyResult(result);
  broken.g!.gamma.data[20 * m + r] = broken.g!.gamma.data[19 * m + r] - theta(result, r) * 1e-9;
  const [, brokenMonotone] = checkSignInvarianceMulti(trajectoryContext(broken));
  assert.is(brokenMonotone.holds, false);
  assert.equal(brokenMonotone.location, { step: 20, neuron: r, encoder: 'g' });
});

test('Lemma D.3 synchronisation is undecided while a mixed neuron stays mixed (frozen coefficients)', () => {
  const frozen = withCoefficients(smallRun('multi'), () => 0, () => 0);
  // Flip neuron 0 of W~^(0) so that it starts mixed; with frozen coefficients it never matches.
  const { d } = frozen.config;
  const W0Tilde = Float64Array.from(frozen.inputs.W0Tilde!);
  for (let k = 0; k < d; k++) W0Tilde[k] = -W0Tilde[k];
  const [, , join] = checkSignInvarianceMulti(trajectoryContext({ ...frozen, inputs: { ...frozen.inputs, W0Tilde } }));
  assert.is(join.holds, null);
  const [, , joined] = checkSignInvarianceMulti(trajectoryContext(smallRun('multi')));
  assert.is(joined.holds, true);
});

test.run();
