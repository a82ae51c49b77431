import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cellEdges } from '../../../packages/cli/src/plots/phase-chart.js';

test('cell edges are geometric midpoints, extended by half a (log) step at both ends', () => {
  const edges = cellEdges([1, 4, 16]);
  assert.equal(edges, [0.5, 2, 8, 32]);
  const one = cellEdges([2]);
  assert.ok(one[0] < 2 && one[1] > 2);
});

test.run();
