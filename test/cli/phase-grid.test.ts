import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '@mmcl/infomax';
import { axisField, axisValues, phaseCells, phasePoints, pointConfig, type PhaseGrid, type PhaseResult } from '../../packages/cli/src/phase-grid.js';

const grid: PhaseGrid = { snr: { min: 0.25, max: 8, points: 6 }, cMu: { min: 0.5, max: 4, points: 4 }, seeds: 2, base: resolveConfig({}) };

test('axisValues is geometric and hits both ends', () => {
  const v = axisValues({ min: 0.25, max: 8, points: 6 });
  assert.is(v[0], 0.25);
  assert.ok(Math.abs(v[5] - 8) <= 1e-15 * 8);
  for (let k = 1; k < 6; k++) assert.ok(Math.abs(v[k] / v[k - 1] - 2) <= 1e-15 * 2);
  assert.equal(axisValues({ min: 3, max: 3, points: 1 }), [3]);
});

test('axisField parses min:max:points and rejects the rest', () => {
  assert.equal(axisField().parse('0.5:4:3'), { min: 0.5, max: 4, points: 3 });
  for (const bad of ['4:0.5:3', '0:1:3', '1:2', '1:2:0', '1:2:1', 'a:b:c']) assert.not.ok(axisField().safeParse(bad).success, bad);
});

test('a grid point sets n·SNR² through ‖µ‖ and C_µ through ‖µ~‖, at the Figure-1 configuration otherwise', () => {
  const points = phasePoints(grid);
  assert.is(points.length, 6 * 2 * (1 + 4), 'one single-modal run per n·SNR² and seed, one multi-modal run per cell and seed');
  assert.is(new Set(points.map((p) => p.name)).size, points.length);
  for (const point of points) {
    const config = pointConfig(grid, point);
    const { n, d, sigmaXi } = config;
    const nSnr2 = (n * config.muNorm ** 2) / (sigmaXi ** 2 * d);
    assert.ok(Math.abs(nSnr2 - point.nSnr2) <= 1e-14 * point.nSnr2);
    assert.ok(Math.abs(config.muTildeNorm / config.muNorm - point.cMu) <= 1e-15 * point.cMu);
    assert.is(config.mode, point.mode);
    assert.is(config.tau, 0.1);
  }
  // Figure 1 itself: ‖µ‖ = 5 is n·SNR² = 1.25.
  const fig1 = pointConfig(grid, { ...points[0], nSnr2: 1.25 });
  assert.ok(Math.abs(fig1.muNorm - 5) <= 1e-14);
});

test('cells average over seeds; single-modal cells repeat across C_µ', () => {
  const small: PhaseGrid = { ...grid, snr: { min: 1, max: 2, points: 2 }, cMu: { min: 1, max: 3, points: 2 } };
  const results: PhaseResult[] = phasePoints(small).map((p) => ({
    ...p, muNorm: 1, muTildeNorm: 1, loss: 0,
    accuracy: 0.5 + 0.1 * p.seed, signal: 10 ** (p.seed + p.i), noise: 1,
  }));
  const cells = phaseCells(small, results);
  assert.is(cells.length, 2 * 2 * 2);
  const single = cells.filter((c) => c.mode === 'single' && c.nSnr2 === 2);
  assert.is(single.length, 2);
  assert.equal(single[0].accuracy, single[1].accuracy);
  assert.ok(Math.abs(single[0].accuracy - 0.55) <= 1e-15);
  assert.ok(Math.abs(single[0].log10Ratio - 1.5) <= 1e-15, 'mean of log10 ratios: (1 + 2) / 2');
});

test.run();
