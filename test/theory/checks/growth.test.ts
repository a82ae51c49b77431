import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkGrowthMulti, checkGrowthSingle, noiseRate, trajectoryContext } from '@mmcl/theory';
import { initialProjections, smallRun, withCoefficients } from '../fixtures.js';

const byId = (results: ReturnType<typeof checkGrowthSingle>, id: string) => results.find((r) => r.id === id)!;

test('single-modal: a designed trajectory meets C.4, C.11 (growth, ρ ≥ 0) and the B_− bound; breaking each is caught', () => {
  const base = smallRun('single');
  const { Q } = initialProjections(base);
  const { n } = base.config;
  const rate = noiseRate(base.config, 0.96);
  // Noise grows at 1.5× the guaranteed rate on y = 1 samples with ⟨w_r^(0), ξ_i⟩ > 0, nothing else moves.
  const grow = (t: number, r: number, i: number) => (base.inputs.y[i] === 1 && Q[r * n + i] > 0 ? 1.5 * (rate ** t - 1) * Q[r * n + i] : 0);
  const designed = checkGrowthSingle(trajectoryContext(withCoefficients(base, () => 0, grow)));
  for (const id of ['C.4', 'C.11 (Ψ growth)', 'C.11 (ρ ≥ 0)', 'C.11 (B_− growth)']) assert.is(byId(designed, id).holds, true, `${id}: ${byId(designed, id).detail}`);

  const stalled = checkGrowthSingle(trajectoryContext(withCoefficients(base, () => 0, (t, r, i) => (t >= 3 ? 0 : grow(t, r, i)))));
  assert.is(byId(stalled, 'C.11 (Ψ growth)').holds, false);
  assert.is(byId(stalled, 'C.11 (Ψ growth)').location.step, 3);

  const { P } = initialProjections(base);
  const signal = checkGrowthSingle(trajectoryContext(withCoefficients(base, (t, r) => (t === 4 && r === 1 ? Math.sign(P[1]) * 10 : 0), grow)));
  assert.is(byId(signal, 'C.4').holds, false);
  assert.equal(byId(signal, 'C.4').location, { step: 4, neuron: 1 });

  const negative = checkGrowthSingle(trajectoryContext(withCoefficients(base, () => 0, (t, r, i) => (base.inputs.y[i] === -1 && t >= 2 ? 5 : grow(t, r, i)))));
  assert.is(byId(negative, 'C.11 (B_− growth)').holds, false);
  assert.is(byId(negative, 'C.11 (B_− growth)').location.step, 2);
});

test('multi-modal: a designed trajectory meets D.4, D.8 and D.9 case 4; breaking them is caught', () => {
  const base = smallRun('multi');
  const { P } = initialProjections(base, 'h');
  const { config } = base;
  const cMu = config.muTildeNorm / config.muNorm;
  const rate = 1 + (0.48 * config.eta * cMu * config.muNorm * config.muNorm) / (config.m * config.tau);
  // Signal grows fast on both encoders in the θ direction; noise does not move.
  const signal = (t: number, r: number, which: 'h' | 'g') => Math.sign(P[r]) * (rate ** t - 1) * (which === 'h' ? 1 : cMu);
  const designed = checkGrowthMulti(trajectoryContext(withCoefficients(base, signal, () => 0)));
  assert.is(designed.find((r) => r.id === 'D.4')!.holds, true);
  assert.is(designed.find((r) => r.id === 'D.4 (§9 form)')!.holds, true);
  // Frozen coefficients: the joint-noise sums and levels stay at their initial values.
  const flat = checkGrowthMulti(trajectoryContext(withCoefficients(base, () => 0, () => 0)));
  for (const id of ['D.8 (B_{±,+})', 'D.8 (B_{±,−})', 'D.9 case 4']) assert.is(flat.find((r) => r.id === id)!.holds, true, id);
  assert.is(flat.find((r) => r.id === 'D.4 (§9 form)')!.holds, false);
  assert.is(flat.find((r) => r.id === 'D.4 (§9 form)')!.location.step, 1);
  // The lemma's "− 1" form only bites once ρ_A^t (A^(0) + A~^(0)/C_µ) exceeds 1: a flat trajectory fails it later.
  const lemma = flat.find((r) => r.id === 'D.4')!;
  assert.is(lemma.holds, false);
  assert.ok(lemma.location.step! > 1);

  const noisy = checkGrowthMulti(trajectoryContext(withCoefficients(base, () => 0, (t) => (t >= 2 ? 10 : 0))));
  assert.is(noisy.find((r) => r.id === 'D.9 case 4')!.holds, false);
  assert.is(noisy.find((r) => r.id === 'D.8 (B_{±,+})')!.holds, false);
  const shrinking = checkGrowthMulti(trajectoryContext(withCoefficients(base, () => 0, (t) => (t === 2 ? 0.5 : 0))));
  assert.is(shrinking.find((r) => r.id === 'D.8 (B_{±,−})')!.holds, false);
});

test.run();
