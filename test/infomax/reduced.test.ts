import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '@mmcl/infomax';
import { worstStepDifference } from './helpers.js';

/** Dense (autodiff, d-dimensional) vs reduced (Gram-space) runs: loss, γ, ρ (γ~, ρ~) at every step. */
function agreement(overrides: Record<string, unknown>): Record<string, number> {
  const base = { populationSamples: 0, ...overrides };
  const dense = simulate({ ...base, engine: 'dense' });
  const reduced = simulate({ ...base, engine: 'reduced' });
  const points = dense.loss.length;
  const out: Record<string, number> = {
    loss: worstStepDifference(dense.loss, reduced.loss, points),
    gamma: worstStepDifference(dense.h.gamma.data, reduced.h.gamma.data, points),
    rho: worstStepDifference(dense.h.rho.data, reduced.h.rho.data, points),
    accuracy: worstStepDifference(dense.testAccuracy, reduced.testAccuracy, dense.testAccuracy.length),
  };
  if (dense.g && reduced.g) {
    out.gammaTilde = worstStepDifference(dense.g.gamma.data, reduced.g.gamma.data, points);
    out.rhoTilde = worstStepDifference(dense.g.rho.data, reduced.g.rho.data, points);
  }
  return out;
}

function assertAgree(diffs: Record<string, number>, tolerance = 1e-9): void {
  for (const [key, value] of Object.entries(diffs)) assert.ok(value <= tolerance, `${key}: relative difference ${value} > ${tolerance}`);
}

const small = { d: 250, n: 24, m: 8, steps: 40, nTest: 40, probeTrainSize: 20, evalEvery: 10 };

test('single-modal: dense and reduced agree to 1e-9 at every step (small config)', () => {
  assertAgree(agreement({ ...small, mode: 'single' }));
});

test('multi-modal: dense and reduced agree to 1e-9 at every step (small config)', () => {
  assertAgree(agreement({ ...small, mode: 'multi', seed: 1 }));
});

test('options: M negatives, ϵ redrawn every step, theory ν: engines still agree', () => {
  assertAgree(agreement({ ...small, steps: 15, negatives: 5, resampleEps: true, testNu: 'theory', seed: 2 }));
  assertAgree(agreement({ ...small, steps: 15, mode: 'multi', negatives: 4, seed: 3 }));
});

test('Figure-1 configuration (d = 2000, n = 100, m = 50), first 3 steps, single and multi: agreement to 1e-9', () => {
  for (const mode of ['single', 'multi'] as const) assertAgree(agreement({ mode, steps: 3, evalEvery: 3 }));
});

if (process.env.MMCL_LONG === '1') {
  // ~1–3 minutes: the full check (all 200 steps of the Figure-1 configuration, both modes).
  test('MMCL_LONG: Figure-1 configuration, all 200 steps, single and multi: agreement to 1e-9', () => {
    for (const mode of ['single', 'multi'] as const) assertAgree(agreement({ mode, evalEvery: 50 }));
  });
}

test.run();
