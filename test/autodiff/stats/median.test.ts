import fc from 'fast-check';
import * as math from 'mathjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { median } from '@mmcl/autodiff';

// mathjs compares numbers with a relative tolerance (config.epsilon), so values closer than that, subnormals among
// them, can come out in another order: the reference sees well-separated values (multiples of 1/1000).
const separated = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 1000);

test('median matches mathjs, leaves its input unsorted, and reads the same from a Float64Array', () => {
  fc.assert(
    fc.property(fc.array(separated, { minLength: 1, maxLength: 40 }), (values) => {
      const before = [...values];
      const m = median(values);
      assert.is(m, math.median(values));
      assert.equal(values, before);
      assert.ok(Object.is(median(Float64Array.from(values)), m));
    }),
  );
});

test('median: odd count the middle value, even count the average of the middle two, none NaN', () => {
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([10, 1, 3, 2]), 2.5);
  assert.is(median([-1, -3]), -2);
  assert.ok(Number.isNaN(median([])));
});

test('median sorts numerically, signed zeros and subnormals included', () => {
  assert.ok(Object.is(median([0, -5e-324, -5e-324]), -5e-324));
  assert.is(median([100, 9, 20]), 20);
});

test.run();
