import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageOutput } from '../../packages/cli/src/output.js';
import { CliError } from '../../packages/cli/src/errors.js';
import { tempDir } from './helpers.js';

test('files appear in the output folder only on commit, replacing an older result', () => {
  const dir = tempDir();
  const out = join(dir, 'result');
  const first = stageOutput(out);
  first.write('a.txt', 'one');
  assert.not.ok(existsSync(out));
  first.commit();
  assert.is(readFileSync(join(out, 'a.txt'), 'utf8'), 'one');
  const second = stageOutput(out);
  second.write('sub/b.txt', 'two');
  second.commit();
  assert.not.ok(existsSync(join(out, 'a.txt')), 'the old result is replaced, not merged');
  assert.is(readFileSync(join(out, 'sub/b.txt'), 'utf8'), 'two');
  assert.equal(readdirSync(dir), ['result'], 'no staging or backup folder is left');
});

test('discard leaves nothing behind', () => {
  const dir = tempDir();
  const staged = stageOutput(join(dir, 'result'));
  staged.write('a.txt', 'x');
  staged.discard();
  assert.equal(readdirSync(dir), []);
});

test('resume keeps the staging folder of an interrupted run; a fresh run clears it', () => {
  const dir = tempDir();
  const out = join(dir, 'result');
  stageOutput(out).write('done.txt', 'kept');
  assert.ok(stageOutput(out, { resume: true }).resumed);
  assert.ok(existsSync(join(dir, '.result.partial', 'done.txt')));
  const fresh = stageOutput(out);
  assert.not.ok(fresh.resumed);
  assert.not.ok(existsSync(join(dir, '.result.partial', 'done.txt')));
});

test('an output folder that cannot be created is a CliError naming --out', () => {
  const dir = tempDir();
  const file = join(dir, 'plain-file');
  writeFileSync(file, '');
  for (const out of [join(file, 'result'), file]) {
    try {
      stageOutput(out);
      assert.unreachable();
    } catch (err) {
      assert.instance(err, CliError);
      assert.is((err as CliError).field, '--out');
    }
  }
});

test.run();
