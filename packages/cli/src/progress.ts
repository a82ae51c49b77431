/**
 * Progress bar for long runs (cli-progress), drawn on stderr so stdout stays clean for tables and pipes.
 * It is silent when stderr is not a terminal (CI, redirected output) or with --quiet.
 */
import cliProgress from 'cli-progress';

/** The part of a progress bar the commands use. */
export interface Progress {
  /** Advances by `count` finished units. */
  increment(count?: number): void;
  /** Removes the bar (call once at the end, also on failure). */
  stop(): void;
}

/** A progress bar over `total` units labelled `label`; a no-op bar when quiet or not on a terminal. */
export function createProgress(label: string, total: number, options: { quiet?: boolean; start?: number } = {}): Progress {
  if (options.quiet || !process.stderr.isTTY) return { increment() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} | {percentage}% | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, options.start ?? 0);
  return {
    increment(count = 1) {
      bar.increment(count);
    },
    stop() {
      bar.stop();
    },
  };
}
