import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getBackend, setBackend, wasmArray, type Backend } from '@mmcl/autodiff';
import { addBias, columnSums, reluBackwardInto, reluInto } from '../../packages/autodiff/src/kernels.js';
import { bitwiseEqual, randomTensor, seedArb } from './helpers.js';

/** Entries with the cases that decide bits: −0, +0, NaN, ±Infinity, subnormals, and ordinary values. */
function tricky(n: number, seed: number): Float64Array {
  const x = randomTensor([n], seed, 3).data;
  const special = [-0, 0, NaN, Infinity, -Infinity, 5e-324, -5e-324];
  for (let i = 0; i < n; i += 3) x[i] = special[(i / 3 + seed) % special.length];
  return x;
}

function onBackend<T>(backend: Backend, body: () => T): T {
  const initial = getBackend();
  setBackend(backend);
  try {
    return body();
  } finally {
    setBackend(initial);
  }
}

/** Every kernel's outputs for one input, on one backend (operands resident in wasm memory when `resident`). */
function outputs(rows: number, cols: number, seed: number, resident: boolean): Float64Array[] {
  const place = (x: Float64Array) => {
    if (!resident) return x.slice();
    const w = wasmArray(x.length).data;
    w.set(x);
    return w;
  };
  const n = rows * cols;
  const c = tricky(n, seed);
  const b = tricky(cols, seed + 1);
  const g = tricky(n, seed + 2);
  const withBias = place(c);
  addBias(withBias, b, rows, cols);
  const withBiasRelu = place(c);
  addBias(withBiasRelu, place(b), rows, cols, true);
  const sums = place(new Float64Array(cols).fill(7)); // must be overwritten, not added to
  return [
    withBias.slice(), withBiasRelu.slice(),
    reluInto(place(c), place(new Float64Array(n).fill(3)), n).slice(),
    reluBackwardInto(place(g), place(c), place(new Float64Array(n)), n).slice(),
    columnSums(place(g), rows, cols, sums).slice(),
  ];
}

test('the elementwise kernels give the same bits on the js and wasm backends (odd and even widths, −0, NaN, ±Infinity, resident or copied operands)', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), seedArb, fc.boolean(), (rows, cols, seed, resident) => {
    const js = onBackend('js', () => outputs(rows, cols, seed, false));
    const wasm = onBackend('wasm', () => outputs(rows, cols, seed, resident));
    js.forEach((expected, k) => assert.ok(bitwiseEqual(wasm[k], expected), `kernel ${k}, ${rows}×${cols}`));
  }));
});

test('the kernels compute their definitions: bias, ReLU with relu(NaN) = relu(−0) = +0, relu′(0) = 0, column sums in row order', () => {
  for (const backend of ['js', 'wasm'] as const) {
    onBackend(backend, () => {
      const c = Float64Array.of(1, -2, 3, NaN, -0, 0.5);
      addBias(c, Float64Array.of(0.5, 1, -3), 2, 3, true);
      assert.equal(Array.from(c).map((v) => (Object.is(v, -0) ? '-0' : v)), [1.5, 0, 0, 0, 1, 0], backend);
      const y = reluInto(Float64Array.of(-0, NaN, 2, -1, 0), new Float64Array(5), 5);
      assert.ok(bitwiseEqual(y, Float64Array.of(0, 0, 2, 0, 0)), backend);
      assert.equal(Array.from(reluBackwardInto(Float64Array.of(4, 5, 6), Float64Array.of(0, 1e-300, -1), new Float64Array(3), 3)), [0, 5, 0]);
      // Column 0 is 1, 1e16, −1e16: (1 + 1e16) − 1e16 = 0 in row order, where 1 + (1e16 − 1e16) would be 1.
      assert.equal(Array.from(columnSums(Float64Array.of(1, 1, 1e16, 2, -1e16, 3), 3, 2, new Float64Array(2))), [0, 6], backend);
    });
  }
});

test.run();
