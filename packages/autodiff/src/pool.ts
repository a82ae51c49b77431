/**
 * Buffer reuse for a gradient function called again and again on the same shapes (a training step):
 * `valueAndGrad(f, { reuseBuffers: true })`. While a pool is active, the rules take their output and gradient arrays
 * from it (`allocate`) instead of `new Float64Array`; at the start of the next call every array handed out during the
 * previous one goes back to the pool. Fresh typed arrays cost a page fault per 4 KiB on first touch (measured: a
 * 2 256×50×50 gemm into a fresh output ran 2.6× slower than into a reused one on this machine), so reuse is what
 * lets a taped step run at the speed of a hand-fused one. Reused arrays are zero-filled, exactly as new ones.
 * Values never depend on which array is reused, so results stay bitwise reproducible.
 */

/** Arrays by length; `take` prefers a returned array of the right length. */
export class BufferPool {
  private readonly free = new Map<number, Float64Array[]>();
  private given: Float64Array[] = [];

  /** A zero-filled array of `length` entries, reused when one was recycled. */
  take(length: number): Float64Array {
    const reused = this.free.get(length)?.pop();
    const array = reused === undefined ? new Float64Array(length) : reused.fill(0);
    this.given.push(array);
    return array;
  }

  /** Every array handed out so far becomes available again: whatever they hold is dead from now on. */
  recycle(): void {
    for (const array of this.given) {
      const list = this.free.get(array.length);
      if (list === undefined) this.free.set(array.length, [array]);
      else list.push(array);
    }
    this.given = [];
  }
}

let active: BufferPool | null = null;

/**
 * A zero-filled Float64Array of `length` entries: from the active pool inside a `reuseBuffers` gradient call, else
 * new. Rules allocate their outputs and gradients through this.
 *
 * @example
 * allocate(3); // Float64Array(3) [0, 0, 0]
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
