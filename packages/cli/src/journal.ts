/**
 * The resumable state of a sweep: a state file naming the command and its options, and one JSON file per
 * finished task, all inside the staging folder of output.ts. A run stopped by Ctrl-C keeps them; `--resume`
 * reloads the finished tasks and runs only the rest. Options that change results must match, or resuming would
 * silently mix two experiments.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './errors.js';
import type { StagedOutput } from './output.js';

const STATE_FILE = 'state.json';
const TASK_FOLDER = '.tasks';

/** Finished tasks of one run, keyed by a task name that is safe as a file name. */
export class TaskJournal<R> {
  private readonly finished = new Map<string, R>();

  private constructor(private readonly output: StagedOutput) {}

  /**
   * Opens the journal in `output`. `fingerprint` holds every option that changes results; on a resumed run it
   * must equal the saved one.
   */
  static open<R>(output: StagedOutput, command: string, fingerprint: unknown): TaskJournal<R> {
    const journal = new TaskJournal<R>(output);
    const statePath = join(output.staging, STATE_FILE);
    const state = { command, fingerprint };
    if (output.resumed && existsSync(statePath)) {
      const saved = JSON.parse(readFileSync(statePath, 'utf8')) as typeof state;
      if (JSON.stringify(saved) !== JSON.stringify(state)) {
        throw new CliError(
          '--resume',
          `the unfinished run in ${output.staging} used other options`,
          'rerun with the same options, or without --resume to start over',
        );
      }
      const folder = join(output.staging, TASK_FOLDER);
      if (existsSync(folder)) {
        for (const name of readdirSync(folder).sort()) {
          if (!name.endsWith('.json')) continue;
          journal.finished.set(name.slice(0, -5), JSON.parse(readFileSync(join(folder, name), 'utf8')) as R);
        }
      }
    } else {
      output.write(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
    }
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
  }

  /** Removes the bookkeeping from the staging folder before it is committed as the final output. */
  finish(): void {
    for (const name of [STATE_FILE, TASK_FOLDER]) {
      const full = join(this.output.staging, name);
      rmSync(full, { recursive: true, force: true });
    }
  }
}
