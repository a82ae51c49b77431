/**
 * The WebAssembly gemm: compiles the generated module once per process (lazily), copies the operands that are not
 * resident into wasm scratch memory (a plain memcpy each; B is packed inside wasm, A is read in place), runs the
 * kernel and copies C out. Same contract and same bits as the TypeScript kernel in ../gemm.ts.
 *
 * Internal to @mmcl/autodiff: callers use `gemm`, which dispatches on the selected backend.
 */
import { gemmModuleBytes, packedBytes, TILE_BYTES } from './gemmModule.js';
import { ensureBytes, heap, kernelMemory, RESERVED, residentOffset, scratchBase } from './heap.js';

type Driver = (
  m: number, n: number, k: number, a: number, transA: number, b: number, transB: number,
  c: number, out: number, pack: number, tile: number, accumulate: number,
) => void;

let driver: Driver | null = null;

function kernel(): Driver {
  if (!driver) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes()), { env: { memory: kernelMemory() } });
    driver = instance.exports.gemm as Driver;
  }
  return driver;
}

const BYTES = 8;
const align = (x: number) => Math.ceil(x / 16) * 16;

/** Whether [offset, offset + bytes) and [other, other + otherBytes) overlap. */
function overlaps(offset: number, bytes: number, other: number, otherBytes: number): boolean {
  return offset < other + otherBytes && other < offset + bytes;
}

/**
 * C = op(A)·op(B) (+ C) in wasm. Preconditions (checked by the caller): lengths suffice, m, n, k ≥ 1.
 * Returns C, or a fresh view of it when C is resident and memory grew during the call.
 */
export function gemmWasm(
  transA: boolean, transB: boolean, m: number, n: number, k: number,
  a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean,
): Float64Array {
  const run = kernel();
  const [aBytes, bBytes, cBytes] = [m * k * BYTES, k * n * BYTES, m * n * BYTES];
  let aAt = residentOffset(a);
  const bAt = residentOffset(b);
  const cAt = residentOffset(c);
  const cLength = c.length; // read before any growth detaches a resident C
  // The driver reads A while it writes the sums: a resident A that shares bytes with a resident C (summed in
  // place) is copied like a one-off operand. B is packed before any write, so it may alias C.
  const aSource = aAt;
  if (aAt >= 0 && cAt >= 0 && !accumulate && overlaps(aAt, aBytes, cAt, cBytes)) aAt = -1;

  let top = scratchBase();
  const take = (bytes: number) => { const at = top; top = align(top + bytes); return at; };
  const aAddress = aAt >= 0 ? aAt : take(aBytes);
  const bAddress = bAt >= 0 ? bAt : take(bBytes);
  const cAddress = cAt >= 0 ? cAt : take(cBytes);
  const outAddress = accumulate ? take(cBytes) : cAddress;
  const packAddress = take(packedBytes(n, k));
  ensureBytes(top);

  const h = heap();
  if (aAt < 0) {
    if (aSource >= 0) h.copyWithin(aAddress / BYTES, aSource / BYTES, (aSource + aBytes) / BYTES);
    else h.set(a.subarray(0, m * k), aAddress / BYTES);
  }
  if (bAt < 0) h.set(b.subarray(0, k * n), bAddress / BYTES);
  if (cAt < 0 && accumulate) h.set(c.subarray(0, m * n), cAddress / BYTES);
  run(m, n, k, aAddress, transA ? 1 : 0, bAddress, transB ? 1 : 0, cAddress, outAddress, packAddress, RESERVED - TILE_BYTES, accumulate ? 1 : 0);
  if (cAt < 0) {
    c.set(h.subarray(cAddress / BYTES, cAddress / BYTES + m * n));
    return c;
  }
  return c.buffer === h.buffer ? c : new Float64Array(h.buffer, cAt, cLength);
}
