/**
 * Issue #16 item 2: paper 1's statements measured inside Assumption 4.1 as d grows, through the Gram sampler
 * (../shared/spec/gram-sampler.md), which makes any d cost the same. At fixed n, m and regime parameters, d is swept
 * over 10³ … 10¹² (σ_0 = initScale/(σ_ξ√d), ‖µ‖ from n·SNR², η from the proofs' (1/12)·nmτ/(σ_ξ²d), so T1 and the
 * step count do not depend on d); the Figure-1 configuration (benchmarks/theory/configs/fig1-<mode>.json, explicit
 * sampler) is the reference column. Prints Markdown: every verdict (✓ held, ✗ failed, ? undecided) with its margin,
 * the measured constants (value field: C_ℓ, C.1 deviations, …), T1, the assumption rows, and the time per d.
 *
 * Usage: node --conditions=source --import tsx benchmarks/theory/at-scale.ts [n=200] [m=10] [mode=single] [seed=0]
 */
import { readFileSync } from 'node:fs';
import { configInsideAssumptions, verify, type VerifyReport } from '@mmcl/theory';

const n = Number(process.argv[2] ?? 200);
const m = Number(process.argv[3] ?? 10);
const mode = (process.argv[4] ?? 'single') as 'single' | 'multi';
const seed = Number(process.argv[5] ?? 0);
const initScale = 0.5;
const DS = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

const columns: Array<{ label: string; report: VerifyReport; seconds: number }> = [];
const fig1 = JSON.parse(readFileSync(new URL(`./configs/fig1-${mode}.json`, import.meta.url), 'utf8'));
let started = performance.now();
columns.push({ label: 'Figure 1', report: verify(fig1, { crossEngine: false }), seconds: (performance.now() - started) / 1000 });
for (const d of DS) {
  const config = configInsideAssumptions({
    mode, n, m, initScale, dFactor: (d * initScale * initScale) / (n * n), nSnr2: 1.75, cMu: 3, etaFraction: 1, tau: 0.5,
    extraSteps: 150, seed, sampler: 'gram',
  });
  started = performance.now();
  const report = verify(config, { crossEngine: false });
  columns.push({ label: `d = 1e${Math.round(Math.log10(d))}`, report, seconds: (performance.now() - started) / 1000 });
  process.stderr.write(`d = ${d}: ${columns[columns.length - 1].seconds.toFixed(1)} s\n`);
}

const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : x.toPrecision(3));
const verdict = (holds: boolean | null) => (holds === true ? '✓' : holds === false ? '✗' : '?');
const header = `| statement | ${columns.map((c) => c.label).join(' | ')} |\n|---|${columns.map(() => '---').join('|')}|`;

const last = columns[columns.length - 1].report;
console.log(`${mode}-modal, n = ${n}, m = ${m}, seed ${seed}; regime: σ_0σ_ξ√d = ${initScale}, n·SNR² = 1.75, C_µ = 3, η = (1/12)·nmτ/(σ_ξ²d), τ = 0.5, T = ⌈T1⌉ + 150 = ${last.config.steps}; δ = 1/d, ϵ = 0.05.\n`);
console.log('Verdicts and margins (signed slack in the statement\'s own units):\n');
console.log(header);
for (const check of columns[0].report.checks) {
  const cells = columns.map(({ report }) => {
    const c = report.checks.find((x) => x.id === check.id);
    return c ? `${verdict(c.holds)} ${fmt(c.margin)}` : '';
  });
  console.log(`| ${check.id} | ${cells.join(' | ')} |`);
}
console.log('\nMeasured values (the check\'s `value`: estimated constants and measured quantities):\n');
console.log(header);
for (const check of columns[0].report.checks) {
  const cells = columns.map(({ report }) => fmt(report.checks.find((x) => x.id === check.id)?.value));
  if (cells.some((c) => c !== '–')) console.log(`| ${check.id} | ${cells.join(' | ')} |`);
}
console.log(`| T1 (Lemma ${mode === 'single' ? '5.2' : '5.4'}) | ${columns.map(({ report }) => fmt(report.times.stageOne)).join(' | ')} |`);
console.log(`| final loss | ${columns.map(({ report }) => fmt(report.final.loss)).join(' | ')} |`);
console.log(`| test accuracy | ${columns.map(({ report }) => fmt(report.final.testAccuracy)).join(' | ')} |`);
console.log('\nAssumption 4.1 and proof constants (lhs/rhs; ✓ holds):\n');
console.log(header);
for (const row of last.assumptions) {
  const cells = columns.map(({ report }) => {
    const a = report.assumptions.find((x) => x.id === row.id);
    return a ? `${a.holds ? '✓' : '✗'} ${fmt(a.ratio)}` : '';
  });
  console.log(`| ${row.id} | ${cells.join(' | ')} |`);
}
console.log(`| seconds (verify) | ${columns.map((c) => c.seconds.toFixed(1)).join(' | ')} |`);
