/**
 * The common life cycle of a command that runs many simulations: stage the output folder, reload finished runs
 * on --resume, run the rest on worker threads with a progress bar, save each finished run, and on success write the
 * final files and move the folder into place. Ctrl-C keeps the staging folder for --resume; any other failure
 * removes it, so no half-written output is ever left behind.
 */
import type { InfomaxConfig } from '@mmcl/infomax';
import { TaskJournal } from './journal.js';
import { runResumable, stageOutput, type StagedOutput } from './output.js';
import { runPool } from './pool.js';
import { createProgress } from './progress.js';
import type { RunSummary } from './summary.js';
import type { SimulationFailure, SimulationTask } from './simulation-worker.js';
import { divergenceOf, reportDivergence } from './divergence.js';
import { checkMemory, simulationMemory } from './memory.js';
import { flagOf } from './config.js';

/** One simulation of a command; `runDir` (relative to the output folder) receives its full run directory. */
export interface SimulationRun {
  name: string;
  config: InfomaxConfig;
  runDir?: string;
}

export interface SimulationsSpec<T> {
  command: string;
  options: { out: string; workers: number; resume: boolean; quiet: boolean; overwrite: boolean; divergenceFactor?: number; strict?: boolean; maxMemory?: unknown };
  runs: readonly SimulationRun[];
  /** Label of the progress bar. */
  label: string;
  /** Anything besides the run configurations that changes the output (must match on --resume). */
  fingerprint?: unknown;
  /** Writes the final files into the staging folder; its value is passed to `report`. */
  finish: (summaries: Map<string, RunSummary>, output: StagedOutput) => Promise<T>;
  /** Prints the outcome once the folder is in place at `finalDir`. */
  report: (value: T, finalDir: string) => void;
}

// The worker has the extension of this file: .ts in a source checkout (run through tsx), .js once built.
const WORKER = new URL(`./simulation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** Runs `spec.runs` (those not already finished) and commits the output folder; see the file comment. */
export async function runSimulations<T>(spec: SimulationsSpec<T>): Promise<void> {
  const { options } = spec;
  // Before anything is written: the largest run, times the runs in flight at once.
  const largest = spec.runs.map((r) => simulationMemory(r.config)).reduce((a, b) => (b.bytes > a.bytes ? b : a));
  checkMemory(largest, { maxMemory: options.maxMemory, concurrent: Math.min(options.workers, spec.runs.length), flag: flagOf, workers: true });
  const output = stageOutput(options.out, { command: spec.command, options, resumable: true, overwrite: options.overwrite });
  await runResumable(output, async (interrupt) => {
    const fingerprint = { runs: spec.runs.map((r) => [r.name, r.runDir ?? null, r.config]), extra: spec.fingerprint ?? null };
    const journal = TaskJournal.open<RunSummary>(output, spec.command, fingerprint);
    const pending = spec.runs.filter((r) => !journal.has(r.name));
    const progress = createProgress(spec.label, spec.runs.length, { quiet: options.quiet, start: spec.runs.length - pending.length });
    // A run that stops on numerical trouble is named; the others go on and are kept for --resume.
    const failures: { name: string; message: string }[] = [];
    try {
      await runPool<SimulationTask, RunSummary | SimulationFailure>({
        module: WORKER,
        tasks: pending.map((r) => ({ config: r.config, runDir: r.runDir ? output.path(r.runDir) : undefined, divergenceFactor: options.divergenceFactor })),
        workers: options.workers,
        interrupt,
        onResult: (index, outcome) => {
          if ('failure' in outcome) failures.push({ name: pending[index].name, message: outcome.failure });
          else journal.record(pending[index].name, outcome);
          progress.increment();
        },
      });
    } finally {
      progress.stop();
    }
    if (failures.length > 0) {
      const more = failures.length > 1 ? ` (and ${failures.length - 1} more: ${failures.slice(1).map((f) => f.name).join(', ')})` : '';
      throw new Error(`run ${failures[0].name} failed: ${failures[0].message}${more}; ${journal.size} of ${spec.runs.length} runs finished`);
    }
    const summaries = new Map(spec.runs.map((r) => [r.name, journal.get(r.name)!]));
    const value = await spec.finish(summaries, output);
    journal.finish();
    output.commit();
    spec.report(value, output.final);
    if (options.divergenceFactor !== undefined) {
      const factor = options.divergenceFactor;
      reportDivergence(spec.runs.map((r) => ({ name: r.name, diverged: divergenceOf(summaries.get(r.name)!.loss, factor) })), Boolean(options.strict));
    }
  });
}
