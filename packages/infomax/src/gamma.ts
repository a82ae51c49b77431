/**
 * Gamma and χ² draws exact in distribution for any shape (Marsaglia & Tsang 2000, "A simple method for generating
 * gamma variables", with the boost Gamma(a) = Gamma(a + 1)·U^{1/a} for a < 1), from one of the project's seeded
 * streams. The Gram sampler (gramSampler.ts) draws the Bartlett factor's diagonal with them, at degrees of freedom
 * up to ~10¹², where a normal approximation would not be exact.
 */
import type { RandomStream } from '@mmcl/autodiff';

/**
 * One Gamma(shape, 1) draw. Marsaglia–Tsang rejection: with b = a − 1/3, c = 1/√(9b), x ~ N(0, 1) and
 * v = (1 + c x)³ > 0, accept b·v when u < 1 − 0.0331 x⁴ (squeeze) or log u < x²/2 + b(1 − v + log v); the log test
 * is evaluated through log1p/expm1 so that it stays accurate when b ~ 10¹² makes c x ~ 10⁻⁶. Each attempt takes one
 * normal and one uniform from the stream, in that order; a < 1 takes one more uniform after acceptance.
 *
 * @example
 * import { randomStream } from '@mmcl/autodiff';
 * import { gammaDraw } from '@mmcl/infomax/internal';
 * const stream = randomStream(0, 'data');
 * gammaDraw(stream, 0.5) > 0; // → true
 * @category Gram-space sampler
 */
export function gammaDraw(stream: RandomStream, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gammaDraw: shape must be a finite number > 0, got ${shape}`);
  if (shape < 1) {
    const boosted = gammaDraw(stream, shape + 1);
    const u = stream.uniform(1)[0];
    // U^{1/a} with U ∈ (0, 1]: 1 − u avoids U = 0, whose power would turn a positive draw into 0.
    return boosted * Math.pow(1 - u, 1 / shape);
  }
  const b = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * b);
  for (;;) {
    const x = stream.nextNormal();
    const cx = c * x;
    const u = stream.uniform(1)[0];
    if (cx <= -1) continue; // v ≤ 0: reject (the uniform is still consumed, so the draw count per attempt is fixed)
    const logV = 3 * Math.log1p(cx);
    const vMinusOne = Math.expm1(logV);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return b + b * vMinusOne;
    // 1 − v + log v = log v − (v − 1): both terms small near v = 1, computed without cancellation against 1.
    if (Math.log(u) < 0.5 * x2 + b * (logV - vMinusOne)) return b + b * vMinusOne;
  }
}

/**
 * One χ²(dof) draw = 2·Gamma(dof/2), exact for any real dof > 0.
 *
 * @example
 * import { randomStream } from '@mmcl/autodiff';
 * import { chiSquareDraw } from '@mmcl/infomax/internal';
 * const draw = chiSquareDraw(randomStream(0, 'data'), 1e12);
 * // sd is √(2·10¹²) ≈ 1.4·10⁶
 * Math.abs(draw / 1e12 - 1) < 1e-4; // → true
 * @category Gram-space sampler
 */
export function chiSquareDraw(stream: RandomStream, dof: number): number {
  return 2 * gammaDraw(stream, dof / 2);
}
