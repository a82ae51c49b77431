import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { flagOf, positiveIntField, readConfigFile, resolveOptions } from '../../packages/cli/src/config.js';
import { CliError } from '../../packages/cli/src/errors.js';
import { tempDir } from './helpers.js';

const schema = z.strictObject({ seeds: positiveIntField(), out: z.string(), muNorm: positiveIntField().optional() });

/** Parses `argv` with a small command and resolves its options; returns the options or the CliError. */
function resolve(argv: string[]): z.infer<typeof schema> | CliError {
  const command = new Command('demo').exitOverride().option('--config <file>').option('--seeds <n>', '', '5').option('--out <dir>', '', 'runs/x').option('--mu-norm <x>');
  command.parse(argv, { from: 'user' });
  try {
    return resolveOptions(command, command.opts(), schema);
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
}

test('flagOf spells camelCase keys as long flags', () => {
  assert.is(flagOf('muTildeNorm'), '--mu-tilde-norm');
  assert.is(flagOf('seeds'), '--seeds');
});

test('defaults, then the --config file, then flags', () => {
  const dir = tempDir();
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ seeds: 3, out: 'from-file' }));
  assert.equal(resolve([]), { seeds: 5, out: 'runs/x' });
  assert.equal(resolve(['--config', file]), { seeds: 3, out: 'from-file' });
  assert.equal(resolve(['--config', file, '--seeds', '7']), { seeds: 7, out: 'from-file' });
});

test('a bad flag value names the flag and shows the value', () => {
  const err = resolve(['--seeds', '-2']) as CliError;
  assert.instance(err, CliError);
  assert.is(err.field, '--seeds');
  assert.match(err.problem, /positive.*-2/);
  const notNumber = resolve(['--mu-norm', 'abc']) as CliError;
  assert.is(notNumber.field, '--mu-norm');
});

test('a bad key in the --config file names the key and the file', () => {
  const dir = tempDir();
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ seeds: 0 }));
  const err = resolve(['--config', file]) as CliError;
  assert.is(err.field, `seeds in ${file}`);
  writeFileSync(file, JSON.stringify({ sedes: 2 }));
  const unknown = resolve(['--config', file]) as CliError;
  assert.match(unknown.problem, /unknown key sedes/);
});

test('malformed, missing and non-object JSON are one-line errors naming --config', () => {
  const dir = tempDir();
  const file = join(dir, 'c.json');
  writeFileSync(file, '{ "seeds": 3, ');
  for (const [path, pattern] of [[file, /not valid JSON/], [join(dir, 'missing.json'), /cannot read/]] as const) {
    const err = resolve(['--config', path]) as CliError;
    assert.is(err.field, '--config');
    assert.match(err.problem, pattern);
    assert.not.match(err.message, /\n/);
  }
  writeFileSync(file, '[1, 2]');
  assert.match((resolve(['--config', file]) as CliError).problem, /JSON object/);
});

test('readConfigFile (run/verify CONFIG.json): the parsed value, or a one-line CliError naming the file', () => {
  const dir = tempDir();
  const file = join(dir, 'run.json');
  writeFileSync(file, '{ "d": 40, "mode": "multi" }');
  assert.equal(readConfigFile(file), { d: 40, mode: 'multi' });
  writeFileSync(file, '{ "d": ');
  const cases = [[file, /is not valid JSON/], [join(dir, 'missing.json'), /cannot read the configuration file \(ENOENT\)/]] as const;
  for (const [path, pattern] of cases) {
    try {
      readConfigFile(path);
      assert.unreachable('expected a CliError');
    } catch (err) {
      assert.instance(err, CliError);
      assert.is((err as CliError).field, path);
      assert.match((err as CliError).problem, pattern);
      assert.not.match((err as CliError).message, /\n/);
    }
  }
});

test.run();
