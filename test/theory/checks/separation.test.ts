import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkSeparationMulti, checkSeparationSingle, trajectoryContext } from '@mmcl/theory';
import type { EncoderTrajectory, SimulationResult } from '@mmcl/infomax';
import { shapeTrajectory } from '@mmcl/infomax/internal';
import { initialProjections, smallRun, withCoefficients } from '../fixtures.js';

/** The first `steps` steps of a trajectory, as a shorter result. */
function truncate(result: SimulationResult, steps: number): SimulationResult {
  const { m, n } = result.config;
  const cut = (c: EncoderTrajectory) => shapeTrajectory({ gamma: c.gamma.data.slice(0, (steps + 1) * m), rho: c.rho.data.slice(0, (steps + 1) * m * n) }, m, n);
  return { ...result, config: { ...result.config, steps }, loss: result.loss.slice(0, steps + 1), h: cut(result.h), g: result.g && cut(result.g) };
}

test('Lemma 5.2: memorised noise and a small signal hold; no memorisation and a large signal fail', () => {
  const base = smallRun('single');
  const memorised = checkSeparationSingle(trajectoryContext(withCoefficients(base, () => 0, (t) => (t >= 5 ? 10 : 0))));
  for (const result of memorised) assert.is(result.holds, true, `${result.id}: ${result.detail}`);
  const { P } = initialProjections(base);
  const wrong = checkSeparationSingle(trajectoryContext(withCoefficients(base, (t, r) => (t === 6 && r === 2 ? Math.sign(P[2]) * 100 : 0), () => 0)));
  assert.is(wrong[0].holds, false);
  assert.equal(wrong[0].location, { step: 6, neuron: 2 });
  assert.is(wrong[1].holds, false); // max ρ = 0 < 2 at T1
  assert.is(wrong[2].holds, false); // nor for any i
  assert.is(wrong[3].holds, false); // mean Ψ never reaches 3
});

test('Lemma 5.2: one memorised sample meets the max part but not "Ω(1) for every i"', () => {
  const base = smallRun('single');
  const end = trajectoryContext(base).stageOneEnd;
  const [, max, every] = checkSeparationSingle(trajectoryContext(withCoefficients(base, () => 0, (t, r, i) => (t === end && r === 1 && i === 3 ? 10 : 0))));
  assert.is(max.holds, true, max.detail);
  assert.is(every.holds, false);
  assert.is(every.value, 0);
});

test('Lemma 5.2 at T1 is undecided when T1 lies beyond the trajectory', () => {
  const results = checkSeparationSingle(trajectoryContext(truncate(smallRun('single'), 5)));
  assert.is(results[1].holds, null);
  assert.is(results[2].holds, null);
});

test('Lemma 5.4: a learned signal with quiet noise holds; noisy coefficients at T1 fail', () => {
  const base = smallRun('multi');
  const { P } = initialProjections(base);
  const learned = (t: number, r: number) => (t >= 3 ? Math.sign(P[r]) * 20 : 0);
  const good = checkSeparationMulti(trajectoryContext(withCoefficients(base, learned, () => 0)));
  for (const result of good) assert.is(result.holds, true, `${result.id}: ${result.detail}`);
  const end = trajectoryContext(base).stageOneEnd;
  const bad = checkSeparationMulti(trajectoryContext(withCoefficients(base, () => 0, (t, r, i) => (t === end && r === 1 && i === 4 ? 3 : 0))));
  assert.is(bad[0].holds, false);
  assert.is(bad[1].holds, false);
  assert.equal(bad[1].location, { step: end, neuron: 1, sample: 4, encoder: 'h' });
});

test.run();
