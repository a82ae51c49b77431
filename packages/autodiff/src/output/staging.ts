/**
 * The one way mmcl writes an output folder: it appears only when complete, and never at the expense of anything mmcl
 * did not write. Used by every command of the mmcl CLI and by `writeRunDirectory`.
 *
 * Files go to a hidden staging sibling (`.NAME.partial` beside `NAME`) that carries the marker of marker.ts; `commit`
 * lists every file in the marker and renames the staging folder into place. Before any work `stageFolder` refuses
 * a target that is a file, a non-empty folder mmcl did not write, or mmcl's own earlier result without `overwrite`;
 * even with `overwrite` a folder holding an entry mmcl did not write is refused. A staging folder left by a killed
 * run is reused (`resumable`) or replaced by the next run of the same command; one without mmcl's marker is never
 * touched. A commit cut short between its renames is finished by the next `stageFolder` of the same target, so a
 * complete result is never lost.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../files.js';
import { MARKER, foreignEntries, listEntries, readMarker, writeMarker, type OutputMarker } from './marker.js';

/** A folder being written: files go to `staging` until `commit` renames it to `final`. */
export interface StagedFolder {
  /** The folder asked for (absolute). */
  readonly final: string;
  /** The hidden sibling written to until commit. */
  readonly staging: string;
  /** The command and options recorded in the marker. */
  readonly command: string;
  readonly options: unknown;
  /** True when the staging folder of an earlier, unfinished run of the same command was found and kept. */
  readonly resumed: boolean;
  /** Set once the staging folder holds finished work (a saved task): a failure then keeps it for a resume. */
  holdsFinishedWork: boolean;
  /** Absolute path of `relative` inside the staging folder (its parent folders are created). */
  path(relative: string): string;
  /** Writes one file atomically inside the staging folder. */
  write(relative: string, data: string | Uint8Array): void;
  /** Empties the staging folder (keeping its marker), to start over. */
  reset(): void;
  /** Moves the staging folder into place, replacing mmcl's own older result at `final` (checked again first). */
  commit(): void;
  /** Removes the staging folder (after a failure); a folder without mmcl's marker is left alone. */
  discard(): void;
}

/** How refusals are worded and raised: `raise(problem, fix)` builds the caller's error type. */
export interface Refusal {
  /** Builds the error thrown for a refused target, from a problem and the fix the user can apply. */
  raise(problem: string, fix: string): Error;
  /** How the fix names the target (default `--out`). */
  target?: string;
  /** How the fix names the overwrite switch (default `--overwrite`). */
  overwrite?: string;
}

export interface StageFolderOptions {
  /** The command writing the folder (recorded in the marker). */
  command: string;
  /** Its options, recorded in the marker. */
  options?: unknown;
  /** Keep a staging folder left by an earlier run of the same command, for the caller to continue. */
  resumable?: boolean;
  /** Replace mmcl's own earlier result at the target (never a folder holding entries mmcl did not write). */
  overwrite?: boolean;
  refusal: Refusal;
}

/** The hidden staging sibling of an output folder. */
export function stagingFolderOf(folder: string): string {
  const final = resolve(folder);
  return join(dirname(final), `.${basename(final)}.partial`);
}

/** Where commit keeps mmcl's older result at `final` between its two renames. */
function backupFolderOf(final: string): string {
  return join(dirname(final), `.${basename(final)}.replaced`);
}

function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

function isEmptyFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory() && readdirSync(path).length === 0;
}

/**
 * Refuses (with `refusal.raise`) unless `final` may receive a new result: it does not exist, is an empty folder, or
 * (with `overwrite`) is mmcl's own marked output holding nothing mmcl did not write. `shown` names it in messages.
 */
export function checkReplaceable(final: string, shown: string, overwrite: boolean, refusal: Refusal): void {
  if (!existsSync(final)) return;
  const target = refusal.target ?? '--out';
  if (!statSync(final).isDirectory()) throw refusal.raise(`${shown} exists and is not a folder`, `choose a folder with ${target}`);
  if (readdirSync(final).length === 0) return;
  const marker = readMarker(final);
  if (marker === undefined || marker.staging) {
    throw refusal.raise(`${shown} is not empty and was not written by mmcl`, `choose another ${target} (mmcl never replaces a folder it did not write)`);
  }
  if (!overwrite) {
    throw refusal.raise(`${shown} holds an earlier result of mmcl ${marker.command}`, `pass ${refusal.overwrite ?? '--overwrite'} to replace it, or choose another ${target}`);
  }
  const foreign = foreignEntries(final, marker);
  if (foreign.length > 0) {
    throw refusal.raise(
      `${shown} holds ${foreign.length === 1 ? '' : `${foreign.length} entries mmcl did not write, the first `}'${foreign[0]}'${foreign.length === 1 ? ', which mmcl did not write' : ''}`,
      `move it out of ${shown} (mmcl replaces only its own output), or choose another ${target}`,
    );
  }
}

/**
 * Finishes a commit that a kill cut short. Commit first marks the staging folder complete (`staging: false`), then
 * moves mmcl's older result at `final` aside (to `.NAME.replaced`), renames the staging folder to `final` and removes
 * the older result; whichever of these steps was reached, the complete result ends up at `final`. Folders without
 * mmcl's marker are never moved or removed.
 */
function finishInterruptedCommit(final: string, staging: string, shown: string, refusal: Refusal): void {
  const backup = backupFolderOf(final);
  const stagingMarker = existsSync(staging) ? readMarker(staging) : undefined;
  if (stagingMarker !== undefined && !stagingMarker.staging) {
    if (existsSync(final) && !isEmptyFolder(final)) {
      // Cut short before the older result was moved aside: commit had checked that it may be replaced.
      checkReplaceable(final, shown, true, refusal);
      if (!existsSync(backup)) renameSync(final, backup);
    }
    if (isEmptyFolder(final)) rmdirSync(final);
    if (!existsSync(final)) renameSync(staging, final);
  }
  const backupMarker = existsSync(backup) ? readMarker(backup) : undefined;
  if (backupMarker !== undefined && !backupMarker.staging) {
    if (existsSync(final)) rmSync(backup, { recursive: true, force: true });
    else renameSync(backup, final); // nothing replaced it: the older result goes back where it was
  }
}

/**
 * Temporary files of atomic writes (`.NAME.PID.N.tmp`) and staging folders a kill left inside a staging folder
 * (`.NAME.partial`, marked; `.NAME.PID.N.partial` from mmcl versions before the marker).
 */
function removeStrayTemporaries(folder: string): void {
  for (const name of readdirSync(folder)) {
    const full = join(folder, name);
    const stray = /^\..*\.\d+\.\d+\.(tmp|partial)$/.test(name) || (/^\..+\.partial$/.test(name) && readMarker(full)?.staging === true);
    if (stray) rmSync(full, { recursive: true, force: true });
    else if (statSync(full).isDirectory()) removeStrayTemporaries(full);
  }
}

/**
 * Prepares the staging folder for `folder`, refusing before any work when the target may not be written (see
 * checkReplaceable) or its parent cannot be created or written. A staging folder left by an earlier run of the same
 * command is kept when `resumable` and replaced otherwise, but only if mmcl marked it.
 *
 * @example
 * import { existsSync, readdirSync } from 'node:fs';
 * const refusal = { raise: (problem: string, fix: string) => new Error(`${problem} — ${fix}`) };
 * const output = stageFolder('runs/demo', { command: 'demo', refusal });
 * output.write('result.json', '{"ok":true}');
 * existsSync('runs/demo'); // → false
 * output.commit();
 * readdirSync('runs/demo'); // → ['.mmcl-output.json', 'result.json']
 * readMarker('runs/demo').files; // → ['result.json']
 */
export function stageFolder(folder: string, options: StageFolderOptions): StagedFolder {
  const { refusal, command } = options;
  const target = refusal.target ?? '--out';
  const final = resolve(folder);
  const parent = dirname(final);
  const staging = stagingFolderOf(folder);
  const recorded = options.options ?? null;
  const fix = `choose a folder you can write to with ${target}`;
  finishInterruptedCommit(final, staging, folder, refusal);
  checkReplaceable(final, folder, Boolean(options.overwrite), refusal);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (err) {
    throw refusal.raise(`cannot write to ${parent} (${errnoOf(err)})`, fix);
  }
  let resumed = false;
  if (existsSync(staging)) {
    const marker = readMarker(staging);
    if (marker === undefined || !marker.staging) {
      throw refusal.raise(`${staging} exists and was not written by mmcl`, `move it away (mmcl never deletes what it did not write), or choose another ${target}`);
    }
    if (marker.command !== command && !options.overwrite) {
      const resume = marker.resumable === false ? '' : `continue it with mmcl ${marker.command} --resume, `;
      throw refusal.raise(`${staging} holds an unfinished run of mmcl ${marker.command}`, `${resume}pass ${refusal.overwrite ?? '--overwrite'} to discard it, or choose another ${target}`);
    }
    resumed = Boolean(options.resumable) && !options.overwrite && marker.command === command;
    if (!resumed) rmSync(staging, { recursive: true, force: true });
  }
  const mark = (done: Pick<OutputMarker, 'staging' | 'files'>) => writeMarker(staging, { command, options: recorded, resumable: Boolean(options.resumable), ...done });
  try {
    mkdirSync(staging, { recursive: true });
    mark({ staging: true, files: [] });
  } catch (err) {
    throw refusal.raise(`cannot create ${staging} (${errnoOf(err)})`, fix);
  }
  return {
    final,
    staging,
    command,
    options: recorded,
    resumed,
    holdsFinishedWork: false,
    path(relative) {
      const full = join(staging, relative);
      mkdirSync(dirname(full), { recursive: true });
      return full;
    },
    write(relative, data) {
      writeFileAtomic(this.path(relative), data);
    },
    reset() {
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      mark({ staging: true, files: [] });
      this.holdsFinishedWork = false;
    },
    commit() {
      removeStrayTemporaries(staging);
      // The run may have taken hours: look again, in case the user put something at `final` meanwhile.
      checkReplaceable(final, folder, Boolean(options.overwrite), refusal);
      mark({ staging: false, files: listEntries(staging) });
      if (isEmptyFolder(final)) rmdirSync(final);
      const backup = backupFolderOf(final);
      const hadOld = existsSync(final);
      if (hadOld) renameSync(final, backup);
      renameSync(staging, final);
      if (hadOld) rmSync(backup, { recursive: true, force: true });
    },
    discard() {
      if (existsSync(join(staging, MARKER))) rmSync(staging, { recursive: true, force: true });
    },
  };
}
