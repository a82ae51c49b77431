import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CommanderError } from 'commander';
import { CliError, InterruptedError, describeError, EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_RUN_FAILED } from '../../packages/cli/src/errors.js';

test('a CliError reads "mmcl <command>: <field>: <problem> — <fix>" with exit code 2', () => {
  const { line, exitCode } = describeError(new CliError('--seeds', 'must be positive (got -1)', 'pass --seeds 5'), 'fig1');
  assert.is(line, 'mmcl fig1: --seeds: must be positive (got -1) — pass --seeds 5');
  assert.is(exitCode, EXIT_BAD_INPUT);
});

test('a commander parse error names the offending flag', () => {
  const err = new CommanderError(1, 'commander.unknownOption', "error: unknown option '--sedes'\n(Did you mean --seeds?)");
  const { line, exitCode } = describeError(err, 'fig1');
  assert.match(line, /^mmcl fig1: --sedes: unknown option/);
  assert.match(line, /mmcl fig1 --help/);
  assert.not.match(line, /\n/);
  assert.is(exitCode, EXIT_BAD_INPUT);
});

test('engine configuration errors are bad input, other errors a failed run, Ctrl-C exit 130', () => {
  const config = Object.assign(new Error('config.d: must be an integer ≥ 1'), { name: 'ConfigError' });
  assert.is(describeError(config, 'fig1').exitCode, EXIT_BAD_INPUT);
  const failure = describeError(new Error('step 12: loss is NaN\n  at stack'), 'phase');
  assert.is(failure.exitCode, EXIT_RUN_FAILED);
  assert.is(failure.line, 'mmcl phase: step 12: loss is NaN; at stack');
  assert.is(describeError(new InterruptedError('rerun with --resume'), 'fig1').exitCode, EXIT_INTERRUPTED);
});

test.run();
