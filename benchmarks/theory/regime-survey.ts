/**
 * How often each paper-1 statement holds on random configurations inside the explicit conditions of Assumption 4.1
 * (Gram sampler, d up to 10¹², δ = REGIME_DELTA), drawn with the same generator as the property tests. Usage: node --conditions=source --import tsx benchmarks/theory/regime-survey.ts [count] [seed]
 */
import fc from 'fast-check';
import { configInsideAssumptions, verify } from '@mmcl/theory';
import { REGIME_DELTA, regimeParameters } from '../../test/theory/regimeArbitrary.js';

const count = Number(process.argv[2] ?? 20);
const seed = Number(process.argv[3] ?? 7);
const tally = new Map<string, { held: number; failed: number; undecided: number; worst: number }>();
const started = performance.now();
for (const parameters of fc.sample(regimeParameters(), { numRuns: count, seed })) {
  let report;
  try {
    report = verify(configInsideAssumptions(parameters), { crossEngine: false, delta: REGIME_DELTA });
  } catch (error) {
    if ((error as { key?: string }).key === 'seed') continue; // all labels equal: no hard negatives exist
    throw error;
  }
  for (const row of report.assumptions) if (!row.holds) {
    const key = `${parameters.mode.padEnd(6)} assumption ${row.id}`;
    const entry = tally.get(key) ?? { held: 0, failed: 0, undecided: 0, worst: Number.POSITIVE_INFINITY };
    entry.failed += 1;
    entry.worst = Math.min(entry.worst, row.ratio);
    tally.set(key, entry);
  }
  for (const check of report.checks) {
    const key = `${parameters.mode.padEnd(6)} ${check.id}`;
    const row = tally.get(key) ?? { held: 0, failed: 0, undecided: 0, worst: Number.POSITIVE_INFINITY };
    if (check.holds === true) row.held += 1;
    else if (check.holds === false) row.failed += 1;
    else row.undecided += 1;
    if (Number.isFinite(check.margin)) row.worst = Math.min(row.worst, check.margin);
    tally.set(key, row);
  }
}
for (const [key, row] of [...tally].sort()) {
  console.log(`${key.padEnd(32)} held ${row.held}  failed ${row.failed}  undecided ${row.undecided}  worst margin ${row.worst.toPrecision(3)}`);
}
console.log(`${count} configurations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
