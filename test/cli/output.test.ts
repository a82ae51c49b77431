import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runResumable, stageOutput } from '../../packages/cli/src/output.js';
import { MARKER, readMarker } from '@mmcl/autodiff/internal';
import { InterruptedError } from '../../packages/cli/src/errors.js';
import { expectCliError, tempDir } from './helpers.js';

const DEMO = { command: 'demo' };

const refusal = expectCliError;

// stageOutput is stageFolder of @mmcl/autodiff/internal (tested in test/autodiff/output/staging.test.ts) with its
// refusals as CliErrors; here: that wording and field, and runResumable.
test('refusals are one-line CliErrors naming --out (or the given field) and the command-line fix', () => {
  const dir = tempDir();
  const out = join(dir, 'result');
  const first = stageOutput(out, { command: 'demo', options: { seeds: 2 } });
  first.write('a.txt', 'one');
  first.commit();
  assert.equal(readMarker(out)!.options, { seeds: 2 });
  const refused = refusal(() => stageOutput(out, DEMO));
  assert.is(refused.field, '--out');
  assert.match(refused.message, /^--out: .*result holds an earlier result of mmcl demo — pass --overwrite to replace it, or choose another --out$/);
  const user = join(dir, 'thesis');
  mkdirSync(user);
  writeFileSync(join(user, 'thesis.txt'), 'months of work');
  const foreign = refusal(() => stageOutput(user, { ...DEMO, overwrite: true, field: '--json' }));
  assert.is(foreign.field, '--json');
  assert.match(foreign.message, /thesis is not empty and was not written by mmcl — choose another --json/);
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'data');
  for (const target of [join(file, 'result'), file]) assert.is(refusal(() => stageOutput(target, DEMO)).field, '--out');
  assert.equal(readdirSync(dir).sort(), ['plain-file', 'result', 'thesis'], 'refused before creating anything');
  assert.equal(readdirSync(out).sort(), [MARKER, 'a.txt']);
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
