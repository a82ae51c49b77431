import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TaskJournal } from '../../../packages/cli/src/sweep/journal.js';
import { stageOutput } from '../../../packages/cli/src/output.js';
import { MARKER } from '@mmcl/autodiff/internal';
import { CliError } from '../../../packages/cli/src/errors.js';
import { expectCliError, tempDir } from '../helpers.js';

const stage = (out: string, options: unknown = {}) => stageOutput(out, { command: 'demo', options, resumable: true });

const refusal = expectCliError;

test('finished tasks survive an interruption and are reloaded by the next run with the same options', () => {
  const out = join(tempDir(), 'run');
  const journal = TaskJournal.open<number[]>(stage(out), 'demo', { seeds: 2 });
  journal.record('seed-0', [0.1, 1 / 3]);
  const resumed = TaskJournal.open<number[]>(stage(out), 'demo', { seeds: 2 });
  assert.is(resumed.size, 1);
  assert.equal(resumed.get('seed-0'), [0.1, 1 / 3], 'float64 values round-trip exactly through JSON');
  assert.not.ok(resumed.has('seed-1'));
});

test('a run with other options is refused naming the option, and the finished tasks stay', () => {
  const out = join(tempDir(), 'run');
  const first = stage(out, { steps: 12, seeds: 2 });
  TaskJournal.open(first, 'demo', { steps: 12 }).record('a', 1);
  const err = refusal(() => TaskJournal.open(stage(out, { steps: 20, seeds: 2 }), 'demo', { steps: 20 }));
  assert.is(err.field, '--resume');
  assert.match(err.message, /--steps was 12, now 20/);
  assert.match(err.message, /rerunning with --steps 12 --resume/);
  assert.ok(existsSync(join(first.staging, '.tasks', 'a.json')), 'the finished task is kept');
  // The suggested fix works as written.
  const continued = TaskJournal.open<number>(stage(out, { steps: 12, seeds: 2 }), 'demo', { steps: 12 });
  assert.is(continued.get('a'), 1);
});

test('a stopped run with no finished task is simply started over', () => {
  const out = join(tempDir(), 'run');
  TaskJournal.open(stage(out, { steps: 12 }), 'demo', { steps: 12 });
  const fresh = TaskJournal.open(stage(out, { steps: 20 }), 'demo', { steps: 20 });
  assert.is(fresh.size, 0);
});

test('a truncated task file is refused naming it, and the suggested rm makes the next run redo only that task', () => {
  const out = join(tempDir(), 'run');
  const output = stage(out);
  const journal = TaskJournal.open(output, 'demo', {});
  journal.record('a', { x: 1 });
  journal.record('b', { x: 2 });
  const broken = join(output.staging, '.tasks', 'b.json');
  writeFileSync(broken, '{"x":');
  const err = refusal(() => TaskJournal.open(stage(out), 'demo', {}));
  assert.match(err.message, /the task file .*b\.json is unreadable .* — delete it \(rm (\S+)\) and rerun/);
  assert.ok(existsSync(join(output.staging, '.tasks', 'a.json')), 'the other finished task is kept');
  const path = /\(rm (\S+)\)/.exec(err.message)![1];
  assert.is(path, broken);
  rmSync(path);
  const next = TaskJournal.open(stage(out), 'demo', {});
  assert.ok(next.has('a'));
  assert.not.ok(next.has('b'), 'only the damaged task is redone');
});

test('finish removes the bookkeeping before the folder is committed', () => {
  const dir = tempDir();
  const output = stage(join(dir, 'run'));
  const journal = TaskJournal.open(output, 'demo', {});
  journal.record('a', 1);
  output.write('result.txt', 'ok');
  journal.finish();
  output.commit();
  assert.equal(readdirSync(join(dir, 'run')).sort(), [MARKER, 'result.txt']);
});

test.run();
