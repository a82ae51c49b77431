/** Shared generators for the autodiff tests (not a test file itself). */
import fc from 'fast-check';
import { Tensor, randomStream } from '@mmcl/autodiff';

/** fast-check runs are seeded so CI is reproducible; a failure prints the seed and path to replay. */
fc.configureGlobal({ seed: 20241105, numRuns: 20 });

/** A tensor of the given shape with N(0, scale²) entries drawn from a seeded stream. */
export function randomTensor(shape: readonly number[], seed: number, scale = 1, shift = 0): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  return new Tensor(randomStream(seed, 'check').normalInto(new Float64Array(size), scale, shift), shape);
}

/** Shapes of rank 0..maxRank with dimensions 1..maxDim. */
export function shapeArb(maxRank = 3, maxDim = 4, minRank = 0): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

/** Two shapes that broadcast together: each is the output shape with some dims set to 1 and leading dims dropped. */
export const broadcastPairArb = shapeArb(3, 3, 1).chain((out) =>
  fc.tuple(
    fc.constant(out),
    fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    fc.integer({ min: 0, max: out.length }),
    fc.integer({ min: 0, max: out.length }),
  ).map(([o, onesA, onesB, dropA, dropB]) => {
    const a = o.map((d, k) => (onesA[k] ? 1 : d)).slice(dropA);
    const b = o.map((d, k) => (onesB[k] ? 1 : d)).slice(dropB);
    // The shape they actually broadcast to (dims set to 1 on both sides stay 1).
    const rank = Math.max(a.length, b.length);
    const out = Array.from({ length: rank }, (_, k) => Math.max(a[k - rank + a.length] ?? 1, b[k - rank + b.length] ?? 1));
    return { out, a, b };
  }),
);

export const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** |a − b| ≤ tol·max(1, |a|, |b|) for all entries. */
export function allClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (Object.is(a[i], b[i])) continue;
    if (!(Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(a[i]), Math.abs(b[i])))) return false;
  }
  return true;
}

export function bitwiseEqual(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
