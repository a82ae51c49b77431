import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CommanderError } from 'commander';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, NumericalError } from '@mmcl/autodiff';
import { ConfigError, RunDirectoryError } from '@mmcl/infomax';
import { IntrinsicInputError } from '@mmcl/intrinsic';
import { TheoryInputError } from '@mmcl/theory';
import { ColoredMnistConfigError } from '@mmcl/coloredmnist';
import { CliError, InterruptedError, describeError, EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_RUN_FAILED } from '../../packages/cli/src/errors.js';
import { runCaptured, tempDir } from './helpers.js';

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
  assert.is(describeError(new ConfigError('d', 'must be an integer ≥ 1'), 'fig1').exitCode, EXIT_BAD_INPUT);
  const failure = describeError(new Error('step 12: loss is NaN\n  at stack'), 'phase');
  assert.is(failure.exitCode, EXIT_RUN_FAILED);
  assert.is(failure.line, 'mmcl phase: step 12: loss is NaN; at stack');
  assert.is(describeError(new InterruptedError('rerun with --resume'), 'fig1').exitCode, EXIT_INTERRUPTED);
});

test("every package's input error is an InputError and exits 2; a NumericalError exits 1", () => {
  const inputErrors = [
    new ConfigError('tau', 'must be > 0 (got 0)'),
    new RunDirectoryError('run directory runs/x already exists and is not empty; remove it or choose another --out'),
    new IntrinsicInputError('k must be an integer ≥ 2 (got 1)'),
    new TheoryInputError('config.resampleEps', 'must be false for verification'),
    new ColoredMnistConfigError('epochs', 'must be ≥ 1'),
  ];
  for (const error of inputErrors) {
    assert.instance(error, InputError);
    const { line, exitCode } = describeError(error, 'cmd');
    assert.is(exitCode, EXIT_BAD_INPUT, error.name);
    assert.is(line, `mmcl cmd: ${error.message}`);
  }
  const numerical = describeError(new NumericalError(12, 'loss', { value: Number.NaN }), 'train');
  assert.is(numerical.line, 'mmcl train: numerical trouble at step 12: loss is NaN');
  assert.is(numerical.exitCode, EXIT_RUN_FAILED);
});

test('mmcl verify on a configuration theory rejects (resampleEps) exits 2 with a one-line TheoryInputError', async () => {
  const dir = tempDir('mmcl-errors-');
  const config = join(dir, 'resample.json');
  writeFileSync(config, JSON.stringify({ d: 60, n: 4, m: 2, steps: 3, populationSamples: 0, nTest: 4, probeTrainSize: 2, resampleEps: true }));
  const { code, stderr } = await runCaptured(['verify', config, '--out', join(dir, 'out'), '--quiet']);
  assert.is(code, EXIT_BAD_INPUT, stderr);
  assert.match(stderr, /^mmcl verify: config\.resampleEps: must be false for verification/);
  assert.is(stderr.trim().split('\n').length, 1);
  rmSync(dir, { recursive: true, force: true });
});

test.run();
