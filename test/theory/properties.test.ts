/**
 * Property tests over configurations inside the explicit conditions of Assumption 4.1 that n allows, drawn through
 * the Gram sampler with d up to 10¹² (regimeArbitrary.ts; not Θ̃ = 1). The fast-check seed is fixed so CI is
 * reproducible; set THEORY_FC_SEED / THEORY_FC_RUNS to explore others. A failure shrinks to a minimal configuration
 * and prints it with its simulation seed and the fast-check seed and path for replay.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { configInsideAssumptions, verify, type RegimeParameters, type VerifyReport } from '@mmcl/theory';
import { N_LIMITED, REGIME_DELTA, regimeParameters } from './regimeArbitrary.js';

const seed = Number(process.env.THEORY_FC_SEED ?? 20241105);
const numRuns = Number(process.env.THEORY_FC_RUNS ?? 8);

/** verify() on a generated configuration; drawn label sets without both classes are discarded (fc.pre). */
function verifyInside(parameters: RegimeParameters): VerifyReport {
  try {
    return verify(configInsideAssumptions(parameters), { crossEngine: false, delta: REGIME_DELTA });
  } catch (error) {
    fc.pre((error as { key?: string }).key !== 'seed'); // all labels equal: no hard negatives exist
    throw error;
  }
}

const replay = (p: RegimeParameters) => `simulation seed ${p.seed}, d = ${configInsideAssumptions(p).d}: ${JSON.stringify(p)}`;

// Statements with no hidden constant: they must hold on every trajectory of a correct engine.
const EXACT = {
  single: ['Lemma 5.1/5.3', 'C.3 (γ monotone)', 'C.7 (ρ = 0)'],
  multi: ['Lemma 5.1/5.3', 'D.3 (γ monotone)', 'D.9 case 1', 'D.9 case 2', 'D.9 case 3'],
};

// Asymptotic statements checked with their proofs' constants that held whenever decided on the configurations of the
// regime survey (benchmarks/theory/regime-survey.ts 40 11). The others fail on some or all of them: those are
// findings, listed with their numbers in docs/theory.md (not asserted here, and not loosened).
const ASYMPTOTIC = {
  single: [
    'C.1 (ξ)', 'C.1 (µ)', 'C.3 (sets)', 'C.4', 'C.7 (I_− invariant)', 'C.11 (B_− growth)', '5.2 (signal small)', 'C.13', 'C.14',
    'C.18 (average)', 'C.18 (best iterate)', 'C.18 (γ ≤ 3β)', 'Thm 4.2(2)',
  ],
  multi: ['C.1 (ξ)', 'C.1 (µ)', 'D.3 (sets)', 'D.3 (mixed join)', 'D.9 (cells invariant)', 'D.9 case 4', 'C.13', 'D.11', 'D.15 (average)', 'D.15 (best iterate)'],
};

/** Below this share of decided (held or failed) verdicts over all runs, "holds whenever decided" says too little. */
const MIN_DECIDED_SHARE = 0.8;

test('generated configurations are inside every explicit condition n allows; exact statements hold on each', () => {
  fc.assert(
    fc.property(regimeParameters(), (parameters) => {
      const report = verifyInside(parameters);
      for (const row of report.assumptions) {
        if (N_LIMITED.includes(row.id)) continue;
        assert.ok(row.holds, `${row.id} fails (lhs/rhs = ${row.ratio}) at ${replay(parameters)}`);
      }
      for (const id of EXACT[parameters.mode]) {
        const check = report.checks.find((c) => c.id === id);
        assert.ok(check?.holds === true, `${id}: ${check?.detail} at ${JSON.stringify(check?.location)}, ${replay(parameters)}`);
      }
    }),
    { seed, numRuns, includeErrorInReport: true },
  );
});

test(`asymptotic statements hold whenever decided, at least ${MIN_DECIDED_SHARE * 100} % are decided, and verdicts agree with margins`, () => {
  let decided = 0;
  let total = 0;
  fc.assert(
    fc.property(regimeParameters(), (parameters) => {
      const report = verifyInside(parameters);
      for (const id of ASYMPTOTIC[parameters.mode]) {
        const check = report.checks.find((c) => c.id === id);
        assert.ok(check, `missing check ${id}`);
        total += 1;
        if (check!.holds !== null) decided += 1;
        assert.ok(check!.holds !== false, `${id}: ${check!.detail} at ${JSON.stringify(check!.location)}, ${replay(parameters)}`);
      }
      for (const check of report.checks) {
        if (check.holds === true) assert.ok(check.margin >= 0, `${check.id} holds with margin ${check.margin}`);
        if (check.holds === false) assert.ok(!(check.margin >= 0), `${check.id} fails with margin ${check.margin}`);
        const step = check.location.step;
        if (step !== undefined) assert.ok(step >= 0 && step <= report.config.steps, `${check.id} step ${step}`);
      }
    }),
    { seed: seed + 1, numRuns, includeErrorInReport: true },
  );
  assert.ok(total > 0 && decided / total >= MIN_DECIDED_SHARE, `only ${decided} of ${total} asymptotic verdicts were decided`);
});

test.run();
