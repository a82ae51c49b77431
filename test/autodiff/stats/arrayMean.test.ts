import fc from 'fast-check';
import * as math from 'mathjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { arrayMean } from '@mmcl/autodiff';
import { allClose } from '../helpers.js';

const samples = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 });

test('arrayMean matches mathjs to 1e-14 and is the left-to-right sum over n, bit for bit (the callers\' former formula)', () => {
  fc.assert(
    fc.property(samples, (values) => {
      const mean = arrayMean(values);
      assert.ok(allClose([mean], [math.mean(values)], 1e-14), `${mean} vs ${math.mean(values)}`);
      assert.ok(Object.is(mean, values.reduce((s, x) => s + x, 0) / values.length));
      assert.ok(Object.is(arrayMean(Float64Array.from(values)), mean));
    }),
  );
});

test('arrayMean of nothing is NaN; of one value, that value', () => {
  assert.ok(Number.isNaN(arrayMean([])));
  assert.is(arrayMean([0.1]), 0.1);
});

test.run();
