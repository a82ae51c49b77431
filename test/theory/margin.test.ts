import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MarginTracker } from '@mmcl/theory/internal';

test('tracks the smallest slack, the first failure and NaN as a failure', () => {
  const tracker = new MarginTracker();
  assert.is(tracker.holds, null);
  tracker.offer(2, { step: 0 });
  tracker.offer(0.5, { step: 1 });
  assert.is(tracker.holds, true);
  assert.is(tracker.reported, 0.5);
  assert.equal(tracker.location, { step: 1 });
  tracker.offer(-1, { step: 2 });
  tracker.offer(-3, { step: 3 });
  assert.is(tracker.holds, false);
  assert.is(tracker.reported, -3);
  assert.equal(tracker.location, { step: 2 });
  assert.equal(tracker.tightest, { step: 3 });
  const nan = new MarginTracker();
  nan.offer(Number.NaN, { step: 4 });
  assert.is(nan.holds, false);
});

test('the first failure is the earliest step, whatever the offering order', () => {
  const tracker = new MarginTracker();
  tracker.offer(-1, { step: 9, neuron: 0 });
  tracker.offer(-1, { step: 4, neuron: 1 });
  tracker.offer(-1, { step: 4, neuron: 2 });
  assert.equal(tracker.location, { step: 4, neuron: 1 });
});

test.run();
