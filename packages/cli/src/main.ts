#!/usr/bin/env node
// Entry point of the `mmcl` command (started by bin/mmcl.js). All logic lives in program.ts.
import { runCli } from './program.js';

// `mmcl fig1 | head` closes stdout early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await runCli(process.argv.slice(2));
// Set the exit code rather than calling process.exit, so buffered stdout (a piped table) is flushed first.
process.exitCode = code;
