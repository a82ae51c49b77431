/**
 * Worker thread of the paper-1 sweeps (fig1, phase, optim): simulates one run, optionally writes its run directory,
 * and returns the summary series (plain arrays) to the main thread.
 */
import { NumericalError } from '@mmcl/autodiff';
import { simulate, writeRunDirectory, type InfomaxConfig } from '@mmcl/infomax';
import { recordDivergence } from './divergence.js';
import { serveTasks } from './sweep/pool.js';
import { summarizeRun, type RunSummary } from './summary.js';
import type { SweepFailure, SweepJob } from './sweep/run.js';

/** One simulation to run. */
export interface SimulationTask {
  config: InfomaxConfig;
  /** Loss growth factor recorded as `diverged` in the run directory's summary.json. */
  divergenceFactor?: number;
}

serveTasks<SweepJob<SimulationTask>, RunSummary | SweepFailure>(({ task, runDir }) => {
  let result;
  try {
    result = simulate(task.config);
  } catch (err) {
    if (err instanceof NumericalError) return { failure: err.message };
    throw err;
  }
  if (runDir) {
    // A worker killed after writing this folder (or inside its commit) but before its result was saved in the
    // journal left a complete copy marked as mmcl's; the run is redone and replaces it (never a folder with foreign
    // files: the staging routine refuses those even with overwrite).
    writeRunDirectory(result, runDir, { overwrite: true });
    if (task.divergenceFactor !== undefined) recordDivergence(runDir, result.loss, task.divergenceFactor);
  }
  return summarizeRun(result);
});
