/**
 * One-line error reporting for the mmcl command.
 *
 * Every failure the user can fix is reported as a single line
 *   mmcl <command>: <field>: <problem> — <fix>
 * with exit code 2 for bad input (flags, configuration, paths) and 1 for a run that failed. No stack trace is
 * printed unless MMCL_DEBUG=1 is set, because the user cannot act on one.
 */
import { CommanderError } from 'commander';
import { InputError } from '@mmcl/autodiff';

/** Exit codes of the mmcl command. */
export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
/** The shell's convention for a process stopped by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

/** An error the user can fix: names the field, the problem and the fix. */
export class CliError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
    readonly exitCode: number = EXIT_BAD_INPUT,
  ) {
    super(`${field}: ${problem} — ${fix}`);
    this.name = 'CliError';
  }
}

/** Thrown when the user pressed Ctrl-C; `resumeHint` says how to continue. */
export class InterruptedError extends Error {
  readonly exitCode = EXIT_INTERRUPTED;
  constructor(readonly resumeHint: string) {
    super(`interrupted — ${resumeHint}`);
    this.name = 'InterruptedError';
  }
}

/** Collapses any message onto one line, so a multi-line library message cannot break the one-line contract. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ').trim();
}

/** Turns a commander parse error ("error: unknown option '--foo'") into field / problem / fix. */
function fromCommander(err: CommanderError, command: string): CliError {
  const message = err.message.replace(/^error:\s*/, '');
  const help = `run 'mmcl${command ? ` ${command}` : ''} --help' for the usage`;
  const quoted = /'([^']+)'/.exec(message);
  const field = quoted ? quoted[1].split(/\s+/)[0] : 'arguments';
  const problem = quoted ? message.replace(quoted[0], '').replace(/\s+/g, ' ').trim() : message;
  return new CliError(field, problem || message, help, EXIT_BAD_INPUT);
}

/**
 * Formats an error as the single line the user sees and returns it with the exit code.
 * Errors from other packages that name their field in the message (every InputError: the engine's ConfigError,
 * IntrinsicInputError, TheoryInputError, ...) and zod validation errors are passed through as bad input; anything
 * else (a NumericalError, a bug) is a failed run.
 */
export function describeError(err: unknown, command: string): { line: string; exitCode: number } {
  const prefix = command ? `mmcl ${command}: ` : 'mmcl: ';
  if (err instanceof CommanderError) {
    const cli = fromCommander(err, command);
    return { line: prefix + oneLine(cli.message), exitCode: EXIT_BAD_INPUT };
  }
  if (err instanceof CliError) return { line: prefix + oneLine(err.message), exitCode: err.exitCode };
  if (err instanceof InterruptedError) return { line: prefix + oneLine(err.message), exitCode: err.exitCode };
  if (err instanceof Error) {
    const badInput = err instanceof InputError || err.name === 'ZodError';
    return { line: prefix + oneLine(err.message), exitCode: badInput ? EXIT_BAD_INPUT : EXIT_RUN_FAILED };
  }
  return { line: prefix + oneLine(String(err)), exitCode: EXIT_RUN_FAILED };
}

/** Writes the one-line report to stderr (plus the stack with MMCL_DEBUG=1) and returns the exit code. */
export function reportError(err: unknown, command: string): number {
  const { line, exitCode } = describeError(err, command);
  process.stderr.write(line + '\n');
  if (process.env.MMCL_DEBUG === '1' && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  return exitCode;
}
