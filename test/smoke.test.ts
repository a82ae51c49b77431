import { test } from 'uvu';
import * as assert from 'uvu/assert';

test('the test runner executes TypeScript under the source condition', () => {
  assert.is(typeof Float64Array.BYTES_PER_ELEMENT, 'number');
  assert.is(Float64Array.BYTES_PER_ELEMENT, 8);
});

test.run();
