/**
 * The WebAssembly memory the kernels work in, and the operands that live in it.
 *
 * Layout: [0, RESERVED) kernel scratch (the edge tile); then resident arrays (`wasmArray`), first-fit; above the
 * highest resident array, per-call scratch (copied-in operands, packed B, sums), which each kernel call reuses.
 *
 * **View invalidation.** Growing a WebAssembly memory detaches its old ArrayBuffer: every Float64Array view of it
 * then has length 0. Memory grows when a resident array is allocated or a gemm needs more scratch than any before.
 * So never keep a view across such calls: read `WasmArray.data` again (it always returns a live view), and use
 * gemm's return value rather than the C view you passed in. Growth is geometric, so it is rare after warm-up.
 *
 * Internal to @mmcl/autodiff except for `wasmArray` / `WasmArray`.
 */
import { InputError } from '../errors.js';

const PAGE = 65536;
const ALIGN = 16;
/** Bytes at the bottom of memory reserved for kernel scratch. */
export const RESERVED = 1024;

const memory = new WebAssembly.Memory({ initial: 16 });
let view = new Float64Array(memory.buffer);

interface Block {
  offset: number;
  bytes: number;
  free: boolean;
}
/** Resident blocks, sorted by offset, contiguous from RESERVED. */
const blocks: Block[] = [];

/** The memory the kernel module imports. */
export function kernelMemory(): WebAssembly.Memory {
  return memory;
}

/** A live Float64Array over the whole memory (a new one after growth). */
export function heap(): Float64Array {
  if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
  return view;
}

/** Grows memory (geometrically) so that bytes [0, end) exist. */
export function ensureBytes(end: number): void {
  const have = memory.buffer.byteLength;
  if (end <= have) return;
  const pages = Math.ceil(Math.max(end, have * 1.5) / PAGE) - have / PAGE;
  try {
    memory.grow(pages);
  } catch {
    throw new RangeError(`wasm memory: cannot grow to ${end} bytes (${(end / 2 ** 30).toFixed(2)} GiB); free resident arrays or use MMCL_BACKEND=js`);
  }
}

/** The first byte above every resident array: per-call scratch starts here. */
export function scratchBase(): number {
  const last = blocks[blocks.length - 1];
  return last ? last.offset + last.bytes : RESERVED;
}

/** The byte offset of `x` in wasm memory, or −1 when it is an ordinary (JavaScript-heap) array. */
export function residentOffset(x: Float64Array): number {
  return x.buffer === memory.buffer ? x.byteOffset : -1;
}

function allocate(bytes: number): Block {
  const size = Math.ceil(Math.max(bytes, ALIGN) / ALIGN) * ALIGN;
  const index = blocks.findIndex((b) => b.free && b.bytes >= size);
  if (index >= 0) {
    const block = blocks[index];
    if (block.bytes > size) blocks.splice(index + 1, 0, { offset: block.offset + size, bytes: block.bytes - size, free: true });
    block.bytes = size;
    block.free = false;
    return block;
  }
  const block = { offset: scratchBase(), bytes: size, free: false };
  ensureBytes(block.offset + size);
  blocks.push(block);
  return block;
}

function release(block: Block): void {
  block.free = true;
  const index = blocks.indexOf(block);
  const next = blocks[index + 1];
  if (next?.free) { block.bytes += next.bytes; blocks.splice(index + 1, 1); }
  const previous = blocks[index - 1];
  if (previous?.free) { previous.bytes += block.bytes; blocks.splice(index, 1); }
  while (blocks.length > 0 && blocks[blocks.length - 1].free) blocks.pop();
}

/**
 * A float64 array that lives in the kernels' WebAssembly memory, so gemm reads and writes it in place instead of
 * copying it in and out. For operands that live across steps (Gram matrices, weights, reference sets). `data`
 * is a live view: re-read it after anything that may grow memory (see the module comment); `free()` returns the
 * space.
 *
 * @example
 * const x = new Float64Array(100 * 2000).fill(1);  // 100 inputs of dimension 2000
 * const w = wasmArray(50 * 2000);
 * w.data.fill(0.5);                                 // fill it (weights 50×2000)
 * const y = gemm(false, true, 100, 50, 2000, x, w.data, new Float64Array(100 * 50));
 * y[0]; // → 1000
 * w.free();
 * @category Kernels
 */
export class WasmArray {
  /** Number of float64 entries. */
  readonly length: number;
  private block: Block | null;
  private cached: Float64Array | null = null;

  /** Allocates `length` zero-filled entries; prefer {@link wasmArray}. */
  constructor(length: number) {
    if (!Number.isInteger(length) || length < 0) throw new InputError(`wasmArray: length must be an integer ≥ 0 (got ${length})`);
    this.length = length;
    this.block = allocate(length * 8);
    this.data.fill(0);
  }

  /** A live Float64Array view of the array (a new object after memory growth; the contents stay). */
  get data(): Float64Array {
    if (!this.block) throw new InputError('WasmArray: used after free(); allocate a new one with wasmArray(length)');
    if (!this.cached || this.cached.buffer !== memory.buffer) this.cached = new Float64Array(memory.buffer, this.block.offset, this.length);
    return this.cached;
  }

  /** Returns the space to the allocator; the array must not be used afterwards. */
  free(): void {
    if (this.block) release(this.block);
    this.block = null;
    this.cached = null;
  }
}

/**
 * Allocates a zero-filled resident float64 array of `length` entries in wasm memory. See {@link WasmArray}.
 *
 * @example
 * const gram = wasmArray(100 * 100);
 * gram.data[0] = 1;
 * @category Kernels
 */
export function wasmArray(length: number): WasmArray {
  return new WasmArray(length);
}
