/**
 * Output folders that appear only when complete, and never at the expense of anything mmcl did not write.
 *
 * A command writes into a hidden staging folder next to the requested one (`.fig1.partial` beside `fig1`) and
 * renames it into place on success, so a reader never sees a half-written result. Both folders carry the marker of
 * marker.ts. Before any work, `stageOutput` refuses (exit 2, one line) an `--out` that is a file, a non-empty folder
 * mmcl did not write, or mmcl's own earlier result without `--overwrite`; even with `--overwrite` a folder holding a
 * file mmcl did not write is refused. A staging folder left by a killed or stopped run is reused by --resume (see
 * journal.ts) or replaced by the next run; one without mmcl's marker is never touched. Single files are written
 * atomically too (temporary file in the same folder, then rename).
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { writeFileAtomic } from '@mmcl/autodiff';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, InterruptedError } from './errors.js';
import { watchInterrupt, type InterruptWatch } from './interrupt.js';
import { MARKER, foreignEntries, listEntries, readMarker, writeMarker } from './marker.js';

/** A folder being written: files go to `staging` until `commit` renames it to `final`. */
export interface StagedOutput {
  /** The folder the user asked for (absolute). */
  readonly final: string;
  /** The hidden sibling written to until commit. */
  readonly staging: string;
  /** The command and options recorded in the marker. */
  readonly command: string;
  readonly options: unknown;
  /** True when the staging folder of an earlier, unfinished run was found and kept (journal.ts decides its fate). */
  readonly resumed: boolean;
  /** Set once the staging folder holds finished work (a saved task): a failure then keeps it for --resume. */
  holdsFinishedWork: boolean;
  /** Absolute path of `relative` inside the staging folder (its parent folders are created). */
  path(relative: string): string;
  /** Writes one file atomically inside the staging folder. */
  write(relative: string, data: string | Uint8Array): void;
  /** Empties the staging folder (keeping its marker), to start over. */
  reset(): void;
  /** Moves the staging folder into place, replacing mmcl's own older result at `final` (checked again first). */
  commit(): void;
  /** Removes the staging folder (after a failure). */
  discard(): void;
}

export interface StageOptions {
  /** The mmcl command writing the folder (recorded in the marker). */
  command: string;
  /** Its options, recorded in the marker. */
  options?: unknown;
  /** Keep a staging folder left by an earlier run, for journal.ts to reuse (commands with --resume). */
  resumable?: boolean;
  /** Replace mmcl's own earlier result at the output folder (never a folder holding foreign files). */
  overwrite?: boolean;
  /** The flag named in errors (default --out). */
  field?: string;
}

function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/**
 * Refuses (CliError on `field`) unless `final` may receive a new result: it does not exist, is an empty folder, or
 * (with `overwrite`) is mmcl's own marked output holding nothing mmcl did not write.
 */
export function checkReplaceable(final: string, shown: string, overwrite: boolean, field = '--out'): void {
  if (!existsSync(final)) return;
  if (!statSync(final).isDirectory()) throw new CliError(field, `${shown} exists and is not a folder`, 'choose a folder with --out');
  if (readdirSync(final).length === 0) return;
  const marker = readMarker(final);
  if (marker === undefined || marker.staging) {
    throw new CliError(field, `${shown} is not empty and was not written by mmcl`, 'choose another --out (mmcl never replaces a folder it did not write)');
  }
  if (!overwrite) {
    throw new CliError(field, `${shown} holds an earlier result of mmcl ${marker.command}`, 'pass --overwrite to replace it, or choose another --out');
  }
  const foreign = foreignEntries(final, marker);
  if (foreign.length > 0) {
    throw new CliError(
      field,
      `${shown} holds ${foreign.length === 1 ? '' : `${foreign.length} entries mmcl did not write, the first `}'${foreign[0]}'${foreign.length === 1 ? ', which mmcl did not write' : ''}`,
      `move it out of ${shown} (mmcl replaces only its own output), or choose another --out`,
    );
  }
}

/** The hidden staging sibling of an output folder. */
export function stagingFolderOf(outDir: string): string {
  const final = resolve(outDir);
  return join(dirname(final), `.${basename(final)}.partial`);
}

/**
 * Prepares the staging folder for `outDir`, refusing before any work when the output folder may not be written
 * (see checkReplaceable) or its parent cannot be created or written. A staging folder left by an earlier run is
 * kept when `resumable` (journal.ts reuses or refuses it) and replaced otherwise, but only if mmcl marked it.
 */
export function stageOutput(outDir: string, options: StageOptions): StagedOutput {
  const field = options.field ?? '--out';
  const final = resolve(outDir);
  const parent = dirname(final);
  const staging = stagingFolderOf(outDir);
  const fix = 'choose a folder you can write to with --out';
  checkReplaceable(final, outDir, Boolean(options.overwrite), field);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (err) {
    throw new CliError(field, `cannot write to ${parent} (${errnoOf(err)})`, fix);
  }
  let resumed = false;
  if (existsSync(staging)) {
    const marker = readMarker(staging);
    if (marker === undefined || !marker.staging) {
      throw new CliError(field, `${staging} exists and was not written by mmcl`, `move it away (mmcl never deletes what it did not write), or choose another --out`);
    }
    if (marker.command !== options.command && !options.overwrite) {
      throw new CliError(field, `${staging} holds an unfinished run of mmcl ${marker.command}`, `continue it with mmcl ${marker.command} --resume, pass --overwrite to discard it, or choose another --out`);
    }
    resumed = Boolean(options.resumable) && !options.overwrite && marker.command === options.command;
    if (!resumed) rmSync(staging, { recursive: true, force: true });
  }
  const mark = () => writeMarker(staging, { command: options.command, options: options.options ?? null, staging: true, files: [] });
  try {
    mkdirSync(staging, { recursive: true });
    mark();
  } catch (err) {
    throw new CliError(field, `cannot create ${staging} (${errnoOf(err)})`, fix);
  }
  return {
    final,
    staging,
    command: options.command,
    options: options.options ?? null,
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
      mark();
      this.holdsFinishedWork = false;
    },
    commit() {
      removeStrayTemporaries(staging);
      writeMarker(staging, { command: options.command, options: options.options ?? null, staging: false, files: listEntries(staging) });
      // The run may have taken hours: look again, in case the user put something at `final` meanwhile.
      checkReplaceable(final, outDir, Boolean(options.overwrite), field);
      if (existsSync(final) && readdirSync(final).length === 0) rmdirSync(final);
      const old = join(parent, `.${basename(final)}.old-${process.pid}`);
      const hadOld = existsSync(final);
      if (hadOld) renameSync(final, old);
      renameSync(staging, final);
      if (hadOld) rmSync(old, { recursive: true, force: true });
    },
    discard() {
      if (existsSync(join(staging, MARKER))) rmSync(staging, { recursive: true, force: true });
    },
  };
}

/**
 * Temporary files of atomic writes (`.NAME.PID.N.tmp`) and staging folders of run directories (`.NAME.PID.N.partial`)
 * that a killed process left inside the staging folder.
 */
function removeStrayTemporaries(folder: string): void {
  for (const name of readdirSync(folder)) {
    const full = join(folder, name);
    if (/^\..*\.\d+\.\d+\.(tmp|partial)$/.test(name)) rmSync(full, { recursive: true, force: true });
    else if (statSync(full).isDirectory()) removeStrayTemporaries(full);
  }
}

/** Appends `note` to an error's message, keeping its class (and a CliError's field and fix). */
function withNote(err: unknown, note: string): unknown {
  if (err instanceof CliError) return new CliError(err.field, err.problem + note, err.fix, err.exitCode);
  if (err instanceof Error && !(err instanceof InterruptedError)) err.message += note;
  return err;
}

/**
 * Runs `work` (which ends with `output.commit()`) while watching Ctrl-C. An interruption keeps the staging folder,
 * with the finished runs saved in it, and is rethrown with the --resume hint. Any other failure removes the folder
 * unless it holds finished work, which is kept (and named in the error) for --resume.
 */
export async function runResumable(output: StagedOutput, work: (interrupt: InterruptWatch) => Promise<void>): Promise<void> {
  const interrupt = watchInterrupt();
  let keep = false;
  try {
    await work(interrupt);
  } catch (err) {
    if (err instanceof InterruptedError) {
      keep = true;
      throw new InterruptedError(`finished runs are kept in ${output.staging}; rerun the same command with --resume to continue`);
    }
    keep = output.holdsFinishedWork && existsSync(output.staging);
    const named = err instanceof Error && err.message.includes(output.staging);
    throw keep && !named ? withNote(err, ` (the finished runs are kept in ${output.staging})`) : err;
  } finally {
    interrupt.dispose();
    if (!keep) output.discard();
  }
}
