/**
 * Worker thread of `mmcl idsweep`: trains one (d, rep) run of @mmcl/intrinsic's idsweep and returns its result
 * (plain JSON) to the main thread.
 */
import { type IdSweepRun, type IdSweepRunResult, type IdSweepSettings } from '@mmcl/intrinsic';
import { runIdSweepRun } from '@mmcl/intrinsic/internal';
import { serveTasks } from './sweep/pool.js';
import type { SweepJob } from './sweep/run.js';

/** One training run and the sweep's settings. */
export interface IdSweepTask {
  run: IdSweepRun;
  settings: IdSweepSettings;
}

serveTasks<SweepJob<IdSweepTask>, IdSweepRunResult>(({ task }) => runIdSweepRun(task.run, task.settings));
