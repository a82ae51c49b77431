/**
 * Runs the generated elementwise kernels (./elementwiseModule.ts) on Float64Arrays: operands resident in wasm memory
 * (`wasmArray`, or a `reuseBuffers` pool's arena) are used in place; the others are copied into per-call scratch and
 * the written ones copied back. Same contract and same bits as the TypeScript loops in ../kernels.ts.
 *
 * Internal to @mmcl/autodiff: callers use ../kernels.ts, which dispatches on the selected backend.
 */
import { elementwiseModuleBytes } from './elementwiseModule.js';
import { ensureBytes, heap, kernelMemory, residentOffset, scratchBase } from './heap.js';

interface Kernels {
  bias(c: number, b: number, rows: number, cols: number, relu: number): void;
  relu(x: number, out: number, n: number): void;
  reluBackward(g: number, x: number, out: number, n: number): void;
  columnSums(g: number, rows: number, cols: number, out: number): void;
}

let kernels: Kernels | null = null;

function instance(): Kernels {
  if (!kernels) {
    const module = new WebAssembly.Module(elementwiseModuleBytes());
    kernels = new WebAssembly.Instance(module, { env: { memory: kernelMemory() } }).exports as unknown as Kernels;
  }
  return kernels;
}

/** One operand: the array, how many entries the kernel touches, and whether it writes them. */
interface Operand {
  data: Float64Array;
  length: number;
  written: boolean;
}

/** Byte addresses of the operands (resident ones in place, the others copied in), `run`, then the copies back. */
function withOperands(operands: readonly Operand[], run: (k: Kernels, addresses: number[]) => void): void {
  const k = instance();
  let top = scratchBase();
  const addresses = operands.map(({ data, length }) => {
    const at = residentOffset(data);
    if (at >= 0) return at;
    const address = top;
    top = Math.ceil((top + length * 8) / 16) * 16;
    return address;
  });
  ensureBytes(top);
  const h = heap();
  operands.forEach(({ data, length }, i) => {
    if (residentOffset(data) < 0) h.set(data.subarray(0, length), addresses[i] / 8);
  });
  run(k, addresses);
  operands.forEach(({ data, length, written }, i) => {
    if (written && residentOffset(data) < 0) data.set(h.subarray(addresses[i] / 8, addresses[i] / 8 + length));
  });
}

/** c[i][o] += b[o] (then ReLU when `relu`), rows×cols, in place. */
export function addBiasWasm(c: Float64Array, b: Float64Array, rows: number, cols: number, relu: boolean): void {
  withOperands([{ data: c, length: rows * cols, written: true }, { data: b, length: cols, written: false }],
    (k, [cAt, bAt]) => k.bias(cAt, bAt, rows, cols, relu ? 1 : 0));
}

/** out[i] = x[i] > 0 ? x[i] : 0. */
export function reluWasm(x: Float64Array, out: Float64Array, n: number): void {
  withOperands([{ data: x, length: n, written: false }, { data: out, length: n, written: true }],
    (k, [xAt, outAt]) => k.relu(xAt, outAt, n));
}

/** out[i] = x[i] > 0 ? g[i] : 0. */
export function reluBackwardWasm(g: Float64Array, x: Float64Array, out: Float64Array, n: number): void {
  withOperands([{ data: g, length: n, written: false }, { data: x, length: n, written: false }, { data: out, length: n, written: true }],
    (k, [gAt, xAt, outAt]) => k.reluBackward(gAt, xAt, outAt, n));
}

/** out[o] = Σ_i g[i][o] over rows in order, from +0. */
export function columnSumsWasm(g: Float64Array, rows: number, cols: number, out: Float64Array): void {
  withOperands([{ data: g, length: rows * cols, written: false }, { data: out, length: cols, written: true }],
    (k, [gAt, outAt]) => k.columnSums(gAt, rows, cols, outAt));
}
