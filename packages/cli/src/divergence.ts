/**
 * Finite blow-up of the loss (issue #11): a run whose loss climbs above `--divergence-factor` × its initial value
 * has not failed numerically, but its numbers mean nothing. It is recorded as `diverged` in the run's summary.json,
 * reported as a warning at the end, and with `--strict` turns the exit code to 1. Non-finite values are a different
 * matter: the engine stops with a NumericalError naming the step, the quantity and the seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { writeFileAtomic } from '@mmcl/autodiff';
import { lossDivergence, type Divergence } from '@mmcl/infomax/internal';
import { CliError, EXIT_RUN_FAILED } from './errors.js';
import { numberField } from './config.js';

/** Default factor: the loss may grow a millionfold over its initial value before the run counts as diverged. */
export const DEFAULT_DIVERGENCE_FACTOR = 1e6;

/** Adds --divergence-factor and --strict to `command`. */
export function addDivergenceOptions(command: Command): Command {
  return command
    .addOption(new Option('--divergence-factor <x>', 'a loss above x × its initial value counts as diverged').default(DEFAULT_DIVERGENCE_FACTOR, '1e6'))
    .option('--strict', 'exit with code 1 when a run diverged', false);
}

/** The zod shape of the options added by addDivergenceOptions. */
export const divergenceShape = {
  divergenceFactor: numberField().refine((v) => v > 1, 'must be greater than 1'),
  strict: z.boolean(),
};

/** `diverged` for summary.json: the divergence, or false. */
export function divergenceOf(loss: ArrayLike<number>, factor: number): Divergence | false {
  return lossDivergence(loss, factor) ?? false;
}

/** Adds the `diverged` field to the summary.json of a run directory. */
export function recordDivergence(runDir: string, loss: ArrayLike<number>, factor: number): Divergence | false {
  const path = join(runDir, 'summary.json');
  const summary = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const diverged = divergenceOf(loss, factor);
  writeFileAtomic(path, JSON.stringify({ ...summary, diverged }, null, 2) + '\n');
  return diverged;
}

/**
 * Prints one warning line per diverged run (named) on stderr, after the results are written; with `strict` the
 * command then fails with exit code 1.
 */
export function reportDivergence(runs: readonly { name: string; diverged: Divergence | false }[], strict: boolean): void {
  const diverged = runs.filter((r) => r.diverged !== false) as { name: string; diverged: Divergence }[];
  for (const { name, diverged: d } of diverged) {
    process.stderr.write(
      `mmcl: warning: ${name} diverged: loss ${d.loss.toPrecision(3)} at step ${d.step}, above ${d.factor.toPrecision(3)} × its initial ${d.initialLoss.toPrecision(3)} (lower eta)\n`,
    );
  }
  if (strict && diverged.length > 0) {
    throw new CliError('--strict', `${diverged.length} run(s) diverged (first: ${diverged[0].name}, step ${diverged[0].diverged.step})`, 'lower eta, or drop --strict to keep the results with a warning', EXIT_RUN_FAILED);
  }
}
