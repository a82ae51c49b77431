import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@mmcl/infomax';
import { combineShards, findShardFiles } from '../../../packages/cli/src/commands/merge.js';
import { phasePoints, type PhaseGrid } from '../../../packages/cli/src/phase-grid.js';
import { shardIndices } from '../../../packages/cli/src/shard.js';
import { CliError } from '../../../packages/cli/src/errors.js';
import { tempDir } from '../helpers.js';

const grid: PhaseGrid = { snr: { min: 1, max: 2, points: 2 }, cMu: { min: 1, max: 3, points: 3 }, seeds: 1, base: resolveConfig({ steps: 5 }) };
const points = phasePoints(grid);

/** The shard files a --shard k/count sweep would write, with made-up final values. */
function shardFiles(count: number, gridOf = grid) {
  return Array.from({ length: count }, (_, k) => {
    const shard = { index: k + 1, count };
    const results = shardIndices(points.length, shard).map((i) => ({ ...points[i], muNorm: 1, muTildeNorm: 1, loss: 0, accuracy: 0.5, signal: i, noise: 1 }));
    return { path: `shard-${k + 1}`, file: { kind: 'mmcl-phase-shard' as const, grid: gridOf, shard, total: points.length, results } };
  });
}

function errorOf(action: () => unknown): CliError {
  try {
    action();
  } catch (err) {
    assert.instance(err, CliError);
    return err as CliError;
  }
  throw new Error('no error');
}

test('complete shards combine into every run in grid order', () => {
  const { results } = combineShards(shardFiles(3).reverse());
  assert.equal(results.map((r) => r.name), points.map((p) => p.name));
  assert.equal(results.map((r) => r.signal), points.map((_, i) => i));
});

test('a missing, repeated or foreign shard is refused by name', () => {
  const shards = shardFiles(3);
  assert.match(errorOf(() => combineShards([shards[0], shards[2]])).problem, /missing 2\/3/);
  assert.match(errorOf(() => combineShards([shards[0], shards[1], shards[1], shards[2]])).problem, /shard 2\/3 also in/);
  const foreign = shardFiles(3, { ...grid, seeds: 2 });
  assert.match(errorOf(() => combineShards([shards[0], shards[1], foreign[2]])).problem, /another sweep/);
});

test('findShardFiles accepts shard folders and their parent, and names a folder without shards', () => {
  const dir = tempDir();
  for (const name of ['shard-1-of-2', 'shard-2-of-2']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'shard.json'), '{}');
  }
  assert.equal(findShardFiles([dir]), [join(dir, 'shard-1-of-2', 'shard.json'), join(dir, 'shard-2-of-2', 'shard.json')]);
  assert.equal(findShardFiles([join(dir, 'shard-2-of-2')]), [join(dir, 'shard-2-of-2', 'shard.json')]);
  const empty = tempDir();
  assert.is(errorOf(() => findShardFiles([empty])).field, empty);
});

test.run();
