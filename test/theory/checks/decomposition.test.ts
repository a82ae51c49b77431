import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '@mmcl/infomax';
import { checkDecomposition, checkEngineAgreement, trajectoryContext } from '@mmcl/theory';
import { copyResult, rhoIndex, smallRun } from '../fixtures.js';

for (const mode of ['single', 'multi'] as const) {
  test(`${mode}: the engine's trajectory follows the Lemma 5.1/5.3 recursion to ≤ 1e-12 relative`, () => {
    const result = checkDecomposition(trajectoryContext(smallRun(mode)));
    assert.is(result.holds, true, result.detail);
    assert.ok(result.value! <= 1e-12, result.detail);
  });

  test(`${mode}: a perturbation of 1e-7 in one ρ is caught at its step, neuron and sample`, () => {
    const broken = copyResult(smallRun(mode));
    broken.h.rho.data[rhoIndex(broken, 7, 1, 2)] += 1e-7;
    const result = checkDecomposition(trajectoryContext(broken));
    assert.is(result.holds, false);
    assert.equal(result.location, { step: 7, neuron: 1, sample: 2, encoder: 'h' });
  });
}

test('a recorded loss that differs from the decomposed weights fails', () => {
  const broken = copyResult(smallRun('single'));
  broken.loss[3] *= 1 + 1e-6;
  const result = checkDecomposition(trajectoryContext(broken));
  assert.is(result.holds, false);
  assert.equal(result.location, { step: 3 });
});

test('dense and reduced engines agree on the same inputs (≤ 1e-9 relative), and a broken γ is caught', () => {
  const reduced = smallRun('multi');
  const dense = simulate({ ...reduced.config, engine: 'dense' }, { inputs: reduced.inputs });
  const agreement = checkEngineAgreement(reduced, dense, 1e-9);
  assert.is(agreement.holds, true, agreement.detail);
  const broken = copyResult(dense);
  broken.g!.gamma.data[5 * reduced.config.m + 2] += 1e-6;
  const caught = checkEngineAgreement(reduced, broken, 1e-9);
  assert.is(caught.holds, false);
  assert.equal(caught.location, { step: 5, neuron: 2, encoder: 'g' });
});

test.run();
