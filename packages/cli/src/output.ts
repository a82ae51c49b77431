/**
 * Output folders of the mmcl commands: the one staging routine of @mmcl/autodiff/internal (`stageFolder`: a hidden
 * `.NAME.partial` sibling with mmcl's marker, renamed into place when complete; foreign folders refused before any
 * work, mmcl's own replaced only with --overwrite), with its refusals raised as one-line CliErrors naming `--out`;
 * and `runResumable`, which keeps the staging folder on Ctrl-C for --resume (sweep/journal.ts decides a kept folder's fate).
 */
import { existsSync } from 'node:fs';
import { stageFolder, type Refusal, type StagedFolder } from '@mmcl/autodiff/internal';
import { CliError, InterruptedError } from './errors.js';
import { watchInterrupt, type InterruptWatch } from './interrupt.js';

/** A folder being written by a command (see StagedFolder in @mmcl/autodiff/internal). */
export type StagedOutput = StagedFolder;

export interface StageOptions {
  /** The mmcl command writing the folder (recorded in the marker). */
  command: string;
  /** Its options, recorded in the marker. */
  options?: unknown;
  /** Keep a staging folder left by an earlier run, for sweep/journal.ts to reuse (commands with --resume). */
  resumable?: boolean;
  /** Replace mmcl's own earlier result at the output folder (never a folder holding foreign files). */
  overwrite?: boolean;
  /** The flag named in errors (default --out). */
  field?: string;
}

/** Refusals as CliErrors naming `field`. */
function cliRefusal(field = '--out'): Refusal {
  return { raise: (problem, fix) => new CliError(field, problem, fix), target: field };
}

/**
 * Prepares the staging folder for `outDir`, refusing before any work (CliError, exit 2) when the output folder may
 * not be written. A staging folder left by an earlier run is kept when `resumable` and replaced otherwise, but only
 * if mmcl marked it.
 */
export function stageOutput(outDir: string, options: StageOptions): StagedOutput {
  const { field, ...rest } = options;
  return stageFolder(outDir, { ...rest, refusal: cliRefusal(field) });
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
