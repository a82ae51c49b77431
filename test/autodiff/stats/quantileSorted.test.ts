import fc from 'fast-check';
import * as math from 'mathjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { quantileSorted } from '@mmcl/autodiff';
import { allClose } from '../helpers.js';

// mathjs compares numbers with a relative tolerance (config.epsilon), so values closer than that, subnormals among
// them, can come out in another order: the reference sees well-separated values (multiples of 1/1000).
const separated = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((k) => k / 1000);

test('quantileSorted matches mathjs\'s quantileSeq (linear interpolation, numpy\'s default) to 1e-12', () => {
  fc.assert(
    fc.property(
      fc.array(separated, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000),
      (values, q) => {
        const sorted = Float64Array.from(values).sort();
        const ours = quantileSorted(sorted, q);
        const theirs = math.quantileSeq(Array.from(sorted), q, true) as number;
        assert.ok(allClose([ours], [theirs], 1e-12), `q ${q}: ${ours} vs ${theirs}`);
      },
    ),
  );
});

test('quantileSorted: the ends are the extremes, a single value is every quantile, none is NaN', () => {
  assert.is(quantileSorted([1, 2, 4], 0), 1);
  assert.is(quantileSorted([1, 2, 4], 1), 4);
  assert.is(quantileSorted([1, 2, 4], 0.75), 3);
  assert.is(quantileSorted([7], 0.3), 7);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
});

test.run();
