/**
 * Worker thread of `mmcl fig1` and `mmcl phase`: simulates one (mode, seed) run, optionally writes its run
 * directory, and returns the summary series (plain arrays) to the main thread.
 */
import { rmSync } from 'node:fs';
import { simulate, writeRunDirectory, type InfomaxConfig } from '@mmcl/infomax';
import { serveTasks } from './pool.js';
import { summarizeRun, type RunSummary } from './summary.js';

/** One simulation to run; `runDir` (absolute) receives the full run directory when given. */
export interface SimulationTask {
  config: InfomaxConfig;
  runDir?: string;
}

serveTasks<SimulationTask, RunSummary>((task) => {
  const result = simulate(task.config);
  if (task.runDir) {
    // A run stopped by Ctrl-C may have left part of this folder; the engine writes only into an empty one.
    rmSync(task.runDir, { recursive: true, force: true });
    writeRunDirectory(result, task.runDir);
  }
  return summarizeRun(result);
});
