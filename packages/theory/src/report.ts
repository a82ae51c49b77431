/**
 * Rendering of a VerifyReport: a fixed-width table for the terminal, Markdown, and JSON (non-finite numbers as
 * strings so that the file is valid JSON).
 */
import type { VerifyReport } from './verify.js';
import type { CheckResult, Location } from './types.js';

const verdict = (holds: boolean | null, notApplicable?: string): string =>
  notApplicable ? 'n/a' : holds === null ? 'undecided' : holds ? 'holds' : 'FAILS';

/**
 * A check's location as text.
 *
 * @example
 * import { formatLocation } from '@mmcl/theory/internal';
 * formatLocation({ step: 12, neuron: 3, sample: 7 }); // → "step 12, neuron 3, sample 7"
 * @category Verification and reports
 */
export function formatLocation(location: Location): string {
  const parts: string[] = [];
  if (location.step !== undefined) parts.push(`step ${location.step}`);
  if (location.neuron !== undefined) parts.push(`neuron ${location.neuron}`);
  if (location.sample !== undefined) parts.push(`sample ${location.sample}`);
  const where = parts.join(', ') || '-';
  return location.encoder === 'g' ? `${where} (W~)` : where;
}

const formatNumber = (x: number): string =>
  Number.isNaN(x) ? '-' : Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toPrecision(4)) : String(x);

/**
 * A check's tightness as text: the slack as a percentage of the bound, flagged VACUOUS when the bound is ≥ 10× away
 * from the value at its tightest point; '-' for identities and sign statements.
 *
 * @example
 * import { formatSlack } from '@mmcl/theory/internal';
 * formatSlack({ slack: 0.986, vacuous: true }); // → "98.6% VACUOUS"
 * @category Verification and reports
 */
export function formatSlack(check: Pick<CheckResult, 'slack' | 'vacuous'>): string {
  if (check.slack === undefined) return '-';
  const percent = `${(100 * check.slack).toPrecision(3)}%`;
  return check.vacuous ? `${percent} VACUOUS` : percent;
}

function rows(report: VerifyReport): string[][] {
  return report.checks.map((c: CheckResult) => [c.id, verdict(c.holds, c.notApplicable), formatNumber(c.margin), formatSlack(c), formatLocation(c.location)]);
}

/**
 * The check table as fixed-width text (statement id, holds, margin, slack as a fraction of the bound, location),
 * preceded by a one-line summary.
 *
 * @example
 * import { verify, renderTable } from '@mmcl/theory';
 * renderTable(verify({ d: 400, n: 6, m: 3, steps: 20, populationSamples: 0 })).includes('C.7'); // → true
 * @category Verification and reports
 */
export function renderTable(report: VerifyReport): string {
  const header = ['statement', 'holds', 'margin', 'slack', 'location'];
  const body = rows(report);
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((row) => row[k].length)));
  const line = (row: string[]) => row.map((cell, k) => cell.padEnd(widths[k])).join('  ').trimEnd();
  const { summary, config, times } = report;
  return [
    `${config.mode}-modal, d = ${config.d}, n = ${config.n}, m = ${config.m}, T = ${config.steps}, T1 = ${times.stageOne.toFixed(1)}: ` +
      `${summary.held} held, ${summary.failed} failed, ${summary.undecided} undecided${summary.notApplicable ? `, ${summary.notApplicable} not applicable to ${config.optimizer.name}` : ''}; ` +
      `Assumption 4.1: ${summary.assumptionsHeld} held, ${summary.assumptionsFailed} failed`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n');
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The report as Markdown: configuration, Assumption 4.1 table, stage times, and the check table with details.
 *
 * @example
 * import { verify, renderMarkdown } from '@mmcl/theory';
 * renderMarkdown(verify({ d: 400, n: 6, m: 3, steps: 20, populationSamples: 0 })).startsWith('# '); // → true
 * @category Verification and reports
 */
export function renderMarkdown(report: VerifyReport): string {
  const { config, times, summary, final } = report;
  const out: string[] = [
    `# mmcl verify: ${config.mode}-modal, d = ${config.d}, n = ${config.n}, m = ${config.m}`,
    '',
    `T = ${config.steps} steps, η = ${config.eta}, τ = ${config.tau}, σ_0 = ${config.sigma0}, σ_ξ = ${config.sigmaXi}, σ_ϵ = ${config.sigmaEps}, ‖µ‖ = ${config.muNorm}, ‖µ~‖ = ${config.muTildeNorm}, seed ${config.seed}; ϵ = ${report.options.epsilon}, δ = ${formatNumber(report.options.delta)}.`,
    '',
    `T1 = ${times.stageOne.toFixed(2)} (Lemma ${config.mode === 'single' ? '5.2' : '5.4'}); T* order (Θ̃ = 1) = ${formatNumber(times.convergenceOrder)}. Final loss ${formatNumber(final.loss)}, probe accuracy ${formatNumber(final.testAccuracy)}, population error ${formatNumber(final.populationError)}.`,
    '',
    `**${summary.held} held, ${summary.failed} failed, ${summary.undecided} undecided${summary.notApplicable ? `, ${summary.notApplicable} not applicable` : ''}** of ${summary.checks} checks.`,
    '',
    '## Assumption 4.1',
    '',
    '| condition | kind | lhs | rhs | lhs/rhs | holds | note |',
    '|---|---|---|---|---|---|---|',
    ...report.assumptions.map(
      (a) => `| ${escapeCell(a.id)} | ${a.kind} | ${formatNumber(a.lhs)} | ${formatNumber(a.rhs)} | ${formatNumber(a.ratio)} | ${a.holds ? 'yes' : '**no**'} | ${escapeCell(a.detail)} |`,
    ),
    '',
    '## Statements',
    '',
    '| statement | kind | holds | margin | slack | location | detail |',
    '|---|---|---|---|---|---|---|',
    ...report.checks.map(
      (c) =>
        `| ${escapeCell(c.id)} | ${c.kind} | ${c.holds === false ? '**FAILS**' : verdict(c.holds, c.notApplicable)} | ${formatNumber(c.margin)} | ${formatSlack(c)} | ${formatLocation(c.location)} | ${escapeCell(c.statement)}. ${escapeCell(c.detail)} |`,
    ),
    '',
  ];
  return out.join('\n');
}

/**
 * The report as JSON text; NaN and ±Infinity become the strings "NaN", "Infinity", "-Infinity".
 *
 * @example
 * import { verify, reportToJson } from '@mmcl/theory';
 * JSON.parse(reportToJson(verify({ d: 400, n: 6, m: 3, steps: 20, populationSamples: 0 }))).checks.length > 0; // → true
 * @category Verification and reports
 */
export function reportToJson(report: VerifyReport): string {
  return JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2) + '\n';
}
