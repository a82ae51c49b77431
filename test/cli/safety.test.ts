// What mmcl writes and never touches (docs/cli.md): a foreign file survives every command's --out, with or without
// --overwrite; merge never writes over its shards; a refused resume keeps the finished runs, and its fix works.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeNpy } from '@mmcl/autodiff';
import { runCaptured, tempDir, TINY_MODEL, TINY_MODEL_CONFIG } from './helpers.js';

const root = tempDir('mmcl-safety-');
const tinyConfig = join(root, 'tiny.json');
writeFileSync(tinyConfig, JSON.stringify(TINY_MODEL_CONFIG));
const runConfig = join(root, 'run.json');
writeFileSync(runConfig, JSON.stringify({ mode: 'multi', d: 60, n: 10, m: 4, steps: 6, nTest: 20, probeTrainSize: 10, populationSamples: 0 }));
const points = join(root, 'points.npy');
writeFileSync(points, encodeNpy(Float64Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) + i / 7), [30, 2]));

/** Every command, with arguments that would succeed in a fresh folder, writing to OUT. */
const COMMANDS: Record<string, string[]> = {
  run: ['run', runConfig, '--quiet'],
  verify: ['verify', runConfig, '--quiet', '--cross-engine', 'never'],
  fig1: ['fig1', '--seeds', '1', '--quiet', '--config', tinyConfig, ...TINY_MODEL],
  phase: ['phase', '--snr', '1:1:1', '--c-mu', '1:1:1', '--seeds', '1', '--quiet', '--config', tinyConfig, ...TINY_MODEL],
  coloredmnist: ['coloredmnist', '--tiny', '--quiet'],
  idsweep: ['idsweep', '--dims', '2', '--reps', '1', '--epochs', '1', '--train-rows', '64', '--batch-size', '32', '--reference-rows', '30', '--test-rows', '30', '--quiet'],
};

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  assert.is(lines.length, 1, stderr);
  assert.not.match(stderr, /\n\s+at /, 'no stack trace');
  return lines[0];
}

for (const [name, argv] of Object.entries(COMMANDS)) {
  test(`${name}: a folder holding a foreign file is refused before any work, with and without --overwrite`, async () => {
    const dir = join(root, `foreign-${name}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.txt'), 'months of work');
    for (const extra of [[], ['--overwrite']]) {
      const { code, stdout, stderr } = await runCaptured([...argv, '--out', dir, ...extra]);
      assert.is(code, 2, stderr);
      assert.match(oneLine(stderr), new RegExp(`^mmcl ${name}: --out: .*foreign-${name} is not empty and was not written by mmcl — `));
      assert.is(stdout, '');
    }
    assert.equal(readdirSync(dir), ['thesis.txt']);
    assert.is(readFileSync(join(dir, 'thesis.txt'), 'utf8'), 'months of work');
    assert.not.ok(existsSync(join(root, `.foreign-${name}.partial`)), 'no staging folder left');
  });
}

test("fig1: mmcl's own result is replaced only with --overwrite, and not when the user added a file to it", async () => {
  const out = join(root, 'own');
  assert.is((await runCaptured([...COMMANDS.fig1, '--out', out])).code, 0);
  const csv = readFileSync(join(out, 'fig1.csv'), 'utf8');
  const again = await runCaptured([...COMMANDS.fig1, '--out', out]);
  assert.is(again.code, 2);
  assert.match(oneLine(again.stderr), /holds an earlier result of mmcl fig1 — pass --overwrite/);
  const replaced = await runCaptured([...COMMANDS.fig1, '--out', out, '--overwrite']);
  assert.is(replaced.code, 0, replaced.stderr);
  assert.is(readFileSync(join(out, 'fig1.csv'), 'utf8'), csv, 'same seed, same bytes');
  writeFileSync(join(out, 'seed-0', 'notes.txt'), 'mine');
  const refused = await runCaptured([...COMMANDS.fig1, '--out', out, '--overwrite']);
  assert.is(refused.code, 2);
  assert.match(oneLine(refused.stderr), /'seed-0\/notes\.txt', which mmcl did not write/);
  assert.is(readFileSync(join(out, 'seed-0', 'notes.txt'), 'utf8'), 'mine');
});

test('the current folder (a checkout) is never an output folder', async () => {
  const checkout = join(root, 'clone');
  mkdirSync(join(checkout, '.git'), { recursive: true });
  writeFileSync(join(checkout, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  const cwd = process.cwd();
  process.chdir(checkout);
  try {
    const { code, stderr } = await runCaptured(['verify', runConfig, '--out', '.', '--quiet', '--overwrite']);
    assert.is(code, 2);
    assert.match(oneLine(stderr), /--out: \. is not empty and was not written by mmcl/);
  } finally {
    process.chdir(cwd);
  }
  assert.ok(existsSync(join(checkout, '.git', 'HEAD')));
});

test('merge refuses an --out that is or holds its shards, and keeps them', async () => {
  const shards = join(root, 'shards');
  for (const shard of ['1/2', '2/2']) {
    const { code, stderr } = await runCaptured([...COMMANDS.phase, '--snr', '1:2:2', '--shard', shard, '--out', shards]);
    assert.is(code, 0, stderr);
  }
  const before = readFileSync(join(shards, 'shard-1-of-2', 'shard.json'), 'utf8');
  for (const out of [shards, join(shards, 'shard-1-of-2'), join(shards, 'shard-1-of-2', 'inner'), root]) {
    for (const extra of [[], ['--overwrite']]) {
      const { code, stderr } = await runCaptured(['merge', shards, '--out', out, ...extra]);
      assert.is(code, 2, stderr);
      assert.match(oneLine(stderr), /^mmcl merge: --out: .* (is or holds the shards being merged|is not empty and was not written by mmcl)/);
    }
  }
  assert.is(readFileSync(join(shards, 'shard-1-of-2', 'shard.json'), 'utf8'), before);
  const merged = await runCaptured(['merge', join(shards, 'shard-1-of-2'), join(shards, 'shard-2-of-2')]);
  assert.is(merged.code, 0, merged.stderr);
  assert.ok(existsSync(join(shards, 'merged', 'phase.csv')), 'the default --out of shard folders is beside them');
});

test('id --json never overwrites a file mmcl did not write', async () => {
  const json = join(root, 'result.json');
  writeFileSync(json, '{"mine": true}');
  const { code, stderr } = await runCaptured(['id', points, '--k', '5', '--json', json]);
  assert.is(code, 2);
  assert.match(oneLine(stderr), /^mmcl id: --json: .*result\.json exists and was not written by mmcl id/);
  assert.is(readFileSync(json, 'utf8'), '{"mine": true}');
  const own = join(root, 'own-id.json');
  assert.is((await runCaptured(['id', points, '--k', '5', '--json', own])).code, 0);
  assert.is((await runCaptured(['id', points, '--k', '5', '--json', own])).code, 0, 'its own result is replaced');
});

test('fig1: a run with other options than the stopped one is refused naming the option; the suggested rerun works', async () => {
  const out = join(root, 'stopped');
  const tasks = join(root, '.stopped.partial', '.tasks');
  // Runs of a few hundred milliseconds each, so that the stop lands in the middle of the sweep.
  const args = ['fig1', '--seeds', '2', '--workers', '1', '--quiet', '--d', '400', '--n', '30', '--m', '12', '--steps', '150', '--n-test', '120', '--eval-every', '50'];
  // Stop the run after its first finished task, as Ctrl-C would (the test emits SIGINT to this process).
  const poll = setInterval(() => {
    if (existsSync(tasks) && readdirSync(tasks).some((name) => name.endsWith('.json'))) {
      clearInterval(poll);
      process.emit('SIGINT');
    }
  }, 1);
  const stopped = await runCaptured([...args, '--out', out]);
  clearInterval(poll);
  assert.is(stopped.code, 130, stopped.stderr);
  const finished = readdirSync(tasks).sort();
  for (const extra of [['--resume'], []]) {
    const other = await runCaptured([...args, '--steps', '7', '--out', out, ...extra]);
    assert.is(other.code, 2);
    const line = oneLine(other.stderr);
    assert.match(line, /^mmcl fig1: --resume: the stopped run in .* used other options \(--steps was 150, now 7\) — continue it by rerunning with --steps 150 --resume/);
    assert.equal(readdirSync(tasks).sort(), finished, 'the finished runs are kept');
  }
  const line = oneLine((await runCaptured([...args, '--steps', '7', '--out', out])).stderr);
  const suggested = /rerunning with (.*?) --resume/.exec(line)![1].split(' ');
  const resumed = await runCaptured([...args, '--steps', '7', '--out', out, ...suggested, '--resume']);
  assert.is(resumed.code, 0, resumed.stderr);
  const straight = join(root, 'straight');
  assert.is((await runCaptured([...args, '--out', straight])).code, 0);
  assert.is(readFileSync(join(out, 'fig1.csv'), 'utf8'), readFileSync(join(straight, 'fig1.csv'), 'utf8'));
});

test.run();
