import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gemmJs } from '../../../packages/autodiff/src/gemm.js';
import { gemmWasm } from '../../../packages/autodiff/src/wasm/gemm.js';
import { wasmArray } from '../../../packages/autodiff/src/wasm/heap.js';
import { bitwiseEqual, randomTensor, seedArb } from '../helpers.js';

/** Sizes where the kernels change path: 1, odd, prime, tile edges (4), the m-block (64) and k-block (256) edges. */
const edgeSize = (max: number) => fc.oneof(fc.integer({ min: 1, max: 13 }), fc.constantFrom(17, 31, 37, 63, 64, 65, 67).filter((s) => s <= max));
const depth = fc.oneof(fc.integer({ min: 1, max: 13 }), fc.constantFrom(255, 256, 257, 509, 512, 513));

test('wasm gemm gives the same bits as the TypeScript kernel: shapes 1/odd/prime/block edges, every transpose variant, accumulate on/off', () => {
  fc.assert(
    fc.property(edgeSize(67), edgeSize(37), depth, fc.boolean(), fc.boolean(), fc.boolean(), seedArb, (m, n, k, transA, transB, accumulate, seed) => {
      const a = randomTensor([m * k], seed).data;
      const b = randomTensor([k * n], seed + 1).data;
      const c0 = randomTensor([m * n], seed + 2).data;
      const js = gemmJs(transA, transB, m, n, k, a, b, c0.slice(), accumulate);
      const wasm = gemmWasm(transA, transB, m, n, k, a, b, c0.slice(), accumulate);
      assert.ok(bitwiseEqual(wasm, js), `m=${m} n=${n} k=${k} transA=${transA} transB=${transB} accumulate=${accumulate}`);
    }),
    { numRuns: 80 },
  );
});

test('wasm gemm keeps the signed zero, infinities and NaN of the scalar order (0 + (−0·x) = +0, ∞ − ∞ = NaN)', () => {
  const a = Float64Array.of(-0, 1, Infinity, 2, 0, -0, 1e308, 1e308);
  const b = Float64Array.of(1, -0, 1, -Infinity, 3, 1e308, -1, 1);
  for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
    const js = gemmJs(transA, transB, 2, 2, 2, a, b, new Float64Array(4));
    const wasm = gemmWasm(transA, transB, 2, 2, 2, a, b, new Float64Array(4), false);
    for (let i = 0; i < 4; i++) assert.ok(Object.is(wasm[i], js[i]) || (Number.isNaN(wasm[i]) && Number.isNaN(js[i])), `${i}: ${wasm[i]} vs ${js[i]}`);
  }
  assert.ok(Object.is(gemmWasm(false, false, 1, 1, 1, Float64Array.of(-0), Float64Array.of(5), new Float64Array(1), false)[0], 0));
});

test('resident operands (wasmArray) are used in place and give the same bits as copied ones', () => {
  const [m, n, k] = [37, 22, 300];
  const a = randomTensor([m * k], 1).data;
  const b = randomTensor([k * n], 2).data;
  const c0 = randomTensor([m * n], 3).data;
  const [A, B, C] = [wasmArray(m * k), wasmArray(k * n), wasmArray(m * n)];
  A.data.set(a);
  B.data.set(b);
  for (const accumulate of [false, true]) {
    C.data.set(c0);
    const out = gemmWasm(false, true, m, n, k, A.data, B.data, C.data, accumulate);
    assert.ok(out.buffer === C.data.buffer && out.byteOffset === C.data.byteOffset, 'C is written in place');
    assert.ok(bitwiseEqual(C.data, gemmJs(false, true, m, n, k, a, b, c0.slice(), accumulate)));
  }
  A.free();
  B.free();
  C.free();
});

test('a resident C that aliases resident A is handled (A is read before it is overwritten)', () => {
  const n = 9;
  const x = randomTensor([n * n], 4).data;
  const b = randomTensor([n * n], 5).data;
  const X = wasmArray(n * n);
  X.data.set(x);
  gemmWasm(false, false, n, n, n, X.data, b, X.data, false);
  assert.ok(bitwiseEqual(X.data, gemmJs(false, false, n, n, n, x, b, new Float64Array(n * n))));
  X.free();
});

test('memory growth: a WasmArray keeps its contents and .data gives a live view; gemm returns a live C', () => {
  const keep = wasmArray(1000);
  keep.data.set(randomTensor([1000], 6).data);
  const before = keep.data.slice();
  const stale = keep.data;
  const [m, n, k] = [700, 600, 650]; // ~10 MB of scratch: more than any earlier call in this file needed
  const C = wasmArray(m * n);
  const heldC = C.data;
  const result = gemmWasm(false, false, m, n, k, new Float64Array(m * k).fill(1), new Float64Array(k * n).fill(1), heldC, false);
  assert.is(stale.length, 0, 'views taken before the growth are detached');
  assert.is(heldC.length, 0);
  assert.is(result.length, m * n, 'gemm returns a live view of the resident C');
  assert.ok(result.every((x) => x === k));
  assert.ok(bitwiseEqual(C.data, result));
  assert.ok(bitwiseEqual(keep.data, before), 'contents survive growth');
  C.free();
  keep.free();
  assert.throws(() => keep.data, /used after free/);
});

test.run();
