/**
 * fast-check generator of configurations inside every explicit condition of Assumption 4.1 and its proofs that a
 * small n allows, drawn through the Gram sampler (sampler "gram", so d is free up to 10¹²) — not with the hidden
 * Θ̃ factors set to 1 at the boundary. With δ = REGIME_DELTA (pass it to verify):
 *   d ≥ 10·n² (4.1(1) with room), d > 10000·log(6n²/δ), Lemma B.2's anti-concentration bound, σ_0σ_ξ√d ≤ 1 (4.1(3)),
 *   η ≤ (1/12)·nmτ/(σ_ξ²d), σ_ϵ = σ_ξ/200, n·SNR² ∈ [1.7, 1.8], C_µ ≥ 2.66, α = log(3MT*) ≥ 20τ;
 * d is drawn log-uniformly between the largest of these lower bounds (×1.01) and 10¹². What n in [6, 12] does not
 * allow is left violated and listed in N_LIMITED: n ≥ 2500·log(4/δ) (Lemma C.4), n ≥ 1.28·10⁶·log(4/δ) (D.8) and
 * M ≥ 100·C_ℓ − 1 (M ≈ n/2 hard negatives). One simulation plus every check takes well under a second.
 */
import fc from 'fast-check';
import type { RegimeParameters } from '@mmcl/theory';

/** The failure probability δ the generated configurations are inside the conditions for. */
export const REGIME_DELTA = 0.2;

/** The assumption rows a configuration of n ≤ 12 cannot satisfy (they need n in the thousands or M ≥ 100). */
export const N_LIMITED = ['Lemma C.4: n ≥ 2500 log(4/δ)', 'Lemma D.8: n ≥ 1280000 log(4/δ)', 'proofs: M ≥ 100 C_ℓ − 1 (C_ℓ = 1.01)'];

const D_MAX = 1e12;

/** The smallest d inside the explicit conditions for (n, m, σ_0σ_ξ√d = s), at δ = REGIME_DELTA. */
export function smallestRegimeDimension(n: number, m: number, s: number): number {
  const delta = REGIME_DELTA;
  // Lemma B.2: d ≥ (400n/(σ_0σ_ξ))·B with σ_0σ_ξ = s/√d, i.e. √d ≥ 400·n·B/s.
  const B = Math.sqrt(Math.log((6 * n) / delta) / (-Math.PI * Math.log1p(-(delta * delta) / (4 * m * m))));
  const antiConcentration = ((400 * n * B) / s) ** 2;
  // d > 10000 log(6n²/δ) and d ≥ n/(σ_0σ_ξ) = n√d/s, i.e. d ≥ n²/s².
  return 1.01 * Math.max(10 * n * n, (n * n) / (s * s), 10000 * Math.log((6 * n * n) / delta), antiConcentration);
}

export const regimeParameters = (mode?: 'single' | 'multi'): fc.Arbitrary<RegimeParameters> =>
  fc
    .record({
      mode: mode ? fc.constant(mode) : fc.constantFrom<'single' | 'multi'>('single', 'multi'),
      n: fc.integer({ min: 6, max: 12 }),
      m: fc.integer({ min: 2, max: 4 }),
      initScale: fc.double({ min: 0.5, max: 1, noNaN: true }),
      /** Where d lies between its smallest in-regime value (0) and 10¹² (1), on a log scale. */
      dPosition: fc.double({ min: 0, max: 1, noNaN: true }),
      nSnr2: fc.double({ min: 1.7, max: 1.8, noNaN: true }),
      cMu: fc.double({ min: 2.66, max: 4, noNaN: true }),
      etaFraction: fc.double({ min: 0.5, max: 1, noNaN: true }),
      tau: fc.double({ min: 0.2, max: 0.4, noNaN: true }),
      seed: fc.integer({ min: 0, max: 100000 }),
    })
    .map(({ dPosition, ...p }) => {
      const dMin = smallestRegimeDimension(p.n, p.m, p.initScale);
      const d = dMin * (D_MAX / dMin) ** dPosition;
      return { ...p, dFactor: (d * p.initScale * p.initScale) / (p.n * p.n), extraSteps: 40, sampler: 'gram' as const };
    });
