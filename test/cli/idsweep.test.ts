import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCaptured as mmcl, tempDir } from './helpers.js';

const dir = tempDir('mmcl-idsweep-');
const tiny = ['--quick', '--epochs', '1', '--train-rows', '256', '--reference-rows', '40', '--test-rows', '60', '--workers', '1'];

test('a tiny sweep writes the figures and one CSV row per (d, rep)', async () => {
  const out = join(dir, 'sweep');
  const { code, stdout: text, stderr: err } = await mmcl(['idsweep', '--dims', '1,6', '--reps', '2', ...tiny, '--out', out]);
  assert.is(code, 0, err);
  for (const file of ['id-vs-d.svg', 'tau.svg', 'accuracy.svg', 'similarities.svg', 'idsweep.csv', 'idsweep-summary.csv']) {
    assert.ok(existsSync(join(out, file)), file);
  }
  const rows = readFileSync(join(out, 'idsweep.csv'), 'utf8').trim().split('\n');
  assert.is(rows.length, 1 + 4);
  assert.match(rows[0], /^link,tau_mode,d,rep,seed,id_f,id_g/);
  assert.match(rows[1], /^linear,learned,1,0,2025,1,1,/); // d = 1 reports ID = 1
  assert.match(readFileSync(join(out, 'id-vs-d.svg'), 'utf8'), /k\* = 5/);
  assert.match(text, /expect ≈/);
});

test('--shard K/N runs its share into a shard folder; --fixed-tau is recorded', async () => {
  const out = join(dir, 'sharded');
  const { code, stderr: err } = await mmcl(['idsweep', '--dims', '2,3,4', ...tiny, '--fixed-tau', '1', '--shard', '2/2', '--out', out, '--quiet']);
  assert.is(code, 0, err);
  const shard = JSON.parse(readFileSync(join(out, 'shard-2-of-2', 'shard.json'), 'utf8'));
  assert.is(shard.command, 'idsweep');
  const results = Object.values(shard.results) as { outputDim: number; finalTemperature: number }[];
  assert.is(results.length, 1);
  assert.is(results[0].outputDim, 3);
  assert.is(results[0].finalTemperature, 1);
  const early = await mmcl(['idsweep', '--merge', '--out', out]);
  assert.is(early.code, 2);
  assert.match(early.stderr, /shards: missing 1\/2/);
  const first = await mmcl(['idsweep', '--dims', '2,3,4', ...tiny, '--fixed-tau', '1', '--shard', '1/2', '--out', out, '--quiet']);
  assert.is(first.code, 0, first.stderr);
  const merged = await mmcl(['idsweep', '--merge', '--out', out, '--quiet']);
  assert.is(merged.code, 0, merged.stderr);
  const rows = readFileSync(join(out, 'merged', 'idsweep.csv'), 'utf8').trim().split('\n').slice(1);
  assert.equal(rows.map((r) => r.split(',')[2]), ['2', '3', '4']);
  assert.match(rows[1], /^linear,fixed 1,3,/);
  assert.ok(existsSync(join(out, 'merged', 'id-vs-d.svg')));
  // mmcl merge reads the same shards and writes the same tables.
  const general = await mmcl(['merge', out, '--out', join(dir, 'merged-by-merge')]);
  assert.is(general.code, 0, general.stderr);
  for (const file of ['idsweep.csv', 'idsweep-summary.csv', 'results.json']) {
    assert.is(readFileSync(join(dir, 'merged-by-merge', file), 'utf8'), readFileSync(join(out, 'merged', file), 'utf8'), file);
  }
});

test('the defaults are the paper\'s settings (one repetition); --quick changes only the flags left at their defaults', async () => {
  const help = (await mmcl(['idsweep', '--help'])).stdout.replace(/\s+/g, ' ');
  for (const [flag, value] of [['--epochs', '800'], ['--train-rows', '10000'], ['--reference-rows', '2000'], ['--test-rows', '2000'], ['--lr', '0.0001'], ['--reps', '1']]) {
    assert.match(help, new RegExp(`${flag} <[a-z]+> ((?!--).)*\\(default: ${value}\\)`), flag);
  }
  const out = join(dir, 'quick');
  const quick = await mmcl(['idsweep', '--quick', '--dims', '2', '--epochs', '1', '--workers', '1', '--out', out]);
  assert.is(quick.code, 0, quick.stderr);
  assert.match(quick.stdout, /1 runs × 10 steps/); // n = 2560 rows of the quick preset in batches of 256, 1 epoch as given
  const both = await mmcl(['idsweep', '--quick', '--paper', '--out', join(dir, 'bad')]);
  assert.is(both.code, 2);
  assert.match(both.stderr, /--quick: cannot be combined with --paper/);
});

test('bad options are one-line errors naming the flag', async () => {
  const dims = await mmcl(['idsweep', '--dims', '0,x', '--out', join(dir, 'bad')]);
  assert.is(dims.code, 2);
  assert.match(dims.stderr, /--dims: '0,x' is not a list/);
  const shard = await mmcl(['idsweep', '--shard', '3/2', '--out', join(dir, 'bad')]);
  assert.match(shard.stderr, /--shard/);
  const batch = await mmcl(['idsweep', '--train-rows', '100', '--out', join(dir, 'bad')]);
  assert.match(batch.stderr, /--batch-size: 256 exceeds --train-rows 100/);
  assert.is(batch.stderr.trim().split('\n').length, 1);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
