import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { simulate } from '@mmcl/infomax';
import { configInsideAssumptions, verify, verifyTrajectory } from '@mmcl/theory';
import { copyResult, smallParameters } from './fixtures.js';
import { regimeParameters } from './regimeArbitrary.js';

test('verify() simulates, cross-checks the dense engine and covers every statement family of spec §9', () => {
  const report = verify(configInsideAssumptions(smallParameters('single')), { crossEngine: true });
  const ids = report.checks.map((c) => c.id);
  for (const id of ['Lemma 5.1/5.3', '§8.5 engines', 'C.1 (ξ)', 'C.3 (sets)', 'C.7 (ρ = 0)', 'C.2', 'C.4', 'C.11 (Ψ growth)', '5.2 (signal small)', 'C.13', 'C.14', 'C.17', 'C.18 (average)', 'Thm 4.2(1)', 'Thm 4.2(2)'])
    assert.ok(ids.includes(id), id);
  assert.is(report.checks.find((c) => c.id === '§8.5 engines')!.holds, true);
  assert.is(report.summary.checks, report.summary.held + report.summary.failed + report.summary.undecided);
  const multi = verify(configInsideAssumptions(smallParameters('multi')), { crossEngine: false });
  for (const id of ['D.3 (sets)', 'D.9 case 1', 'D.1', 'D.4', 'D.8 (B_{±,+})', 'D.9 case 4', '5.4 (signal learned)', 'D.11', 'D.14', 'D.15 (ρ small)', 'Thm 4.3(2)'])
    assert.ok(multi.checks.some((c) => c.id === id), id);
});

test('the exact-statement property catches a broken engine, shrinks it and reports the seed for replay', () => {
  // A "broken engine": the trajectory of a correct run with one ρ nudged by 1e-8 half-way through.
  const outcome = fc.check(
    fc.property(regimeParameters('single'), (parameters) => {
      let run;
      try {
        run = simulate(configInsideAssumptions({ ...parameters, extraSteps: 5 }));
      } catch {
        fc.pre(false);
        return;
      }
      const broken = copyResult(run!);
      const t = Math.floor(run!.config.steps / 2);
      broken.h.rho.data[t * run!.config.m * run!.config.n] += 1e-8;
      const decomposition = verifyTrajectory(broken).checks[0];
      return decomposition.holds === true;
    }),
    { seed: 5, numRuns: 3 },
  );
  assert.is(outcome.failed, true);
  assert.is(outcome.seed, 5);
  assert.ok(outcome.counterexample !== null);
  assert.ok(outcome.numShrinks > 0);
});

test.run();
