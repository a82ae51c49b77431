/**
 * @mmcl/cli: the `mmcl` command (see docs/cli.md). The helpers behind it (errors, options, output folders,
 * progress, shards, worker pool) are internal to the package.
 */
export { runCli, createProgram } from './program.js';
