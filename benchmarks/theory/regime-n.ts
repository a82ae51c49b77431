/**
 * Issue #16 item 2: `verify` inside the regime at d = 10⁹ (Gram sampler) for growing n, with its cost. For each n the
 * configuration is the one of at-scale.ts (σ_0σ_ξ√d = 0.5, n·SNR² = 1.75, C_µ = 3, η = (1/12)·nmτ/(σ_ξ²d), τ = 0.5,
 * T = ⌈T1⌉ + 150, m = 10), so n is the only thing that changes. Prints one Markdown row per n: wall and CPU seconds,
 * held / failed / undecided counts, the assumption rows that fail, and the verdicts that differ from the first n.
 *
 * Usage: node --conditions=source --import tsx benchmarks/theory/regime-n.ts [mode=single] [n,n,…=20,100,500,1000] [d=1e9]
 */
import { configInsideAssumptions, verify, type VerifyReport } from '@mmcl/theory';

const mode = (process.argv[2] ?? 'single') as 'single' | 'multi';
const ns = (process.argv[3] ?? '20,100,500,1000').split(',').map(Number);
const d = Number(process.argv[4] ?? 1e9);
const s = 0.5;
let first: VerifyReport | undefined;
console.log(`| n | k (Gram rows) | wall s | CPU s | held / failed / undecided | failing assumption rows | verdicts differing from n = ${ns[0]} |`);
console.log('|---|---|---|---|---|---|---|');
for (const n of ns) {
  const config = configInsideAssumptions({ mode, n, m: 10, initScale: s, dFactor: (d * s * s) / (n * n), nSnr2: 1.75, cMu: 3, etaFraction: 1, tau: 0.5, extraSteps: 150, seed: 0, sampler: 'gram' });
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const report = verify(config, { crossEngine: false });
  const used = process.cpuUsage(cpu);
  first ??= report;
  const mark = (h: boolean | null) => (h === true ? '✓' : h === false ? '✗' : '?');
  const differ = report.checks
    .filter((c) => first!.checks.find((x) => x.id === c.id)?.holds !== c.holds)
    .map((c) => `${c.id} ${mark(c.holds)}`);
  const failing = report.assumptions.filter((a) => !a.holds).map((a) => a.id.split(':')[0]);
  const k = (mode === 'single' ? 2 : 1) * n + 10 + config.nTest;
  console.log(`| ${n} | ${k} | ${((performance.now() - wall) / 1000).toFixed(1)} | ${((used.user + used.system) / 1e6).toFixed(1)} | ${report.summary.held} / ${report.summary.failed} / ${report.summary.undecided} | ${failing.join('; ')} | ${differ.join(', ') || '–'} |`);
}
