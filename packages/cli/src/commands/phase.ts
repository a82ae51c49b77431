/** `mmcl phase` (being written; see docs/cli.md). */
import type { Command } from 'commander';
import { CliError, EXIT_RUN_FAILED } from '../errors.js';

export function register(program: Command): void {
  program
    .command('phase')
    .description('not available yet')
    .action(() => {
      throw new CliError('phase', 'not implemented yet', 'wait for the next commit', EXIT_RUN_FAILED);
    });
}
