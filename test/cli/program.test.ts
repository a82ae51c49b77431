import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createProgram, commandNameOf } from '../../packages/cli/src/program.js';
import { runCaptured } from './helpers.js';

test('every command answers --help with its usage and exit code 0', async () => {
  const names = createProgram().commands.map((c) => c.name());
  for (const name of ['fig1', 'phase', 'merge']) assert.ok(names.includes(name), name);
  for (const name of names) {
    const { code, stdout } = await runCaptured([name, '--help']);
    assert.is(code, 0, name);
    assert.match(stdout, new RegExp(`^Usage: mmcl ${name}`), name);
  }
  const top = await runCaptured(['--help']);
  assert.is(top.code, 0);
  assert.match(top.stdout, /Commands:/);
});

test('an unknown command is a one-line error with exit code 2', async () => {
  const { code, stderr } = await runCaptured(['fig2']);
  assert.is(code, 2);
  assert.is(stderr.split('\n').length, 2, stderr);
  assert.match(stderr, /^mmcl: fig2: unknown command/);
});

test('commandNameOf finds the subcommand among the arguments', () => {
  const program = createProgram();
  assert.is(commandNameOf(program, ['--quiet', 'phase', '--shard', '1/2']), 'phase');
  assert.is(commandNameOf(program, ['--version']), '');
});

test('the installed launcher reports bad input in one line with exit code 2', () => {
  const launcher = fileURLToPath(new URL('../../packages/cli/bin/mmcl.js', import.meta.url));
  const run = spawnSync(process.execPath, [launcher, 'fig1', '--seeds', '-1'], { encoding: 'utf8' });
  assert.is(run.status, 2, run.stderr);
  assert.is(run.stdout, '');
  assert.is(run.stderr, "mmcl fig1: --seeds: must be positive (got -1) — set a valid value with --seeds or in the --config file\n");
});

test('bare mmcl prints its help and exits 0', async () => {
  const { code, stdout, stderr } = await runCaptured([]);
  assert.is(code, 0);
  assert.match(stdout, /^Usage: mmcl \[options\] \[command\]/);
  assert.match(stdout, /fig1 \[options\]/);
  assert.is(stderr, '');
});

test('a flag followed by another flag instead of its value is named (fig1 --seeds --out X)', async () => {
  const { code, stderr } = await runCaptured(['fig1', '--seeds', '--out', 'X']);
  assert.is(code, 2);
  assert.is(stderr, 'mmcl fig1: --seeds: needs a value, but the next argument is the flag --out — write --seeds VALUE, e.g. --seeds <n>\n');
  const last = await runCaptured(['run', 'cfg.json', '--out']);
  assert.match(last.stderr, /^mmcl run: --out: needs a value, but nothing follows it/);
  const negative = await runCaptured(['fig1', '--seeds', '-1', '--out', 'X']);
  assert.match(negative.stderr, /--seeds: must be positive/, 'a negative number is a value, not a flag');
});

test.run();
