/**
 * Buffer reuse for a gradient function called again and again on the same shapes (a training step):
 * `valueAndGrad(f, { reuseBuffers: true })`. While a pool is active, the rules take their output and gradient arrays
 * from it (`allocate`) instead of `new Float64Array`; at the start of the next call every array handed out during the
 * previous one goes back to the pool. Fresh typed arrays cost a page fault per 4 KiB on first touch (measured: a
 * 2 256×50×50 gemm into a fresh output ran 2.6× slower than into a reused one on this machine), so reuse is what
 * lets a taped step run at the speed of a hand-fused one. Reused arrays are zero-filled, exactly as new ones.
 * Values never depend on which array is reused, so results stay bitwise reproducible.
 *
 * On the wasm backend the pool keeps its arrays resident in the kernels' WebAssembly memory: after a call that
 * needed arrays it did not have (the first one), it lays out one resident arena holding an array of every length
 * that call used, so from the next call on the gemm and elementwise kernels read and write them in place (no copy
 * in or out). Arena views go stale when wasm memory grows (see wasm/heap.ts): the pool re-cuts them at `recycle`,
 * and reserves kernel scratch above the arena so that the kernels need not grow memory during a call.
 */
import { getBackend } from './wasm/backend.js';
import { ensureBytes, kernelMemory, scratchBase, WasmArray } from './wasm/heap.js';

/** Arrays by length; `take` prefers a returned array of the right length. */
export class BufferPool {
  private free = new Map<number, Float64Array[]>();
  private given: Float64Array[] = [];
  /** Whether a `take` since the last recycle found no array to reuse. */
  private missed = false;
  /** The resident arena (wasm backend) and the lengths cut from it, in order. */
  private arena: WasmArray | null = null;
  private layout: number[] = [];
  private cutFrom: ArrayBufferLike | null = null;
  /** Plain arrays only (a call run again after wasm memory grew under it). */
  bypass = false;

  /** A zero-filled array of `length` entries, reused when one was recycled. */
  take(length: number): Float64Array {
    if (this.bypass) return new Float64Array(length);
    const reused = this.free.get(length)?.pop();
    if (reused === undefined) this.missed = true;
    const array = reused === undefined ? new Float64Array(length) : reused.fill(0);
    this.given.push(array);
    return array;
  }

  /** Every array handed out so far becomes available again: whatever they hold is dead from now on. */
  recycle(): void {
    const lengths = this.given.map((a) => a.length);
    // Laying out an arena may grow wasm memory, which would detach the resident arrays of a trace still open
    // (a reusableVjp awaiting its pullback): then this pool waits, reusing plain arrays meanwhile.
    if (this.missed && getBackend() === 'wasm' && openTraces === 0) this.layOut(lengths);
    else if (this.arena !== null && this.cutFrom !== kernelMemory().buffer) this.cut();
    else for (const array of this.given) this.give(array);
    this.given = [];
    this.missed = false;
  }

  /** Whether arrays handed out now live in wasm memory (and go stale if it grows). */
  get resident(): boolean {
    return this.arena !== null && !this.bypass;
  }

  /** Releases the resident arena (the pool keeps working with plain arrays until its next miss). */
  release(): void {
    this.arena?.free();
    this.arena = null;
    this.layout = [];
    this.free = new Map();
  }

  private give(array: Float64Array): void {
    const list = this.free.get(array.length);
    if (list === undefined) this.free.set(array.length, [array]);
    else list.push(array);
  }

  /** A new arena with one resident array per entry of `lengths` (each rounded up to 16 bytes), plus scratch room. */
  private layOut(lengths: number[]): void {
    this.arena?.free();
    this.layout = lengths;
    const total = lengths.reduce((sum, n) => sum + n + (n % 2), 0);
    this.arena = new WasmArray(total);
    // Room above the arena for the kernels' per-call scratch: a gemm copies in at most its non-resident operands and
    // packs one panel, each no larger than the largest array here or an input (the rerun in grad.ts covers the rest).
    ensureBytes(scratchBase() + 4 * 8 * Math.max(0, ...lengths));
    this.cut();
  }

  /** Cuts the arena's current view into the laid-out arrays and makes them the free lists. */
  private cut(): void {
    const data = this.arena!.data;
    this.free = new Map();
    let at = 0;
    for (const n of this.layout) {
      this.give(data.subarray(at, at + n));
      at += n + (n % 2);
    }
    this.cutFrom = data.buffer;
  }
}

let active: BufferPool | null = null;
let openTraces = 0;

/** Counts the traces whose resident arrays must stay attached until their pullback (see BufferPool.recycle). */
export function openTrace(): () => void {
  openTraces++;
  let open = true;
  return () => {
    if (open) openTraces--;
    open = false;
  };
}

/**
 * A zero-filled Float64Array of `length` entries: from the active pool inside a `reuseBuffers` gradient call, else
 * new. Rules allocate their outputs and gradients through this.
 *
 * @example
 * allocate(3); // → Float64Array(3) [0, 0, 0]
 */
export function allocate(length: number): Float64Array {
  return active === null ? new Float64Array(length) : active.take(length);
}

/** Runs `body` with `pool` as the active pool (null: plain allocation). */
export function withPool<T>(pool: BufferPool | null, body: () => T): T {
  const previous = active;
  active = pool;
  try {
    return body();
  } finally {
    active = previous;
  }
}
