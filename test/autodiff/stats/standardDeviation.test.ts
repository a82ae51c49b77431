import fc from 'fast-check';
import * as math from 'mathjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { standardDeviation } from '@mmcl/autodiff';
import { allClose } from '../helpers.js';

const samples = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 40 });

test('ddof 1 matches mathjs\'s unbiased std and ddof 0 its uncorrected std, to 1e-12', () => {
  fc.assert(
    fc.property(samples, (values) => {
      const sample = standardDeviation(values, 1);
      const population = standardDeviation(values, 0);
      assert.ok(allClose([sample], [math.std(values, 'unbiased') as unknown as number], 1e-12), `sample ${sample}`);
      assert.ok(allClose([population], [math.std(values, 'uncorrected') as unknown as number], 1e-12), `population ${population}`);
      assert.ok(population <= sample);
    }),
  );
});

test('the bits of the former helpers: ddof 1 of the per-seed ones (optimizer comparison, idsweep), ddof 0 of normSummary', () => {
  const comparison = (v: number[]) => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return v.length < 2 ? 0 : Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
  };
  const idSweep = (v: number[]) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return Math.sqrt(v.length > 1 ? v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1) : 0);
  };
  const normSummary = (v: number[]) => {
    let s = 0;
    for (const x of v) s += x;
    const m = s / v.length;
    let squared = 0;
    for (const x of v) squared += (x - m) * (x - m);
    return Math.sqrt(squared / v.length);
  };
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
      const sd = standardDeviation(values, 1);
      assert.ok(Object.is(sd, comparison(values)), `${sd} vs ${comparison(values)}`);
      assert.ok(Object.is(sd, idSweep(values)));
      assert.ok(Object.is(standardDeviation(values, 0), normSummary(values)));
    }),
  );
});

test('no values read NaN (not a made-up 0); one value reads 0; equal values have sd exactly 0', () => {
  assert.ok(Number.isNaN(standardDeviation([], 1)));
  assert.ok(Number.isNaN(standardDeviation([], 0)));
  assert.is(standardDeviation([4.2], 1), 0);
  assert.is(standardDeviation([4.2], 0), 0);
  assert.is(standardDeviation([0.3, 0.3, 0.3], 1), 0);
});

test.run();
