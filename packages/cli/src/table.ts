/** Plain-text tables and CSV, the two textual outputs of the commands. */

/** Left-aligned columns separated by two spaces; the first row is the header, underlined. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: readonly string[]) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n') + '\n';
}

/** "mean ± sd" with `digits` decimals. */
export function meanSd(mean: number, sd: number, digits = 3): string {
  return `${mean.toFixed(digits)} ± ${sd.toFixed(digits)}`;
}

/** CSV text with a header row. Numbers are written in full (shortest round-trip form), empty cells stay empty. */
export function toCsv(header: readonly string[], rows: readonly (readonly (number | string | undefined)[])[]): string {
  const cell = (v: number | string | undefined) => (v === undefined ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n';
}
