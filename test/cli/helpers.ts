/** Shared helpers of the CLI tests (not a test file itself). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../packages/cli/src/program.js';
import { CliError } from '../../packages/cli/src/errors.js';

/** A fresh temporary folder. */
export function tempDir(prefix = 'mmcl-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the CLI in this process and captures what it writes to stdout and stderr. */
export async function runCaptured(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** A tiny paper-1 model: every command end to end in well under a second of compute. */
export const TINY_MODEL = ['--d', '60', '--n', '10', '--m', '4', '--steps', '12', '--n-test', '40', '--eval-every', '4'];
/** The engine keys without a flag that the tiny model needs (the probe trains on 100 samples by default). */
export const TINY_MODEL_CONFIG = { model: { probeTrainSize: 20 } };

/** Runs `run`, which must throw a CliError, and returns it. */
export function expectCliError(run: () => unknown): CliError {
  try {
    run();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
}
