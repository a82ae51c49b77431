import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nearestDistances } from '../../packages/intrinsic/src/neighbours.js';
import { gaussian } from './manifolds.js';

test('brute-force neighbour distances are the k smallest of each row, sorted, self excluded', () => {
  const n = 40;
  const D = 3;
  const x = gaussian(n, D, 3);
  const k = 6;
  const got = nearestDistances({ data: x, shape: [n, D] }, k);
  for (let i = 0; i < n; i++) {
    const all: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < D; c++) s += (x[i * D + c] - x[j * D + c]) ** 2;
      all.push(Math.sqrt(s));
    }
    all.sort((a, b) => a - b);
    for (let j = 0; j < k; j++) assert.is(got[i * k + j], all[j]);
  }
});

test('equidistant neighbours (ties) give the same distances whatever their order', () => {
  // The centre of a square has four neighbours at distance 1/√2.
  const x = new Float64Array([0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5]);
  const got = nearestDistances({ data: x, shape: [5, 2] }, 4);
  for (let j = 0; j < 4; j++) assert.is(got[16 + j], Math.SQRT1_2);
});

test.run();
