import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkLossDerivatives, trajectoryContext } from '@mmcl/theory';
import { estimateLossConstant } from '@mmcl/theory/internal';
import { smallRun, withCoefficients } from '../fixtures.js';

function silent(mode: 'single' | 'multi') {
  // Zero initial weights and zero coefficients: every activation is 0, so every logit is 0 and ℓ' = 1/(1+M_i).
  const result = withCoefficients(smallRun(mode), () => 0, () => 0);
  const inputs = { ...result.inputs, W0: new Float64Array(result.inputs.W0.length) };
  if (inputs.W0Tilde) inputs.W0Tilde = new Float64Array(inputs.W0Tilde.length);
  return { ...result, inputs };
}

test('uniform softmax gives C_ℓ = 1 and e^F = 1: both halves of Lemma D.1 hold', () => {
  const [bounds, logits] = checkLossDerivatives(trajectoryContext(silent('multi')));
  assert.ok(Math.abs(bounds.value! - 1) < 1e-14);
  assert.is(bounds.holds, true, bounds.detail);
  assert.is(logits.holds, true, logits.detail);
});

test('a large γ at step 2 makes the softmax far from uniform and fails Lemma D.1 there', () => {
  const base = silent('multi');
  const broken = withCoefficients(base, (t, r) => (t === 2 && r === 0 ? 50 : 0), () => 0);
  const [bounds] = checkLossDerivatives(trajectoryContext(broken));
  assert.is(bounds.holds, false);
  assert.is(bounds.location.step, 2);
});

test('single-modal with M = 3 cannot meet M ≥ 100C_ℓ − 1: the check fails with the measured C_ℓ', () => {
  const context = trajectoryContext(smallRun('single'));
  const [bounds] = checkLossDerivatives(context);
  assert.is(bounds.holds, false);
  assert.is(bounds.value, estimateLossConstant(context).constant);
  assert.ok(bounds.value! >= 1);
});

test.run();
