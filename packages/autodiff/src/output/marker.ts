/**
 * The marker file that makes an output folder recognisably mmcl's own.
 *
 * Every folder mmcl writes (and every staging folder it writes into) holds `.mmcl-output.json`, naming the command,
 * its options and, once complete, every file mmcl put there. A folder without the marker was not written by mmcl and
 * is never replaced or deleted; a marked folder that holds a file missing from its list holds the user's file and is
 * not replaced either (docs/cli.md, "What mmcl writes and never touches").
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files.js';

/** File name of the marker inside an output or staging folder. */
export const MARKER = '.mmcl-output.json';

/** What the marker records. */
export interface OutputMarker {
  readonly mmcl: 'output';
  /** The mmcl command that wrote the folder. */
  readonly command: string;
  /** The command's options (as resolved), for the reader and for --resume diagnostics. */
  readonly options: unknown;
  /** True while the folder is a staging folder (`.NAME.partial`) of a run in progress or stopped. */
  readonly staging: boolean;
  /** True when the command can continue a stopped run of its staging folder (it has --resume). */
  readonly resumable?: boolean;
  /** Every file mmcl wrote, relative to the folder, '/'-separated, sorted (complete folders only). */
  readonly files: readonly string[];
}

/** Reads the marker of `folder`; undefined when there is none or it is not an mmcl marker. */
export function readMarker(folder: string): OutputMarker | undefined {
  const path = join(folder, MARKER);
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as OutputMarker;
    return value?.mmcl === 'output' && typeof value.command === 'string' && Array.isArray(value.files) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the marker of `folder` atomically. */
export function writeMarker(folder: string, marker: Omit<OutputMarker, 'mmcl'>): void {
  writeFileAtomic(join(folder, MARKER), JSON.stringify({ mmcl: 'output', ...marker }, null, 2) + '\n');
}

/**
 * Every file and folder under `folder` (relative, '/'-separated, sorted), the marker excluded. Folders are listed
 * too, so an empty folder the user added counts as foreign.
 *
 * @example
 * import { mkdirSync, writeFileSync } from 'node:fs';
 * mkdirSync('runs/fig1/seed-0', { recursive: true });
 * writeFileSync('runs/fig1/fig1.csv', '');
 * writeFileSync('runs/fig1/seed-0/config.json', '{}');
 * listEntries('runs/fig1'); // → ['fig1.csv', 'seed-0', 'seed-0/config.json']
 */
export function listEntries(folder: string, prefix = ''): string[] {
  const entries: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (prefix === '' && name === MARKER) continue;
    const relative = prefix + name;
    entries.push(relative);
    if (statSync(join(folder, name)).isDirectory()) entries.push(...listEntries(join(folder, name), relative + '/'));
  }
  return entries;
}

/** The entries of a marked `folder` that its marker does not list: files and folders mmcl did not write. */
export function foreignEntries(folder: string, marker: OutputMarker): string[] {
  const own = new Set(marker.files);
  return listEntries(folder).filter((entry) => !own.has(entry));
}
