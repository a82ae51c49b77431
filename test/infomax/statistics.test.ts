import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ksTwoSample, meanZScore } from './statistics.js';

test('ksTwoSample: statistic and p-value equal scipy (ks_2samp D; kstwobign.sf at the Stephens λ)', () => {
  // Expected values computed with scipy 1.x: D = ks_2samp(a, b).statistic, p = kstwobign.sf((√Ne + 0.12 + 0.11/√Ne)·D).
  const cases: Array<[number[], number[], number, number]> = [
    [[0.1, 0.5, 0.9, 1.3, 2.0, 2.2, 3.1, 4.0], [0.3, 1.9, 2.5, 2.6, 3.5, 4.2, 5.0, 5.5, 6.1], 0.5277777777777778, 0.12479846405904041],
    [[0, 1, 1, 1, 2, 3], [1, 2, 2, 4, 5, 6, 7], 0.5714285714285714, 0.15504417912365295], // ties across samples
  ];
  for (const [a, b, D, p] of cases) {
    const result = ksTwoSample(a, b);
    assert.ok(Math.abs(result.statistic - D) < 1e-15, `D ${result.statistic} vs ${D}`);
    assert.ok(Math.abs(result.pValue - p) < 1e-12, `p ${result.pValue} vs ${p}`);
  }
  assert.is(ksTwoSample([1, 2, 3], [1, 2, 3]).pValue, 1);
});

test('meanZScore: (mean − expected)/(sd/√N)', () => {
  assert.ok(Math.abs(meanZScore([1, 2, 3, 4], 2) - 0.5 / Math.sqrt(5 / 3 / 4)) < 1e-15);
});

test.run();
