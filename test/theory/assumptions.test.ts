import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '@mmcl/infomax';
import { checkAssumptions, configInsideAssumptions } from '@mmcl/theory';
import { smallParameters } from './fixtures.js';

const byId = (rows: ReturnType<typeof checkAssumptions>, prefix: string) => {
  const row = rows.find((r) => r.id.startsWith(prefix));
  if (!row) throw new Error(`no condition ${prefix}`);
  return row;
};

test('Figure 1 violates d ≥ n² with ratio 0.2 and satisfies n·SNR² ≤ 1.8 (n·SNR² = 1.25)', () => {
  const rows = checkAssumptions(resolveConfig({}));
  const dn = byId(rows, '4.1(1) d ≥ n²');
  assert.is(dn.holds, false);
  assert.ok(Math.abs(dn.ratio - 0.2) < 1e-15);
  const band = byId(rows, '4.1(6) n·SNR² ≤ 1.8');
  assert.is(band.holds, true);
  assert.ok(Math.abs(band.rhs - 1.25) < 1e-12);
  // Multi-only conditions are not listed for a single-modal configuration.
  assert.is(rows.some((r) => r.id.startsWith('4.1(7)')), false);
});

test('the explicit step-size bound uses τ: η ≤ nmτ/(12σ_ξ²d)', () => {
  const config = resolveConfig({ d: 1000, n: 10, m: 5, tau: 0.5, eta: 0.002 });
  const row = byId(checkAssumptions(config), 'proofs: η ≤ (1/12)');
  assert.ok(Math.abs(row.lhs - (10 * 5 * 0.5) / (12 * 1000)) < 1e-18);
  assert.is(row.holds, 0.002 <= row.lhs);
});

test('Lemma B.2 anti-concentration bound matches its formula and fails at Figure-1 size', () => {
  const config = resolveConfig({});
  const delta = 0.01;
  const row = byId(checkAssumptions(config, { delta }), 'Lemma B.2');
  const expected =
    ((400 * 100) / 0.01) * Math.sqrt(Math.log(600 / delta) / (-Math.PI * Math.log1p(-(delta * delta) / (4 * 50 * 50))));
  assert.ok(Math.abs(row.rhs / expected - 1) < 1e-14);
  assert.is(row.holds, false);
});

test('multi-modal conditions: C_µ ≥ 2.66, n·SNR² ≥ 1.7 and C_µ n SNR² ≥ 4.51', () => {
  const rows = checkAssumptions(resolveConfig({ mode: 'multi' }));
  assert.is(byId(rows, '4.1(7)').holds, true); // C_µ = 3
  assert.is(byId(rows, '4.1(6) n·SNR² ≥ 1.7').holds, false); // 1.25
  assert.is(byId(rows, 'Lemma 5.4: C_µ').holds, false); // 3.75 < 4.51
});

test('a generated in-regime configuration satisfies every Θ̃ condition with factor 1', () => {
  for (const mode of ['single', 'multi'] as const) {
    const rows = checkAssumptions(configInsideAssumptions(smallParameters(mode)));
    for (const row of rows.filter((r) => r.kind === 'ratio')) assert.ok(row.holds, `${mode}: ${row.id} ratio ${row.ratio}`);
    assert.ok(byId(rows, 'proofs: η ≤ (1/12)').holds);
    assert.ok(byId(rows, '4.1(6)').holds);
  }
});

test('Lemma B.2 at d = 10¹² with δ = 1/d: a finite bound (log1p), far above d; with δ = 0.2 and small n m it holds', () => {
  const config = resolveConfig({ d: 1e12, n: 10, m: 3, sigma0: 0.5 / 1e6, sampler: 'gram', nTest: 8, probeTrainSize: 4 });
  const strict = byId(checkAssumptions(config), 'Lemma B.2');
  assert.ok(Number.isFinite(strict.rhs) && strict.rhs > 1e12, `rhs ${strict.rhs}`); // ≈ 800·n·m·d·√(log(6nd)/π)/s ≫ d
  assert.is(strict.holds, false);
  assert.is(byId(checkAssumptions(config, { delta: 0.2 }), 'Lemma B.2').holds, true); // (400n·B/s)² ≈ 3.2e11 ≤ d
});

test.run();
