import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runResumable, stageOutput } from '../../packages/cli/src/output.js';
import { CliError, InterruptedError } from '../../packages/cli/src/errors.js';
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

test('runResumable: success commits, Ctrl-C keeps the staging folder with a --resume hint, other failures remove it', async () => {
  const dir = tempDir();
  const done = stageOutput(join(dir, 'done'));
  await runResumable(done, async () => {
    done.write('a.txt', 'one');
    done.commit();
  });
  assert.is(readFileSync(join(done.final, 'a.txt'), 'utf8'), 'one');
  assert.not.ok(existsSync(done.staging));

  const stopped = stageOutput(join(dir, 'stopped'));
  try {
    await runResumable(stopped, async () => {
      stopped.write('run-1.json', '{}');
      throw new InterruptedError('raw');
    });
    assert.unreachable('expected an InterruptedError');
  } catch (err) {
    assert.instance(err, InterruptedError);
    assert.match((err as Error).message, /kept in .*\.stopped\.partial; rerun the same command with --resume/);
  }
  assert.ok(existsSync(join(stopped.staging, 'run-1.json')));

  const failed = stageOutput(join(dir, 'failed'));
  await runResumable(failed, async () => {
    failed.write('half.json', '{');
    throw new Error('step 3: loss is NaN');
  }).then(
    () => assert.unreachable('expected the failure to propagate'),
    (err: Error) => assert.is(err.message, 'step 3: loss is NaN'),
  );
  assert.not.ok(existsSync(failed.staging));
  assert.not.ok(existsSync(failed.final));
});

test.run();
