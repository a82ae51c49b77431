import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { broadcastIndex, broadcastShapes, reduceToInput } from '../../packages/autodiff/src/broadcast.js';
import { ShapeError } from '@mmcl/autodiff';
import { broadcastPairArb } from './helpers.js';

/** Reference: the input index of an output index, by explicit coordinates. */
function referenceIndex(inShape: number[], outShape: number[], flat: number): number {
  const coords: number[] = [];
  for (let k = outShape.length - 1; k >= 0; k--) {
    coords.unshift(flat % outShape[k]);
    flat = Math.floor(flat / outShape[k]);
  }
  const lead = outShape.length - inShape.length;
  let index = 0;
  for (let k = 0; k < inShape.length; k++) index = index * inShape[k] + (inShape[k] === 1 ? 0 : coords[k + lead]);
  return index;
}

test('broadcastShapes and broadcastIndex agree with coordinate arithmetic', () => {
  fc.assert(
    fc.property(broadcastPairArb, ({ out, a, b }) => {
      assert.equal(broadcastShapes('op', a, b), out);
      const map = broadcastIndex(a, out);
      for (let i = 0; i < map.length; i++) assert.is(map[i], referenceIndex(a, out, i));
    }),
  );
});

test('reduceToInput sums each input entry over its broadcast copies', () => {
  const map = broadcastIndex([2, 1], [2, 3]);
  assert.equal(Array.from(reduceToInput(new Float64Array([1, 2, 3, 4, 5, 6]), map, 2)), [6, 15]);
});

test('incompatible shapes: a ShapeError naming the op and both shapes', () => {
  assert.throws(() => broadcastShapes('mul', [2, 3], [3, 2]), (e: Error) =>
    e instanceof ShapeError && e.message === 'mul: shapes cannot be broadcast together: [2,3] and [3,2]');
});

test.run();
