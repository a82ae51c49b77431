/**
 * Flags shared by the long-running commands, so that every command spells them the same way.
 */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { positiveIntField } from './config.js';
import { defaultWorkerCount } from './sweep/pool.js';

/** Adds --config, --out, --overwrite, --workers, --resume and --quiet to `command`. */
export function addRunOptions(command: Command, defaultOut: string): Command {
  return command
    .option('--config <file>', 'read options from a JSON file: the long flags in camelCase, plus "model": { any engine key }; flags win')
    .option('--out <dir>', 'output folder (written to a hidden sibling, renamed into place when complete)', defaultOut)
    .option('--overwrite', "replace mmcl's own earlier result in --out (never a folder holding files mmcl did not write)", false)
    .addOption(
      new Option('--workers <n>', 'worker threads').default(defaultWorkerCount(), `${defaultWorkerCount()}, one per core`),
    )
    .option('--resume', 'continue the run that Ctrl-C stopped in the same --out folder', false)
    .option('--quiet', 'no progress bar', false);
}

/** The zod shape of the options added by addRunOptions. */
export const runOptionsShape = {
  out: z.string().min(1, 'must not be empty'),
  workers: positiveIntField(),
  resume: z.boolean(),
  quiet: z.boolean(),
  overwrite: z.boolean(),
};
