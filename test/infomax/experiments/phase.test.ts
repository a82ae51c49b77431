import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { phaseSweep, signalLearning, noiseMemorization, simulate } from '@mmcl/infomax';

const base = { d: 60, n: 6, m: 3, steps: 5, nTest: 10, probeTrainSize: 5 } as const;

test('phaseSweep runs one single-modal run per n·SNR² and one multi-modal run per (n·SNR², C_µ), per seed, and its cells are their means', () => {
  const sweep = phaseSweep({ snr: { min: 0.5, max: 4, points: 2 }, cMu: { min: 1, max: 4, points: 2 }, seeds: 1, base });
  assert.is(sweep.results.length, 2 * (1 + 2));
  assert.is(sweep.cells.length, 2 * 2 * 2);
  const point = sweep.results.find((r) => r.mode === 'multi' && r.i === 1 && r.j === 1)!;
  // n·SNR² = 4 with d = 60, n = 6, σ_ξ = 1: ‖µ‖ = √(4 · 60 / 6), ‖µ~‖ = 4 ‖µ‖.
  assert.ok(Math.abs(point.muNorm - Math.sqrt(40)) < 1e-14 && Math.abs(point.muTildeNorm - 4 * Math.sqrt(40)) < 1e-13);
  const run = simulate({ ...base, mode: 'multi', seed: 0, evalEvery: 5, populationSamples: 0, muNorm: point.muNorm, muTildeNorm: point.muTildeNorm });
  assert.is(point.signal, signalLearning(run.h)[5]);
  assert.is(point.noise, noiseMemorization(run.h)[5]);
  const cell = sweep.cells.find((c) => c.mode === 'multi' && c.nSnr2 === point.nSnr2 && c.cMu === point.cMu)!;
  assert.is(cell.log10Ratio, Math.log10(point.signal / point.noise));
  const single = sweep.cells.filter((c) => c.mode === 'single' && c.nSnr2 === point.nSnr2);
  assert.is(single.length, 2);
  assert.is(single[0].accuracy, single[1].accuracy, 'single-modal cells repeat across C_µ');
});

test.run();
