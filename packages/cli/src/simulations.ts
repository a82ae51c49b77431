/**
 * The sweeps of paper-1 simulations (fig1, phase, optim) on the one sweep mechanism of sweep/run.ts: each task is
 * one InfomaxConfig, simulated by simulation-worker.ts, its summary series the result. Adds the memory check before
 * anything is written and the divergence report after.
 */
import type { InfomaxConfig } from '@mmcl/infomax';
import type { RunSummary } from './summary.js';
import type { SimulationTask } from './simulation-worker.js';
import { divergenceOf, reportDivergence } from './divergence.js';
import { checkMemory, simulationMemory } from './memory.js';
import { flagOf } from './config.js';
import { WHOLE, type Shard } from './sweep/shard.js';
import { runSweep, type SweepOutcome } from './sweep/run.js';
import type { SweepKind } from './sweep/merge.js';

/** One simulation of a command; `runDir` (relative to the output folder) receives its full run directory. */
export interface SimulationRun {
  name: string;
  config: InfomaxConfig;
  runDir?: string;
}

export interface SimulationsSpec<S> {
  kind: SweepKind<S, RunSummary>;
  options: { out: string; workers: number; resume: boolean; quiet: boolean; overwrite: boolean; divergenceFactor?: number; strict?: boolean; maxMemory?: unknown };
  /** What identifies the sweep and its outputs need besides the runs' summaries (must match on --resume and merge). */
  sweep: S;
  /** Every run of the whole sweep, in order. */
  runs: readonly SimulationRun[];
  shard?: Shard;
  /** Label of the progress bar. */
  label: string;
  /** How a failed run is named (default: its name). */
  describe?: (name: string) => string;
}

// The worker has the extension of this file: .ts in a source checkout (run through tsx), .js once built.
const WORKER = new URL(`./simulation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** Runs the sweep's simulations (those of its shard not already finished) and commits the output folder. */
export async function runSimulations<S>(spec: SimulationsSpec<S>): Promise<SweepOutcome<RunSummary>> {
  const { options } = spec;
  // Before anything is written: the largest run, times the runs in flight at once.
  const largest = spec.runs.map((r) => simulationMemory(r.config)).reduce((a, b) => (b.bytes > a.bytes ? b : a));
  checkMemory(largest, { maxMemory: options.maxMemory, concurrent: Math.min(options.workers, spec.runs.length), flag: flagOf, workers: true });
  const outcome = await runSweep<SimulationTask, RunSummary, S>({
    kind: spec.kind,
    options,
    sweep: spec.sweep,
    tasks: spec.runs.map((r) => ({ name: r.name, task: { config: r.config, divergenceFactor: options.divergenceFactor }, runDir: r.runDir })),
    shard: spec.shard ?? WHOLE,
    worker: WORKER,
    label: spec.label,
    describe: spec.describe,
  });
  if (options.divergenceFactor !== undefined) {
    const factor = options.divergenceFactor;
    const runs = [...outcome.results].map(([name, summary]) => ({ name: spec.describe?.(name) ?? name, diverged: divergenceOf(summary.loss, factor) }));
    reportDivergence(runs, Boolean(options.strict));
  }
  return outcome;
}
