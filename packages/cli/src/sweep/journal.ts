/**
 * The resumable state of a sweep: a state file naming the command and its options, and one JSON file per
 * finished task, all inside the staging folder of output.ts. A run stopped by Ctrl-C (or killed) keeps them; the
 * next run of the same command with the same options reloads the finished tasks and runs only the rest (with or
 * without --resume). Options that change results must match, or resuming would silently mix two experiments: a
 * run with other options is refused, naming the option, and the finished tasks stay in place.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { flagOf } from '../config.js';
import type { StagedOutput } from '../output.js';

const STATE_FILE = 'state.json';
const TASK_FOLDER = '.tasks';
/** Options that do not change results (where and how a run is written); never a reason to refuse --resume. */
const NEUTRAL_OPTIONS = new Set(['out', 'workers', 'resume', 'quiet', 'overwrite', 'config', 'strict', 'divergenceFactor', 'maxMemory']);

interface SavedState {
  command: string;
  fingerprint: unknown;
  options?: unknown;
}

/** Shell quoting for a path shown in a suggested command. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `--key value` flags that restore `saved` where it differs from `now` (command-line options only). */
function differingOptions(saved: unknown, now: unknown): { shown: string; flags: string } | undefined {
  if (typeof saved !== 'object' || saved === null || typeof now !== 'object' || now === null) return undefined;
  const a = saved as Record<string, unknown>;
  const b = now as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !NEUTRAL_OPTIONS.has(k)).sort();
  const differ = keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (differ.length === 0) return undefined;
  const shown = differ.map((k) => `${flagOf(k)} was ${JSON.stringify(a[k]) ?? 'unset'}, now ${JSON.stringify(b[k]) ?? 'unset'}`).join('; ');
  const flags = differ
    .map((k) => {
      const v = a[k];
      if (v === undefined || v === false) return '';
      if (v === true) return flagOf(k);
      return typeof v === 'object' ? `(${k} as before in --config)` : `${flagOf(k)} ${shellQuote(String(v))}`;
    })
    .filter(Boolean)
    .join(' ');
  return { shown, flags };
}

/** Finished tasks of one run, keyed by a task name that is safe as a file name. */
export class TaskJournal<R> {
  private readonly finished = new Map<string, R>();

  private constructor(private readonly output: StagedOutput) {}

  /**
   * Opens the journal in `output`. `fingerprint` holds every option that changes results; a run left in the
   * staging folder is continued when it matches, started over when it holds no finished task, and refused otherwise.
   */
  static open<R>(output: StagedOutput, command: string, fingerprint: unknown): TaskJournal<R> {
    const journal = new TaskJournal<R>(output);
    const statePath = join(output.staging, STATE_FILE);
    const state: SavedState = { command, fingerprint, options: output.options };
    if (output.resumed && existsSync(statePath)) {
      const folder = join(output.staging, TASK_FOLDER);
      const taskFiles = existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.json')).sort() : [];
      let saved: SavedState | undefined;
      try {
        saved = JSON.parse(readFileSync(statePath, 'utf8')) as SavedState;
      } catch {
        saved = undefined;
      }
      // Whatever happens next, a refusal must keep these finished runs (runResumable discards only an empty folder).
      output.holdsFinishedWork = taskFiles.length > 0;
      const same = saved !== undefined && JSON.stringify({ c: saved.command, f: saved.fingerprint }) === JSON.stringify({ c: command, f: fingerprint });
      if (!same && taskFiles.length > 0) {
        if (saved === undefined) {
          throw new CliError('--resume', `the state file ${statePath} of the stopped run is unreadable`, 'pass --overwrite to start over, or choose another --out');
        }
        const diff = differingOptions(saved.options, output.options);
        const what = diff ? diff.shown : 'its engine configuration differs';
        const fix = diff?.flags
          ? `continue it by rerunning with ${diff.flags} --resume, pass --overwrite to discard its ${taskFiles.length} finished run(s), or choose another --out`
          : `continue it with its original options and --resume, pass --overwrite to discard its ${taskFiles.length} finished run(s), or choose another --out`;
        throw new CliError('--resume', `the stopped run in ${output.staging} used other options (${what})`, fix);
      }
      if (same) {
        for (const name of taskFiles) {
          const path = join(folder, name);
          try {
            journal.finished.set(name.slice(0, -5), JSON.parse(readFileSync(path, 'utf8')) as R);
          } catch (err) {
            throw new CliError(
              '--resume',
              `the task file ${path} is unreadable (${(err as Error).message})`,
              `delete it (rm ${shellQuote(path)}) and rerun the same command: that run is redone, the other finished runs are kept`,
            );
          }
        }
        return journal;
      }
      output.reset();
    }
    output.write(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
    return journal;
  }

  /** Number of finished tasks. */
  get size(): number {
    return this.finished.size;
  }

  has(task: string): boolean {
    return this.finished.has(task);
  }

  get(task: string): R | undefined {
    return this.finished.get(task);
  }

  /** Saves a finished task atomically, so an interrupted write never leaves a corrupt task file. */
  record(task: string, result: R): void {
    this.output.write(join(TASK_FOLDER, `${task}.json`), JSON.stringify(result));
    this.finished.set(task, result);
    this.output.holdsFinishedWork = true;
  }

  /** Removes the bookkeeping from the staging folder before it is committed as the final output. */
  finish(): void {
    for (const name of [STATE_FILE, TASK_FOLDER]) {
      const full = join(this.output.staging, name);
      rmSync(full, { recursive: true, force: true });
    }
  }
}
