import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNpyFile } from '@mmcl/autodiff';
import { runCaptured, tempDir, TINY_MODEL } from '../helpers.js';

const dir = tempDir();
const configFile = join(dir, 'tiny.json');
// n = 10 is below the preset SGD batch of 20: the config file gives its own optimizer settings.
writeFileSync(
  configFile,
  JSON.stringify({
    model: { probeTrainSize: 20 },
    optimizers: [
      { label: 'gd', optimizer: 'sgd' },
      { label: 'sgd-b4', optimizer: { name: 'sgd', batchSize: 4, momentum: 0.5 } },
      { label: 'adam', optimizer: 'adam', overrides: { eta: 1e-3 } },
    ],
  }),
);
const ARGS = ['--seeds', '2', '--quiet', '--config', configFile, ...TINY_MODEL];

test('optim end to end: run directories per optimizer/mode/seed, table, CSV, figure; Adam reports its span residual', async () => {
  const out = join(dir, 'whole');
  const { code, stdout, stderr } = await runCaptured(['optim', '--out', out, ...ARGS]);
  assert.is(code, 0, stderr);
  assert.equal(readdirSync(out).filter((f) => !f.startsWith('.')).sort(), ['optim.csv', 'optim.md', 'optim.svg', 'runs']);
  assert.equal(readdirSync(join(out, 'runs')).sort(), ['adam', 'gd', 'sgd-b4']);
  assert.equal(readdirSync(join(out, 'runs', 'sgd-b4')).sort(), ['multi', 'single']);
  const span = readNpyFile(join(out, 'runs', 'adam', 'multi', 'seed-1', 'trajectory', 'span_residual.npy'));
  assert.ok(span.data[span.data.length - 1] > 1e-3, 'Adam leaves the span');
  assert.ok(existsSync(join(out, 'runs', 'sgd-b4', 'single', 'seed-0', 'inputs', 'batches.npy')));
  assert.is(readFileSync(join(out, 'optim.csv'), 'utf8').trim().split('\n').length, 1 + 3 * 2);
  assert.match(stdout, /\| adam \| multi \| dense \| 2 \|/);
  assert.ok(readFileSync(join(out, 'optim.svg'), 'utf8').includes('Span Residual'));
});

test('two shards merged give the table of the unsharded comparison', async () => {
  const shards = join(dir, 'shards');
  for (const shard of ['1/2', '2/2']) {
    const { code, stderr } = await runCaptured(['optim', '--shard', shard, '--out', shards, ...ARGS]);
    assert.is(code, 0, stderr);
  }
  const merged = await runCaptured(['optim', '--merge', shards, '--out', shards, '--quiet']);
  assert.is(merged.code, 0, merged.stderr);
  const table = (folder: string) => readFileSync(join(folder, 'optim.csv'), 'utf8').split('\n').map((line) => line.split(',').slice(0, -2).join(','));
  // Equal except the wall-time columns (the last two).
  assert.equal(table(join(shards, 'merged')), table(join(dir, 'whole')));
  // mmcl merge does the same, and copies every shard's run directories.
  const general = await runCaptured(['merge', shards, '--out', join(dir, 'merged-by-merge')]);
  assert.is(general.code, 0, general.stderr);
  assert.equal(table(join(dir, 'merged-by-merge')), table(join(dir, 'whole')));
  const npy = join('runs', 'adam', 'multi', 'seed-1', 'trajectory', 'span_residual.npy');
  assert.ok(readFileSync(join(dir, 'merged-by-merge', npy)).equals(readFileSync(join(dir, 'whole', npy))), npy);
});

test('bad input: unknown preset, bad mode, bad optimizer setting — one line, exit 2, nothing written', async () => {
  for (const [args, pattern] of [
    [['--optimizers', 'gd,lbfgs'], /^mmcl optim: --optimizers: unknown preset 'lbfgs'/],
    [['--modes', 'single,triple'], /^mmcl optim: --modes: /],
    [['--optimizers', 'sgd-b20'], /batchSize: must be ≤ n = 10/],
  ] as const) {
    const out = join(dir, 'bad');
    const { code, stderr } = await runCaptured(['optim', '--out', out, '--quiet', ...TINY_MODEL, ...args]);
    assert.is(code, 2, stderr);
    assert.match(stderr, pattern);
    assert.is(stderr.trim().split('\n').length, 1, stderr);
    assert.not.ok(existsSync(out));
  }
});

test.run();
