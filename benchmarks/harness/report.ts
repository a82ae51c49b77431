/** The benchmark report: rows of timings and agreement checks, printed as Markdown and saved as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatError, formatMs, formatRatio, median } from './stats.js';

export interface Agreement {
  /** Quantity name → norm-wise relative difference (see stats.relativeDifference). */
  differences: Record<string, number>;
  tolerance: number;
}

export interface Row {
  section: string;
  name: string;
  /** Repetition times in ms. */
  mmclMs: number[];
  referenceMs: number[];
  /** What one time covers, e.g. "200 steps, end to end". */
  unit: string;
  agreement?: Agreement;
  /** Target speed-up (reference time / mmcl time) from the issue, if any. */
  target?: number;
  note?: string;
}

export function speedup(row: Row): number {
  return median(row.referenceMs) / median(row.mmclMs);
}

export function agrees(a: Agreement): boolean {
  return Object.values(a.differences).every((d) => d <= a.tolerance);
}

function agreementCell(a?: Agreement): string {
  if (!a) return '';
  const parts = Object.entries(a.differences).map(([k, d]) => `${k} ${formatError(d)}`);
  return `${agrees(a) ? 'ok' : 'FAIL'} (${parts.join(', ')})`;
}

function targetCell(row: Row): string {
  if (row.target === undefined) return '';
  const s = speedup(row);
  return s >= row.target ? `≥ ${row.target}×: met` : `≥ ${row.target}×: missed by ${formatRatio(row.target / s)}`;
}

export class Report {
  readonly rows: Row[] = [];
  readonly extra: Array<{ title: string; markdown: string }> = [];
  /**
   * @param sectionOrder row sections in reading order (a row goes to the longest matching prefix; others last)
   * @param extraOrder the same for the extra Markdown sections, by title prefix
   */
  constructor(
    readonly machine: Record<string, string>,
    private readonly sectionOrder: string[] = [],
    private readonly extraOrder: string[] = [],
  ) {}

  private ordered<T>(items: T[], key: (item: T) => string, order: string[]): T[] {
    const rank = (item: T) => {
      let best = order.length;
      let bestLength = -1;
      order.forEach((prefix, k) => {
        if (key(item).startsWith(prefix) && prefix.length > bestLength) [best, bestLength] = [k, prefix.length];
      });
      return best;
    };
    return items.map((item, k) => ({ item, k, r: rank(item) })).sort((a, b) => a.r - b.r || a.k - b.k).map((x) => x.item);
  }

  add(row: Row): void {
    this.rows.push(row);
    process.stdout.write(`  ${row.section} | ${row.name}: mmcl ${formatMs(median(row.mmclMs))}, ` +
      `PyTorch ${formatMs(median(row.referenceMs))}, speed-up ${formatRatio(speedup(row))} ${agreementCell(row.agreement)}\n`);
  }

  addSection(title: string, markdown: string): void {
    this.extra.push({ title, markdown });
    process.stdout.write(`\n### ${title}\n\n${markdown}\n`);
  }

  table(): string {
    const head = '| case | what one time covers | mmcl (median) | PyTorch (median) | speed-up (PyTorch / mmcl) | target | trajectories agree (rel. diff) | reps |\n' +
      '|---|---|---:|---:|---:|---|---|---:|';
    const lines = this.ordered(this.rows, (r) => r.section, this.sectionOrder).map((r) => `| ${r.section}: ${r.name} | ${r.unit} | ${formatMs(median(r.mmclMs))} | ` +
      `${formatMs(median(r.referenceMs))} | ${formatRatio(speedup(r))} | ${targetCell(r)} | ${agreementCell(r.agreement)} | ` +
      `${r.mmclMs.length} |`);
    return [head, ...lines].join('\n');
  }

  markdown(): string {
    const machine = Object.entries(this.machine).map(([k, v]) => `- ${k}: ${v}`).join('\n');
    const notes = this.rows.filter((r) => r.note).map((r) => `- ${r.section}: ${r.name}: ${r.note}`).join('\n');
    const extra = this.ordered(this.extra, (e) => e.title, this.extraOrder).map((e) => `### ${e.title}\n\n${e.markdown}`).join('\n\n');
    return `## Results\n\n${this.table()}\n\n${notes ? `Notes:\n\n${notes}\n\n` : ''}${extra}\n\n## Machine\n\n${machine}\n`;
  }

  save(path: string): void {
    mkdirSync(dirname(path), { recursive: true });
    const rows = this.rows.map((r) => ({ ...r, mmclMedianMs: median(r.mmclMs), referenceMedianMs: median(r.referenceMs), speedup: speedup(r) }));
    writeFileSync(path, JSON.stringify({ machine: this.machine, rows, sections: this.extra }, null, 2) + '\n');
    writeFileSync(path.replace(/\.json$/, '.md'), this.markdown());
  }

  /** Whether every trajectory check passed (the process exit status). */
  allAgree(): boolean {
    return this.rows.every((r) => !r.agreement || agrees(r.agreement));
  }
}
