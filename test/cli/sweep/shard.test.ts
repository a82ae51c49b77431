import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseShard, shardIndices, shardLabel } from '../../../packages/cli/src/sweep/shard.js';
import { CliError } from '../../../packages/cli/src/errors.js';

test('parseShard reads K/N', () => {
  assert.equal(parseShard('2/8'), { index: 2, count: 8 });
  assert.equal(parseShard(' 1 / 1 '), { index: 1, count: 1 });
  assert.is(shardLabel({ index: 3, count: 4 }), 'shard-3-of-4');
});

test('parseShard rejects K outside 1..N, N = 0 and malformed text with a CliError naming --shard', () => {
  for (const bad of ['5/3', '0/3', '3/0', 'a/b', '1/', '-1/3', '1.5/3']) {
    try {
      parseShard(bad);
      assert.unreachable(`accepted ${bad}`);
    } catch (err) {
      assert.instance(err, CliError, bad);
      assert.is((err as CliError).field, '--shard');
      assert.not.match((err as CliError).message, /\n/);
    }
  }
});

test('the shards of a sweep cover every index exactly once', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 20 }), (total, count) => {
      const seen = new Array<number>(total).fill(0);
      for (let index = 1; index <= count; index++) for (const i of shardIndices(total, { index, count })) seen[i]++;
      return seen.every((c) => c === 1);
    }),
  );
});

test('shard sizes differ by at most one', () => {
  const sizes = [1, 2, 3, 4, 5].map((index) => shardIndices(23, { index, count: 5 }).length);
  assert.equal(sizes, [5, 5, 5, 4, 4]);
});

test.run();
