/**
 * Ctrl-C handling for long runs. The first Ctrl-C asks the run to stop at the next safe point (finished tasks are
 * already saved in the staging folder's state, see sweep/journal.ts); a second Ctrl-C exits at once.
 */
import { EXIT_INTERRUPTED } from './errors.js';

/** A handle on SIGINT while a run is in progress. */
export interface InterruptWatch {
  /** True once Ctrl-C was pressed. */
  readonly interrupted: boolean;
  /** Calls `callback` on the first Ctrl-C (immediately if it was already pressed). */
  onInterrupt(callback: () => void): void;
  /** Restores the default SIGINT behaviour. */
  dispose(): void;
}

/** Starts watching SIGINT; call `dispose` when the run ends, however it ends. */
export function watchInterrupt(): InterruptWatch {
  let interrupted = false;
  const callbacks: Array<() => void> = [];
  const handler = () => {
    if (interrupted) {
      process.stderr.write('\nmmcl: second Ctrl-C, exiting without saving\n');
      process.exit(EXIT_INTERRUPTED);
    }
    interrupted = true;
    process.stderr.write('\nmmcl: stopping after saving finished work (Ctrl-C again to exit at once)\n');
    for (const callback of callbacks) callback();
  };
  process.on('SIGINT', handler);
  return {
    get interrupted() {
      return interrupted;
    },
    onInterrupt(callback) {
      if (interrupted) callback();
      else callbacks.push(callback);
    },
    dispose() {
      process.off('SIGINT', handler);
    },
  };
}
