import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { arrayMean, meanAndSd, standardDeviation } from '@mmcl/autodiff';

test('meanAndSd is arrayMean and standardDeviation of the same values, bit for bit, for both ddof', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 30 }), fc.constantFrom(0 as const, 1 as const), (values, ddof) => {
      const { mean, sd } = meanAndSd(values, ddof);
      assert.ok(Object.is(mean, arrayMean(values)));
      assert.ok(Object.is(sd, standardDeviation(values, ddof)));
    }),
  );
  assert.equal(meanAndSd([1, 3], 1), { mean: 2, sd: Math.SQRT2 });
  assert.equal(meanAndSd([1, 3], 0), { mean: 2, sd: 1 });
});

test.run();
