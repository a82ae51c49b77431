/**
 * @mmcl/cli: the `mmcl` command. Programmatic use: `await runCli(['fig1', '--seeds', '2'])` returns the exit code.
 * The helpers (errors, options, output folders, progress, shards, worker pool) are internal to the package.
 */
export { runCli, createProgram } from './program.js';
