import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkProjectionProxies, trajectoryContext } from '@mmcl/theory';
import { copyResult, rhoIndex, smallRun } from '../fixtures.js';

test('Lemma C.1 holds in the regime, and a huge ρ on one sample breaks the ξ-proxy of the others', () => {
  const [noise, signal] = checkProjectionProxies(trajectoryContext(smallRun('single')));
  assert.is(noise.holds, true, noise.detail);
  assert.is(signal.holds, true, signal.detail);
  const broken = copyResult(smallRun('single'));
  const { steps } = broken.config;
  broken.h.rho.data[rhoIndex(broken, steps, 0, 0)] = 1e4;
  const [brokenNoise, brokenSignal] = checkProjectionProxies(trajectoryContext(broken));
  assert.is(brokenNoise.holds, false);
  assert.is(brokenNoise.location.step, steps);
  assert.is(brokenNoise.location.neuron, 0);
  assert.is.not(brokenNoise.location.sample, 0); // ρ_{r,0} itself is exact; the cross terms on i ≠ 0 break
  assert.is(brokenSignal.holds, false); // ⟨ξ_0, µ⟩ ≠ 0 leaks into the µ-proxy
});

test.run();
