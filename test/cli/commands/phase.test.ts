import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCaptured, tempDir, TINY_MODEL, TINY_MODEL_CONFIG } from '../helpers.js';

const dir = tempDir();
const configFile = join(dir, 'tiny.json');
writeFileSync(configFile, JSON.stringify(TINY_MODEL_CONFIG));
const GRID = ['--snr', '0.5:4:2', '--c-mu', '1:3:2', '--seeds', '1', '--quiet', '--config', configFile, ...TINY_MODEL];

test('phase end to end on a 2×2 grid: heatmaps with boundaries, cell and run tables', async () => {
  const out = join(dir, 'whole');
  const { code, stdout, stderr } = await runCaptured(['phase', '--out', out, ...GRID]);
  assert.is(code, 0, stderr);
  assert.equal(readdirSync(out).sort(), ['.mmcl-output.json', 'phase-runs.csv', 'phase.csv', 'phase.json', 'phase.pdf', 'phase.png', 'phase.svg']);
  assert.match(stdout, /agrees with heuristic/);
  const svg = readFileSync(join(out, 'phase.svg'), 'utf8');
  for (const text of ['n·SNR²', 'Cµ = ‖µ̃‖ / ‖µ‖', 'heuristic n·SNR² = 2', 'heuristic Cµ·n·SNR² = 2', 'paper n·SNR² = 1.7', 'paper n·SNR² = 1.8', 'paper Cµ = 2.66']) {
    assert.ok(svg.includes(text), `phase.svg lacks "${text}"`);
  }
  // 2 single-modal runs (one per n·SNR²) and 2 × 2 multi-modal runs; 2 modes × 4 cells.
  assert.is(readFileSync(join(out, 'phase-runs.csv'), 'utf8').trim().split('\n').length, 1 + 6);
  assert.is(readFileSync(join(out, 'phase.csv'), 'utf8').trim().split('\n').length, 1 + 8);
});

test('two shards merged give the same bytes as the unsharded sweep', async () => {
  const shards = join(dir, 'shards');
  for (const shard of ['1/2', '2/2']) {
    const { code, stderr } = await runCaptured(['phase', '--shard', shard, '--out', shards, ...GRID]);
    assert.is(code, 0, stderr);
  }
  assert.equal(readdirSync(shards).sort(), ['shard-1-of-2', 'shard-2-of-2']);
  const merged = await runCaptured(['merge', shards]);
  assert.is(merged.code, 0, merged.stderr);
  for (const file of ['phase.csv', 'phase-runs.csv', 'phase.svg']) {
    // Vega numbers clip paths and gradients with per-process counters; this process has rendered the whole sweep already.
    const read = (folder: string) => readFileSync(join(folder, file), 'utf8').replace(/(clip|gradient_)\d+/g, '$1');
    assert.is(read(join(shards, 'merged')), read(join(dir, 'whole')), file);
  }
});

test('merge refuses an incomplete set of shards, naming the missing one', async () => {
  const { code, stderr } = await runCaptured(['merge', join(dir, 'shards', 'shard-2-of-2'), '--out', join(dir, 'bad-merge')]);
  assert.is(code, 2);
  assert.match(stderr, /^mmcl merge: shards: missing 1\/2 — /);
  assert.not.ok(existsSync(join(dir, 'bad-merge')));
});

test('a run stopping on numerical trouble is named by its grid values, not its grid indices', async () => {
  const out = join(tempDir(), 'blow-up');
  const argv = ['phase', '--out', out, '--snr', '2:2:1', '--c-mu', '1.5:1.5:1', '--seeds', '1', '--workers', '1', '--quiet', '--config', configFile, ...TINY_MODEL, '--steps', '40', '--eta', '1000'];
  const { code, stderr } = await runCaptured(argv);
  assert.is(code, 1, stderr);
  assert.match(stderr, /^mmcl phase: run multi-modal n·SNR² = 2, C_µ = 1\.5, seed 0 failed: numerical trouble at step \d+/);
  assert.not.match(stderr, /multi-s0-c0/);
  assert.not.ok(existsSync(out));
});

for (const [args, field] of [
  [['--shard', '5/3'], '--shard'],
  [['--snr', '8:1:3'], '--snr'],
  [['--c-mu', '1:2'], '--c-mu'],
  [['--seeds', '0'], '--seeds'],
] as const) {
  test(`phase ${args.join(' ')}: one-line error naming ${field}, exit 2, nothing written`, async () => {
    const out = join(tempDir(), 'out');
    const { code, stderr } = await runCaptured(['phase', '--out', out, ...GRID, ...args]);
    assert.is(code, 2);
    assert.is(stderr.split('\n').length, 2, stderr);
    assert.ok(stderr.startsWith(`mmcl phase: ${field}:`), stderr);
    assert.not.ok(existsSync(out));
  });
}

test.run();
