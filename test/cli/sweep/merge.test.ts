import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { combineShards, findShardFiles, readShardFile, type ShardFile } from '../../../packages/cli/src/sweep/merge.js';
import { shardIndices } from '../../../packages/cli/src/sweep/shard.js';
import { writeMarker } from '@mmcl/autodiff/internal';
import { expectCliError, tempDir } from '../helpers.js';

const names = ['a', 'b', 'c', 'd', 'e', 'f'];
const sweep = { grid: 1 };

/** The shard files a --shard k/count sweep would write, with made-up results (the task's index). */
function shardFiles(count: number, command = 'phase', sweepOf: unknown = sweep) {
  return Array.from({ length: count }, (_, k) => {
    const shard = { index: k + 1, count };
    const results = Object.fromEntries(shardIndices(names.length, shard).map((i) => [names[i], i]));
    const file: ShardFile = { kind: 'mmcl-shard', command, sweep: sweepOf, shard, names, results, runDirs: [] };
    return { path: `shard-${k + 1}`, file };
  });
}

test('complete shards combine into every result in task order, whatever order the shards come in', () => {
  const { command, sweep: combined, results } = combineShards(shardFiles(3).reverse());
  assert.is(command, 'phase');
  assert.equal(combined, sweep);
  assert.equal([...results.keys()], names);
  assert.equal([...results.values()], [0, 1, 2, 3, 4, 5]);
});

test('a missing, repeated or foreign shard is refused by name', () => {
  const shards = shardFiles(3);
  assert.match(expectCliError(() => combineShards([shards[0], shards[2]])).problem, /missing 2\/3/);
  assert.match(expectCliError(() => combineShards([shards[0], shards[1], shards[1], shards[2]])).problem, /shard 2\/3 also in/);
  const otherSweep = shardFiles(3, 'phase', { grid: 2 });
  assert.match(expectCliError(() => combineShards([shards[0], shards[1], otherSweep[2]])).problem, /another sweep/);
  const otherCommand = shardFiles(3, 'optim');
  assert.match(expectCliError(() => combineShards([shards[0], shards[1], otherCommand[2]])).problem, /another sweep/);
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
  assert.is(expectCliError(() => findShardFiles([empty])).field, empty);
});

test('readShardFile refuses a shard.json mmcl did not write, one of an older format, and reads its own', () => {
  const dir = tempDir();
  const path = join(dir, 'shard.json');
  const { file } = shardFiles(2)[0];
  writeFileSync(path, JSON.stringify(file));
  assert.match(expectCliError(() => readShardFile(path)).problem, /not a shard file written by mmcl/);
  writeMarker(dir, { command: 'optim', options: null, staging: false, files: ['shard.json'] });
  assert.match(expectCliError(() => readShardFile(path)).problem, /not a shard file written by mmcl/, 'the marker names another command');
  writeMarker(dir, { command: 'phase', options: null, staging: false, files: ['shard.json'] });
  assert.equal(readShardFile(path), file);
  writeFileSync(path, JSON.stringify({ kind: 'mmcl-phase-shard' }));
  assert.match(expectCliError(() => readShardFile(path)).problem, /older mmcl/);
});

test.run();
