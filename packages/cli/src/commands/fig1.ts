/** `mmcl fig1` (being written; see docs/cli.md). */
import type { Command } from 'commander';
import { CliError, EXIT_RUN_FAILED } from '../errors.js';

export function register(program: Command): void {
  program
    .command('fig1')
    .description('not available yet')
    .action(() => {
      throw new CliError('fig1', 'not implemented yet', 'wait for the next commit', EXIT_RUN_FAILED);
    });
}
