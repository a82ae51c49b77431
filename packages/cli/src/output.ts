/**
 * Output folders that appear only when complete.
 *
 * A command writes into a hidden staging folder next to the requested one (`.fig1.partial` beside `fig1`) and
 * renames it into place on success, so a reader never sees a half-written result. On failure the staging folder is
 * removed; on Ctrl-C it is kept, with its state file, so that `--resume` can continue from it. Single files are
 * written atomically too (temporary file in the same folder, then rename).
 */
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { writeFileAtomic } from '@mmcl/autodiff';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, InterruptedError } from './errors.js';
import { watchInterrupt, type InterruptWatch } from './interrupt.js';

/** A folder being written: files go to `staging` until `commit` renames it to `final`. */
export interface StagedOutput {
  /** The folder the user asked for (absolute). */
  readonly final: string;
  /** The hidden sibling written to until commit. */
  readonly staging: string;
  /** True when an interrupted run was found and kept (with --resume). */
  readonly resumed: boolean;
  /** Absolute path of `relative` inside the staging folder (its parent folders are created). */
  path(relative: string): string;
  /** Writes one file atomically inside the staging folder. */
  write(relative: string, data: string | Uint8Array): void;
  /** Moves the staging folder into place, replacing an older result at `final`. */
  commit(): void;
  /** Removes the staging folder (after a failure). */
  discard(): void;
}

function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/**
 * Prepares the staging folder for `outDir`. Fails with a one-line CliError (field `--out`) when the parent
 * cannot be created or written. With `resume`, an existing staging folder is kept; without it, it is replaced.
 */
export function stageOutput(outDir: string, options: { resume?: boolean; field?: string } = {}): StagedOutput {
  const field = options.field ?? '--out';
  const final = resolve(outDir);
  const parent = dirname(final);
  const staging = join(parent, `.${basename(final)}.partial`);
  const fix = 'choose a folder you can write to with --out';
  if (existsSync(final) && !isDirectory(final)) throw new CliError(field, `${outDir} exists and is not a folder`, fix);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (err) {
    throw new CliError(field, `cannot write to ${parent} (${errnoOf(err)})`, fix);
  }
  const resumed = Boolean(options.resume) && existsSync(staging);
  if (!resumed) rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
  } catch (err) {
    throw new CliError(field, `cannot create ${staging} (${errnoOf(err)})`, fix);
  }
  return {
    final,
    staging,
    resumed,
    path(relative) {
      const full = join(staging, relative);
      mkdirSync(dirname(full), { recursive: true });
      return full;
    },
    write(relative, data) {
      writeFileAtomic(this.path(relative), data);
    },
    commit() {
      const old = join(parent, `.${basename(final)}.old-${process.pid}`);
      const hadOld = existsSync(final);
      if (hadOld) renameSync(final, old);
      renameSync(staging, final);
      if (hadOld) rmSync(old, { recursive: true, force: true });
    },
    discard() {
      rmSync(staging, { recursive: true, force: true });
    },
  };
}

function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

/**
 * Runs `work` (which ends with `output.commit()`) while watching Ctrl-C. An interruption keeps the staging folder,
 * with the finished runs saved in it, and is rethrown with the --resume hint; any other failure removes it.
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
    throw err;
  } finally {
    interrupt.dispose();
    if (!keep) output.discard();
  }
}
