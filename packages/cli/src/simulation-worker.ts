/**
 * Worker thread of `mmcl fig1` and `mmcl phase`: simulates one (mode, seed) run, optionally writes its run
 * directory, and returns the summary series (plain arrays) to the main thread.
 */
import { rmSync } from 'node:fs';
import { NumericalError } from '@mmcl/autodiff';
import { simulate, writeRunDirectory, type InfomaxConfig } from '@mmcl/infomax';
import { recordDivergence } from './divergence.js';
import { serveTasks } from './pool.js';
import { summarizeRun, type RunSummary } from './summary.js';

/** One simulation to run; `runDir` (absolute) receives the full run directory when given. */
export interface SimulationTask {
  config: InfomaxConfig;
  runDir?: string;
  /** Loss growth factor recorded as `diverged` in the run directory's summary.json. */
  divergenceFactor?: number;
}

/** A run of a sweep that stopped on numerical trouble: reported by name, without stopping the other runs. */
export interface SimulationFailure {
  failure: string;
}

serveTasks<SimulationTask, RunSummary | SimulationFailure>((task) => {
  let result;
  try {
    result = simulate(task.config);
  } catch (err) {
    if (err instanceof NumericalError) return { failure: err.message };
    throw err;
  }
  if (task.runDir) {
    // A run stopped by Ctrl-C may have left part of this folder; the engine writes only into an empty one.
    rmSync(task.runDir, { recursive: true, force: true });
    writeRunDirectory(result, task.runDir);
    if (task.divergenceFactor !== undefined) recordDivergence(task.runDir, result.loss, task.divergenceFactor);
  }
  return summarizeRun(result);
});
