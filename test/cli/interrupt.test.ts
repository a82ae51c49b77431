import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCaptured, tempDir } from './helpers.js';

const main = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
// Runs of a few hundred milliseconds each, so that Ctrl-C lands in the middle of the sweep.
const ARGS = ['fig1', '--seeds', '4', '--workers', '1', '--quiet', '--d', '400', '--n', '30', '--m', '12', '--steps', '150', '--n-test', '120', '--eval-every', '50'];

test('Ctrl-C keeps the finished runs; --resume completes them into the same result as an uninterrupted run', async () => {
  const dir = tempDir();
  const out = join(dir, 'fig1');
  const tasks = join(dir, '.fig1.partial', '.tasks');
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...ARGS, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait for the first finished run, then press Ctrl-C.
  const deadline = Date.now() + 60_000;
  while (!(existsSync(tasks) && readdirSync(tasks).length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGINT');
  const code = await exited;
  const finished = readdirSync(tasks).length;
  assert.is(code, 130, stderr);
  assert.ok(finished >= 1 && finished < 8, `${finished} of 8 runs finished before Ctrl-C`);
  assert.match(stderr.trim().split('\n').pop()!, /^mmcl fig1: interrupted — .*--resume/);
  assert.not.ok(existsSync(out), 'no half-written output folder');

  const resumed = await runCaptured([...ARGS, '--out', out, '--resume']);
  assert.is(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`\\(8 runs in [0-9.]+ s, resumed ${finished} finished runs?\\)`), 'the resumed run reuses every saved run');
  assert.equal(readdirSync(dir), ['fig1'], 'the staging folder became the output');
  const straight = await runCaptured([...ARGS, '--out', join(dir, 'straight')]);
  assert.is(straight.code, 0, straight.stderr);
  assert.is(readFileSync(join(out, 'fig1.csv'), 'utf8'), readFileSync(join(dir, 'straight', 'fig1.csv'), 'utf8'));
});

test('--resume with other options is refused with a one-line error', async () => {
  const dir = tempDir();
  const out = join(dir, 'fig1');
  // The staging folder that Ctrl-C leaves behind, written here directly with other recorded options.
  const { TaskJournal } = await import('../../packages/cli/src/sweep/journal.js');
  const { stageOutput } = await import('../../packages/cli/src/output.js');
  TaskJournal.open(stageOutput(out, { command: 'fig1' }), 'fig1', { other: true }).record('x', 1);
  const { code, stderr } = await runCaptured([...ARGS, '--out', out, '--resume']);
  assert.is(code, 2);
  assert.match(stderr, /^mmcl fig1: --resume: the stopped run in .* used other options .* — /);
});

test('kill -9 mid-run loses nothing: the rerun continues from the finished runs and gives the same bytes', async () => {
  const dir = tempDir();
  const out = join(dir, 'fig1');
  const tasks = join(dir, '.fig1.partial', '.tasks');
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...ARGS, '--out', out], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!(existsSync(tasks) && readdirSync(tasks).some((n) => n.endsWith('.json'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  await exited;
  const finished = readdirSync(tasks).filter((n) => n.endsWith('.json')).sort();
  assert.ok(finished.length >= 1, 'at least one run was saved before the kill');
  assert.not.ok(existsSync(out), 'no half-written output folder');
  // The plain rerun (no --resume) finds the killed run's staging folder and continues it.
  const rerun = await runCaptured([...ARGS, '--out', out]);
  assert.is(rerun.code, 0, rerun.stderr);
  const straight = await runCaptured([...ARGS, '--out', join(dir, 'straight')]);
  assert.is(straight.code, 0, straight.stderr);
  assert.is(readFileSync(join(out, 'fig1.csv'), 'utf8'), readFileSync(join(dir, 'straight', 'fig1.csv'), 'utf8'));
  assert.equal(readdirSync(dir).sort(), ['fig1', 'straight'], 'no staging, backup or temporary folder is left');
});

test.run();
