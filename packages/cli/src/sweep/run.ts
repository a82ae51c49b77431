/**
 * The one life cycle of every sweep command (phase, fig1, optim, idsweep): stage the output folder, reload finished
 * tasks on --resume (journal.ts), run the rest on worker threads (pool.ts) with a progress bar, save each finished
 * task, and on success write either the command's outputs or, with `--shard K/N`, a shard file that `mmcl merge`
 * turns into the very same outputs (merge.ts). Ctrl-C keeps the staging folder for --resume; any other failure
 * removes it unless it holds finished work, so no half-written output is ever left behind.
 */
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { TaskJournal } from './journal.js';
import { runResumable, stageOutput } from '../output.js';
import { runPool } from './pool.js';
import { createProgress } from '../progress.js';
import { shardIndices, shardLabel, type Shard } from './shard.js';
import { writeShardFile, type SweepKind } from './merge.js';

/** One task of a sweep; `runDir` (relative to the output folder) receives the task's own files, if any. */
export interface SweepTask<T> {
  name: string;
  task: T;
  runDir?: string;
}

/** What the pool sends a worker: the task and the absolute folder for its files. */
export interface SweepJob<T> {
  task: T;
  runDir?: string;
}

/** A task that stopped on numerical trouble: reported by name, without stopping the other tasks. */
export interface SweepFailure {
  failure: string;
}

export interface SweepSpec<T, R, S> {
  /** The command and its outputs (shared with `mmcl merge`). */
  kind: SweepKind<S, R>;
  /** The command's resolved options (recorded in the marker; `out` is the folder asked for). */
  options: { out: string; workers: number; quiet: boolean; overwrite: boolean };
  /** Everything that identifies the sweep and that its outputs need (JSON); must match on --resume and merge. */
  sweep: S;
  /** Every task of the whole sweep, in its fixed order; a shard runs those of index i ≡ K − 1 (mod N). */
  tasks: readonly SweepTask<T>[];
  shard: Shard;
  /** The worker module (it calls serveTasks with a handler of SweepJob<T> → R | SweepFailure). */
  worker: URL;
  /** Label of the progress bar. */
  label: string;
  /** How a failed task is named in the error (default: its name). */
  describe?: (name: string) => string;
}

/** What a finished sweep hands back: the results of its tasks (this shard's) and the folder now in place. */
export interface SweepOutcome<R> {
  results: Map<string, R>;
  final: string;
}

/** Runs the tasks of `spec.shard` that are not finished yet, then commits the output folder; see the file comment. */
export async function runSweep<T, R, S>(spec: SweepSpec<T, R, S>): Promise<SweepOutcome<R>> {
  const { options, shard, kind } = spec;
  const mine = shardIndices(spec.tasks.length, shard).map((k) => spec.tasks[k]);
  if (mine.length === 0) {
    throw new CliError('--shard', `shard ${shard.index}/${shard.count} is empty: the sweep has only ${spec.tasks.length} runs`, 'use fewer shards');
  }
  const sharded = shard.count > 1;
  const out = sharded ? join(options.out, shardLabel(shard)) : options.out;
  const output = stageOutput(out, { command: kind.command, options: { ...options, out }, resumable: true, overwrite: options.overwrite });
  const started = Date.now();
  let outcome: SweepOutcome<R> | undefined;
  await runResumable(output, async (interrupt) => {
    const fingerprint = { sweep: spec.sweep, shard, tasks: mine.map((t) => [t.name, t.runDir ?? null, t.task]) };
    const journal = TaskJournal.open<R>(output, kind.command, fingerprint);
    const pending = mine.filter((t) => !journal.has(t.name));
    const resumed = mine.length - pending.length;
    const progress = createProgress(spec.label, mine.length, { quiet: options.quiet, start: resumed });
    const failures: string[] = [];
    try {
      await runPool<SweepJob<T>, R | SweepFailure>({
        module: spec.worker,
        tasks: pending.map((t) => ({ task: t.task, runDir: t.runDir ? output.path(t.runDir) : undefined })),
        workers: options.workers,
        interrupt,
        onResult: (index, result) => {
          const { name } = pending[index];
          if (isFailure(result)) failures.push(`${spec.describe?.(name) ?? name} failed: ${result.failure}`);
          else journal.record(name, result);
          progress.increment();
        },
      });
    } finally {
      progress.stop();
    }
    if (failures.length > 0) {
      const more = failures.length > 1 ? ` (and ${failures.length - 1} more: ${failures.slice(1).join('; ')})` : '';
      throw new Error(`run ${failures[0]}${more}; ${journal.size} of ${mine.length} runs finished`);
    }
    const results = new Map(mine.map((t) => [t.name, journal.get(t.name)!]));
    const text = sharded
      ? (writeShardFile(output, { command: kind.command, sweep: spec.sweep, shard, names: spec.tasks.map((t) => t.name), results, runDirs: runDirsOf(mine) }),
        `shard ${shard.index}/${shard.count}: ${mine.length} of ${spec.tasks.length} runs\n`)
      : await kind.write(spec.sweep, results, output);
    journal.finish();
    output.commit();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const resumedNote = resumed > 0 ? `, resumed ${resumed} finished run${resumed === 1 ? '' : 's'}` : '';
    process.stdout.write(text + `\nwrote ${sharded ? 'shard.json' : kind.files} to ${output.final} (${mine.length} runs in ${seconds} s${resumedNote})\n`);
    outcome = { results, final: output.final };
  });
  return outcome!;
}

function isFailure(result: unknown): result is SweepFailure {
  return typeof result === 'object' && result !== null && 'failure' in result;
}

function runDirsOf(tasks: readonly SweepTask<unknown>[]): string[] {
  return tasks.flatMap((t) => (t.runDir ? [t.runDir] : []));
}
