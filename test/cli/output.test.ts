import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runResumable, stageOutput } from '../../packages/cli/src/output.js';
import { MARKER, readMarker } from '@mmcl/autodiff/internal';
import { CliError, InterruptedError } from '../../packages/cli/src/errors.js';
import { expectCliError, tempDir } from './helpers.js';

const DEMO = { command: 'demo' };

const refusal = expectCliError;

test('files appear in the output folder only on commit, with a marker listing them', () => {
  const dir = tempDir();
  const out = join(dir, 'result');
  const first = stageOutput(out, { command: 'demo', options: { seeds: 2 } });
  first.write('sub/a.txt', 'one');
  assert.not.ok(existsSync(out));
  first.commit();
  assert.is(readFileSync(join(out, 'sub/a.txt'), 'utf8'), 'one');
  const marker = readMarker(out)!;
  assert.is(marker.command, 'demo');
  assert.equal(marker.options, { seeds: 2 });
  assert.equal(marker.files, ['sub', 'sub/a.txt']);
  assert.equal(readdirSync(dir), ['result'], 'no staging or backup folder is left');
});

test("mmcl's own earlier result is replaced only with overwrite", () => {
  const dir = tempDir();
  const out = join(dir, 'result');
  const first = stageOutput(out, DEMO);
  first.write('a.txt', 'one');
  first.commit();
  const refused = refusal(() => stageOutput(out, DEMO));
  assert.is(refused.field, '--out');
  assert.match(refused.message, /holds an earlier result of mmcl demo — pass --overwrite/);
  const second = stageOutput(out, { ...DEMO, overwrite: true });
  second.write('b.txt', 'two');
  second.commit();
  assert.not.ok(existsSync(join(out, 'a.txt')), 'the old result is replaced, not merged');
  assert.is(readFileSync(join(out, 'b.txt'), 'utf8'), 'two');
  assert.equal(readdirSync(dir), ['result']);
});

test('a folder mmcl did not write is never replaced, even with overwrite; an empty one is used', () => {
  const dir = tempDir();
  const user = join(dir, 'thesis');
  mkdirSync(user);
  writeFileSync(join(user, 'thesis.txt'), 'months of work');
  for (const overwrite of [false, true]) {
    const refused = refusal(() => stageOutput(user, { ...DEMO, overwrite }));
    assert.match(refused.message, /is not empty and was not written by mmcl/);
  }
  assert.is(readFileSync(join(user, 'thesis.txt'), 'utf8'), 'months of work');
  assert.equal(readdirSync(dir), ['thesis'], 'refused before creating anything');
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const staged = stageOutput(empty, DEMO);
  staged.write('a.txt', 'x');
  staged.commit();
  assert.equal(readdirSync(empty).sort(), [MARKER, 'a.txt']);
});

test('a marked folder holding a foreign file is refused even with overwrite, and checked again at commit', () => {
  const dir = tempDir();
  const out = join(dir, 'result');
  const first = stageOutput(out, DEMO);
  first.write('seed-0/a.txt', 'one');
  first.commit();
  writeFileSync(join(out, 'seed-0', 'notes.txt'), 'mine');
  const refused = refusal(() => stageOutput(out, { ...DEMO, overwrite: true }));
  assert.match(refused.message, /'seed-0\/notes.txt', which mmcl did not write — move it out/);
  assert.ok(existsSync(join(out, 'seed-0', 'notes.txt')));
  // A file added while the run was going is caught at commit; the new result stays in the staging folder.
  const other = join(dir, 'other');
  const first2 = stageOutput(other, DEMO);
  first2.commit();
  const late = stageOutput(other, { ...DEMO, overwrite: true });
  late.write('b.txt', 'new');
  writeFileSync(join(other, 'late.txt'), 'added during the run');
  refusal(() => late.commit());
  assert.is(readFileSync(join(other, 'late.txt'), 'utf8'), 'added during the run');
  assert.ok(existsSync(join(late.staging, 'b.txt')));
});

test('a file as --out, and an unwritable parent, are CliErrors naming --out', () => {
  const dir = tempDir();
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'data');
  for (const out of [join(file, 'result'), file]) assert.is(refusal(() => stageOutput(out, DEMO)).field, '--out');
  assert.is(readFileSync(file, 'utf8'), 'data');
});

test('discard leaves nothing behind', () => {
  const dir = tempDir();
  const staged = stageOutput(join(dir, 'result'), DEMO);
  staged.write('a.txt', 'x');
  staged.discard();
  assert.equal(readdirSync(dir), []);
});

test("a resumable staging folder is kept for the journal; one without mmcl's marker is never touched", () => {
  const dir = tempDir();
  const out = join(dir, 'result');
  stageOutput(out, DEMO).write('done.txt', 'kept');
  assert.ok(stageOutput(out, { ...DEMO, resumable: true }).resumed);
  assert.ok(existsSync(join(dir, '.result.partial', 'done.txt')));
  const fresh = stageOutput(out, DEMO);
  assert.not.ok(fresh.resumed);
  assert.not.ok(existsSync(join(dir, '.result.partial', 'done.txt')), 'a non-resumable command replaces its own staging folder');
  const other = refusal(() => stageOutput(out, { command: 'other', resumable: true }));
  assert.match(other.message, /holds an unfinished run of mmcl demo/);

  const foreign = join(dir, 'mine');
  mkdirSync(join(dir, '.mine.partial'));
  writeFileSync(join(dir, '.mine.partial', 'keep.txt'), 'user file');
  assert.match(refusal(() => stageOutput(foreign, { ...DEMO, overwrite: true })).message, /was not written by mmcl/);
  assert.is(readFileSync(join(dir, '.mine.partial', 'keep.txt'), 'utf8'), 'user file');
});

test('runResumable: success commits, Ctrl-C keeps the staging folder, a failure keeps it only when it holds finished work', async () => {
  const dir = tempDir();
  const done = stageOutput(join(dir, 'done'), DEMO);
  await runResumable(done, async () => {
    done.write('a.txt', 'one');
    done.commit();
  });
  assert.is(readFileSync(join(done.final, 'a.txt'), 'utf8'), 'one');
  assert.not.ok(existsSync(done.staging));

  const stopped = stageOutput(join(dir, 'stopped'), DEMO);
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

  const failed = stageOutput(join(dir, 'failed'), DEMO);
  await runResumable(failed, async () => {
    failed.write('half.json', '{');
    throw new Error('step 3: loss is NaN');
  }).then(
    () => assert.unreachable('expected the failure to propagate'),
    (err: Error) => assert.is(err.message, 'step 3: loss is NaN'),
  );
  assert.not.ok(existsSync(failed.staging));
  assert.not.ok(existsSync(failed.final));

  const partly = stageOutput(join(dir, 'partly'), DEMO);
  await runResumable(partly, async () => {
    partly.write('seed-0.json', '{}');
    partly.holdsFinishedWork = true;
    throw new Error('seed 1, step 3: loss is NaN');
  }).then(
    () => assert.unreachable('expected the failure to propagate'),
    (err: Error) => assert.match(err.message, /^seed 1, step 3: loss is NaN \(the finished runs are kept in .*\.partly\.partial\)$/),
  );
  assert.ok(existsSync(join(partly.staging, 'seed-0.json')));
});

test.run();
