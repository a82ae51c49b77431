import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '@mmcl/infomax';
import { convergenceTimeOrder, modalityRatio, signalToNoise, stageOneTime, typicalNegatives } from '@mmcl/theory';

test('T1 of Lemma 5.2 on Figure 1: log(20/(σ_0σ_ξ√d)) / log(1 + 0.96ησ_ξ²d/(nmτ))', () => {
  const t1 = stageOneTime(resolveConfig({}));
  const expected = Math.log(20 / (0.01 * Math.sqrt(2000))) / Math.log(1 + (0.96 * 0.01 * 2000) / (100 * 50 * 0.1));
  assert.ok(Math.abs(t1 - expected) < 1e-12);
  assert.ok(t1 > 100 && t1 < 102);
});

test('T1 of Lemma 5.4 on Figure 1: log(20/(σ_0‖µ‖)) / log(1 + 0.48C_µη‖µ‖²/(mτ))', () => {
  const t1 = stageOneTime(resolveConfig({ mode: 'multi' }));
  const expected = Math.log(20 / (0.01 * 5)) / Math.log(1 + (0.48 * 3 * 0.01 * 25) / (50 * 0.1));
  assert.ok(Math.abs(t1 - expected) < 1e-12);
});

test('T1 is clamped at 0 when the initialisation already exceeds the target scale', () => {
  assert.is(stageOneTime(resolveConfig({ sigma0: 1 })), 0);
});

test('T* order, SNR, C_µ and M', () => {
  const config = resolveConfig({});
  assert.ok(Math.abs(convergenceTimeOrder(config, 0.05) - ((50 * 100) / (0.01 * 2000)) * 21) < 1e-9);
  assert.ok(Math.abs(signalToNoise(config) - 5 / Math.sqrt(2000)) < 1e-15);
  assert.is(modalityRatio(config), 3);
  assert.is(typicalNegatives(config), 50);
  assert.is(typicalNegatives({ negatives: 7, n: 100 }), 7);
});

test.run();
