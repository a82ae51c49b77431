/**
 * The commander program: global settings shared by every subcommand, and the entry point `runCli`.
 */
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { CliError, reportError, EXIT_OK } from './errors.js';

/**
 * Builds the `mmcl` program with every command registered. Parse errors throw instead of exiting.
 *
 * @example
 * import { createProgram } from '@mmcl/cli';
 * createProgram().commands.map((c) => c.name()).includes('phase'); // → true
 * @category Command line
 */
export function createProgram(): Command {
  const program = new Command('mmcl')
    .description('Reproduce the experiments of the mmcl papers: run `mmcl <command> --help` for each command.')
    .version('0.1.0')
    .showSuggestionAfterError(true)
    // Parse errors are reported by runCli as one line; commander's own multi-line output is silenced.
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  // Settings a subcommand copies when it is added: set them before registering.
  registerCommands(program);
  for (const sub of program.commands) propagate(sub);
  return program;
}

// Subcommands made with .command() inherit the settings above; this also covers any added with addCommand().
function propagate(cmd: Command): void {
  cmd.configureOutput({ outputError: () => {} }).exitOverride();
  for (const sub of cmd.commands) propagate(sub);
}

/** The subcommand named on the command line (for error messages), or '' when there is none. */
export function commandNameOf(program: Command, argv: readonly string[]): string {
  const names = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
  return argv.find((a) => names.has(a)) ?? '';
}

/**
 * Refuses a flag that needs a value but is followed by another flag (`fig1 --seeds --out X`), which commander would
 * otherwise take as the value, naming the flag that lacks its value.
 */
export function checkMissingValues(program: Command, command: string, argv: readonly string[]): void {
  const sub = program.commands.find((c) => c.name() === command);
  if (!sub) return;
  const needsValue = new Set(sub.options.filter((o) => o.required && o.long).map((o) => o.long!));
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return;
    if (!needsValue.has(argv[i])) continue;
    const next = argv[i + 1];
    if (next === undefined || /^--?[A-Za-z]/.test(next)) {
      const shown = next === undefined ? 'nothing follows it' : `the next argument is the flag ${next}`;
      throw new CliError(argv[i], `needs a value, but ${shown}`, `write ${argv[i]} VALUE, e.g. ${sub.options.find((o) => o.long === argv[i])!.flags}`);
    }
    i++;
  }
}

/**
 * Runs the mmcl command on `argv` (the arguments after the program name) and returns the exit code.
 * Every error becomes one line on stderr; see errors.ts.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { runCli } from '@mmcl/cli';
 * writeFileSync('tiny.json', JSON.stringify({ mode: 'multi', d: 40, n: 6, m: 3, steps: 5, populationSamples: 0 }));
 * await runCli(['run', 'tiny.json', '--out', 'runs/tiny', '--quiet']); // → 0
 * @category Command line
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  // Bare `mmcl` prints its help (to stdout, exit 0) rather than an error.
  if (argv.length === 0) {
    process.stdout.write(program.helpInformation());
    return EXIT_OK;
  }
  const command = commandNameOf(program, argv);
  try {
    checkMissingValues(program, command, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    // --help and --version end parsing with a "clean" CommanderError.
    if (err instanceof CommanderError && err.exitCode === 0) return EXIT_OK;
    return reportError(err, command);
  }
}
