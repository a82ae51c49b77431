/**
 * The elementwise passes between the gemms of a dense network, on row-major Float64Arrays: add a bias (optionally
 * followed by ReLU), ReLU forward and backward, and column sums. Each dispatches like `gemm`: the generated
 * WebAssembly SIMD kernels (./wasm/elementwise.ts) on the wasm backend, the TypeScript loops below on the js backend
 * (the reference path and fallback). Both give the same bits: the loops below define the operations and their order.
 * Measured on the paper-2 step (2 256×50 activations): ~0.3 ms per pass in TypeScript (V8 keeps a bounds check and,
 * for ReLU, a data-dependent branch per entry), ~10× less in wasm.
 *
 * Internal to @mmcl/autodiff (the rules call them).
 */
import { getBackend } from './wasm/backend.js';
import { addBiasWasm, columnSumsWasm, reluBackwardWasm, reluWasm } from './wasm/elementwise.js';

/**
 * c[i][o] ← c[i][o] + b[o] for a rows×cols matrix, in place; with `relu`, then c ← (c > 0 ? c : 0).
 *
 * @example
 * const c = Float64Array.of(1, -2, 3, -4);
 * addBias(c, Float64Array.of(0.5, 0.5), 2, 2, true);
 * c; // → Float64Array [1.5, 0, 3.5, 0]
 */
export function addBias(c: Float64Array, b: Float64Array, rows: number, cols: number, relu = false): void {
  if (getBackend() === 'wasm') return addBiasWasm(c, b, rows, cols, relu);
  for (let i = 0, at = 0; i < rows; i++) {
    for (let o = 0; o < cols; o++, at++) {
      const v = c[at] + b[o];
      c[at] = relu ? (v > 0 ? v : 0) : v;
    }
  }
}

/**
 * out[i] = x[i] > 0 ? x[i] : 0 for the first n entries (ReLU; NaN and −0 give +0).
 *
 * @example
 * reluInto(Float64Array.of(-1, 2), new Float64Array(2), 2); // → [0, 2]
 */
export function reluInto(x: Float64Array, out: Float64Array, n: number): Float64Array {
  if (getBackend() === 'wasm') reluWasm(x, out, n);
  else for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : 0;
  return out;
}

/**
 * out[i] = x[i] > 0 ? g[i] : 0 (ReLU's backward pass, relu'(0) = 0).
 *
 * @example
 * reluBackwardInto(Float64Array.of(5, 5), Float64Array.of(0, 1), new Float64Array(2), 2); // → [0, 5]
 */
export function reluBackwardInto(g: Float64Array, x: Float64Array, out: Float64Array, n: number): Float64Array {
  if (getBackend() === 'wasm') reluBackwardWasm(g, x, out, n);
  else for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? g[i] : 0;
  return out;
}

/**
 * out[o] = Σ_i g[i][o] for a rows×cols matrix, each sum from 0 over the rows in order (a bias gradient).
 *
 * @example
 * columnSums(Float64Array.of(1, 2, 3, 4), 2, 2, new Float64Array(2)); // → [4, 6]
 */
export function columnSums(g: Float64Array, rows: number, cols: number, out: Float64Array): Float64Array {
  if (getBackend() === 'wasm') {
    columnSumsWasm(g, rows, cols, out);
    return out;
  }
  out.fill(0, 0, cols);
  for (let i = 0, at = 0; i < rows; i++) for (let o = 0; o < cols; o++, at++) out[o] += g[at];
  return out;
}
