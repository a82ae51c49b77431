/**
 * fast-check generator of configurations inside Assumption 4.1 (Θ̃ factors = 1, see configInsideAssumptions),
 * small enough that one simulation plus all checks takes well under a second.
 */
import fc from 'fast-check';
import type { RegimeParameters } from '@mmcl/theory';

export const regimeParameters = (mode?: 'single' | 'multi'): fc.Arbitrary<RegimeParameters> =>
  fc.record({
    mode: mode ? fc.constant(mode) : fc.constantFrom<'single' | 'multi'>('single', 'multi'),
    n: fc.integer({ min: 6, max: 10 }),
    m: fc.integer({ min: 2, max: 5 }),
    initScale: fc.double({ min: 0.2, max: 0.6, noNaN: true }),
    dFactor: fc.double({ min: 2, max: 6, noNaN: true }),
    nSnr2: fc.double({ min: 1.7, max: 1.8, noNaN: true }),
    cMu: fc.double({ min: 2.66, max: 4, noNaN: true }),
    etaFraction: fc.double({ min: 0.5, max: 1, noNaN: true }),
    tau: fc.double({ min: 0.2, max: 1, noNaN: true }),
    extraSteps: fc.constant(40),
    seed: fc.integer({ min: 0, max: 100000 }),
  });
