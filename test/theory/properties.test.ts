/**
 * Property tests over configurations inside Assumption 4.1 (Θ̃ factors = 1; see configInsideAssumptions and
 * docs/theory.md). The fast-check seed is fixed so CI is reproducible; set THEORY_FC_SEED to explore others.
 * A failure prints the seed and the shrunk configuration for replay.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { configInsideAssumptions, verify, type RegimeParameters, type VerifyReport } from '@mmcl/theory';
import { regimeParameters } from './regimeArbitrary.js';

const seed = Number(process.env.THEORY_FC_SEED ?? 20241105);
const numRuns = Number(process.env.THEORY_FC_RUNS ?? 8);

/** verify() on a generated configuration; drawn label sets without both classes are discarded (fc.pre). */
function verifyInside(parameters: RegimeParameters): VerifyReport {
  try {
    return verify(configInsideAssumptions(parameters), { crossEngine: false });
  } catch (error) {
    fc.pre((error as { key?: string }).key !== 'seed'); // all labels equal: no hard negatives exist
    throw error;
  }
}

/** Each listed statement held (or, with `allowUndecided`, at least did not fail). */
function expectHeld(report: VerifyReport, ids: string[], allowUndecided = false): void {
  for (const id of ids) {
    const check = report.checks.find((c) => c.id === id);
    assert.ok(check, `missing check ${id}`);
    const ok = check!.holds === true || (allowUndecided && check!.holds === null);
    assert.ok(ok, `${id}: ${check!.detail} at ${JSON.stringify(check!.location)}`);
  }
}

// Statements with no hidden constant: they must hold on every trajectory of a correct engine.
const EXACT = {
  single: ['Lemma 5.1/5.3', 'C.3 (γ monotone)', 'C.7 (ρ = 0)'],
  multi: ['Lemma 5.1/5.3', 'D.3 (γ monotone)', 'D.9 case 1', 'D.9 case 2', 'D.9 case 3'],
};

// Asymptotic statements checked with their proofs' constants that held on all 79 configurations of the regime
// survey (benchmarks/theory/regime-survey.ts 80 11). The others fail on some or all of them: those are findings,
// listed with their numbers in docs/theory.md (not asserted here, and not loosened).
const ASYMPTOTIC = {
  single: ['C.1 (ξ)', 'C.1 (µ)', 'C.11 (B_− growth)', '5.2 (signal small)', 'C.13', 'C.14', 'C.18 (average)', 'C.18 (best iterate)', 'C.18 (γ ≤ 3β)', 'Thm 4.2(2)'],
  multi: ['C.1 (ξ)', 'C.1 (µ)', 'D.3 (sets)', 'D.3 (mixed join)', 'D.9 case 4', 'C.13', 'D.11', 'D.15 (average)', 'D.15 (best iterate)'],
};

test('exact statements (decomposition, monotonicity, dead neurons) hold on every generated configuration', () => {
  fc.assert(
    fc.property(regimeParameters(), (parameters) => {
      expectHeld(verifyInside(parameters), EXACT[parameters.mode]);
    }),
    { seed, numRuns, includeErrorInReport: true },
  );
});

test('asymptotic statements hold with the proofs’ constants, and every verdict agrees with its margin', () => {
  fc.assert(
    fc.property(regimeParameters(), (parameters) => {
      const report = verifyInside(parameters);
      // Undecided is allowed: a finite trajectory cannot refute "in finite time" or reach a lemma horizon.
      expectHeld(report, ASYMPTOTIC[parameters.mode], true);
      for (const check of report.checks) {
        if (check.holds === true) assert.ok(check.margin >= 0, `${check.id} holds with margin ${check.margin}`);
        if (check.holds === false) assert.ok(!(check.margin >= 0), `${check.id} fails with margin ${check.margin}`);
        const step = check.location.step;
        if (step !== undefined) assert.ok(step >= 0 && step <= report.config.steps, `${check.id} step ${step}`);
      }
    }),
    { seed: seed + 1, numRuns, includeErrorInReport: true },
  );
});

test.run();
