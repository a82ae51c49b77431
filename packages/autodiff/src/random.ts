/**
 * Seeded random streams, one per purpose, built on pure-rand's xoroshiro128+ generator.
 *
 * Independence: the stream for purpose number k (see STREAM_PURPOSES) starts from xoroshiro128plus(seed) advanced by
 * k+1 calls to jump(), i.e. (k+1)·2^64 steps, so no two purposes can overlap in any feasible run. Purposes outside
 * the table get a generator seeded from (seed, FNV-1a hash of the name): distinct, but without the jump guarantee.
 *
 * Draws (all in a fixed order, so one seed gives the same bits on every run and machine):
 * - uniform: pure-rand's uniformFloat64, a multiple of 2^−53 in [0, 1) built from 53 random bits (two 32-bit draws);
 * - normal: the Box–Muller transform on two uniforms u1, u2: r = √(−2 ln(1 − u1)), z0 = r·cos(2πu2),
 *   z1 = r·sin(2πu2); z0 is returned first and z1 is kept for the next draw, so normal(3) then normal(3) equals
 *   normal(6);
 * - int: pure-rand's uniformInt (unbiased).
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { AutodiffError } from './errors.js';

/**
 * The purposes with guaranteed-independent (jump-separated) streams, in their fixed jump order.
 *
 * @example
 * for (const purpose of STREAM_PURPOSES) console.log(purpose, createStreams(0)[purpose].uniform(1)[0]);
 * @category Random streams
 */
export const STREAM_PURPOSES = ['data', 'init', 'augmentation', 'negatives', 'probe', 'test', 'shuffle', 'check'] as const;
/**
 * The names of the streams createStreams makes.
 * @category Random streams
 */
export type StreamPurpose = (typeof STREAM_PURPOSES)[number];

/**
 * One seeded stream of random numbers. Mutable: every draw advances it.
 *
 * @example
 * const stream = randomStream(7, 'data');
 * const xi = stream.normal(2000);        // N(0, 1) noise
 * const y = stream.sign();               // a Rademacher label
 * @category Random streams
 */
export class RandomStream {
  private spareNormal: number | null = null;

  constructor(private readonly rng: JumpableRandomGenerator) {}

  /** `count` uniform draws in [0, 1). */
  uniform(count: number): Float64Array {
    return this.uniformInto(new Float64Array(checkCount('uniform', count)));
  }

  /** Fills `out` with uniform draws in [low, high) (default [0, 1)); returns `out`. */
  uniformInto(out: Float64Array, low = 0, high = 1): Float64Array {
    const width = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + width * uniformFloat64(this.rng);
    return out;
  }

  /** `count` standard-normal draws, times `scale`. */
  normal(count: number, scale = 1): Float64Array {
    return this.normalInto(new Float64Array(checkCount('normal', count)), scale);
  }

  /** Fills `out` with N(mean, scale²) draws; returns `out`. */
  normalInto(out: Float64Array, scale = 1, mean = 0): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = mean + scale * this.nextNormal();
    return out;
  }

  /** One standard-normal draw (Box–Muller, second value of each pair cached). */
  nextNormal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const u1 = uniformFloat64(this.rng);
    const u2 = uniformFloat64(this.rng);
    const r = Math.sqrt(-2 * Math.log(1 - u1)); // 1 − u1 ∈ (0, 1], so the log is finite
    const angle = 2 * Math.PI * u2;
    this.spareNormal = r * Math.sin(angle);
    return r * Math.cos(angle);
  }

  /** A uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1) {
      throw new AutodiffError(`int: maxExclusive must be a positive integer, got ${maxExclusive}`);
    }
    return uniformInt(this.rng, 0, maxExclusive - 1);
  }

  /** ±1 with probability ½ each (a Rademacher draw). */
  sign(): number {
    return uniformInt(this.rng, 0, 1) === 0 ? -1 : 1;
  }

  /** A uniformly random permutation of 0..n−1 (Fisher–Yates, from the last position down). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(checkCount('permutation', n));
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /** An independent copy in the same state. */
  clone(): RandomStream {
    const copy = new RandomStream(this.rng.clone());
    copy.spareNormal = this.spareNormal;
    return copy;
  }
}

function checkCount(op: string, count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) throw new AutodiffError(`${op}: count must be a non-negative integer, got ${count}`);
  return count;
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new AutodiffError(`seed must be an integer in 0..4294967295, got ${seed}`);
  }
  return seed;
}

/** FNV-1a, 32 bits, over the UTF-16 code units of a name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * The random stream for one purpose under one seed. Calling it twice gives two streams in the same state.
 *
 * @example
 * const init = randomStream(0, 'init');
 * const w = init.normal(50 * 2000, 0.01); // N(0, 0.01²) weights
 * @category Random streams
 */
export function randomStream(seed: number, purpose: StreamPurpose | string): RandomStream {
  checkSeed(seed);
  const index = (STREAM_PURPOSES as readonly string[]).indexOf(purpose);
  if (index >= 0) {
    const rng = xoroshiro128plus(seed | 0);
    for (let k = 0; k <= index; k++) rng.jump();
    return new RandomStream(rng);
  }
  const h = hashName(purpose);
  // Any state but all-zeros is valid for xoroshiro128+; the 0x9e3779b9 word keeps it non-zero.
  const rng = xoroshiro128plusFromState([h, ~(seed | 0), seed | 0, h ^ 0x9e3779b9]);
  for (let k = 0; k < 16; k++) rng.next(); // let the hash bits spread through the state
  return new RandomStream(rng);
}

/**
 * The independent seeded streams of one run, one per purpose.
 * @category Random streams
 */
export type RandomStreams = { readonly [P in StreamPurpose]: RandomStream } & {
  /** The stream for any purpose name (table names give the same stream as the fields). */
  stream(purpose: string): RandomStream;
};

/**
 * All purpose streams for one seed: data, init, augmentation, negatives, probe, test, shuffle, check.
 *
 * @example
 * const streams = createStreams(42);
 * const noise = streams.data.normal(2000);
 * const weights = streams.init.normal(100, 0.01);
 * @category Random streams
 */
export function createStreams(seed: number): RandomStreams {
  checkSeed(seed);
  const streams: Record<string, unknown> = { stream: (purpose: string) => randomStream(seed, purpose) };
  for (const purpose of STREAM_PURPOSES) streams[purpose] = randomStream(seed, purpose);
  return streams as RandomStreams;
}
