import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TaskJournal } from '../../packages/cli/src/journal.js';
import { stageOutput } from '../../packages/cli/src/output.js';
import { CliError } from '../../packages/cli/src/errors.js';
import { tempDir } from './helpers.js';

test('finished tasks survive an interruption and are reloaded on resume', () => {
  const out = join(tempDir(), 'run');
  const journal = TaskJournal.open<number[]>(stageOutput(out), 'demo', { seeds: 2 });
  journal.record('seed-0', [0.1, 1 / 3]);
  const resumed = TaskJournal.open<number[]>(stageOutput(out, { resume: true }), 'demo', { seeds: 2 });
  assert.is(resumed.size, 1);
  assert.equal(resumed.get('seed-0'), [0.1, 1 / 3], 'float64 values round-trip exactly through JSON');
  assert.not.ok(resumed.has('seed-1'));
});

test('resuming with other options is refused', () => {
  const out = join(tempDir(), 'run');
  TaskJournal.open(stageOutput(out), 'demo', { seeds: 2 }).record('a', 1);
  try {
    TaskJournal.open(stageOutput(out, { resume: true }), 'demo', { seeds: 3 });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, CliError);
    assert.is((err as CliError).field, '--resume');
  }
});

test('finish removes the bookkeeping before the folder is committed', () => {
  const dir = tempDir();
  const output = stageOutput(join(dir, 'run'));
  const journal = TaskJournal.open(output, 'demo', {});
  journal.record('a', 1);
  output.write('result.txt', 'ok');
  journal.finish();
  output.commit();
  assert.equal(readdirSync(join(dir, 'run')), ['result.txt']);
});

test.run();
