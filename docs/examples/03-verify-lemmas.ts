/**
 * Check the lemmas of Huang et al. (2024) along a trajectory: once on a configuration inside Assumption 4.1
 * (built by configInsideAssumptions), once on a configuration of your own outside it.
 *
 * Run: node --conditions=source --import tsx docs/examples/03-verify-lemmas.ts
 */
import { configInsideAssumptions, renderTable, verify } from '@mmcl/theory';

const inside = configInsideAssumptions({
  mode: 'single', n: 8, m: 4, initScale: 0.5, dFactor: 1, nSnr2: 1.75, cMu: 3, etaFraction: 1, tau: 0.5,
  extraSteps: 30, seed: 0,
});
const outside = { mode: 'single', d: 300, n: 20, m: 10, steps: 40, muNorm: 2, seed: 3 } as const;

for (const [name, config] of [['inside Assumption 4.1', inside], ['outside (d < n², no σ_ϵ bound)', outside]] as const) {
  const report = verify(config);
  console.log(`\n${name}\n${renderTable(report)}`);
  const exact = report.checks.filter((c) => c.kind === 'exact');
  const exactFailed = exact.filter((c) => c.holds === false).map((c) => c.id);
  console.log(`exact statements: ${exact.length - exactFailed.length} of ${exact.length} held` +
    (exactFailed.length ? ` (failed: ${exactFailed.join(', ')})` : ''));
  // Inside the assumptions, a statement with no hidden constant must hold; outside, a failure is a finding.
  if (config === inside && exactFailed.length > 0) process.exit(1);
}
