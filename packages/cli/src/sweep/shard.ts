/**
 * Shards of a sweep: `--shard K/N` runs the items whose index i satisfies i mod N = K − 1, so N jobs of a cluster
 * job array (for example Slurm's --array=1-N) together cover the grid exactly once, each with a balanced share.
 */
import { CliError } from '../errors.js';

/** One share of a sweep: the `index`-th (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** The whole sweep as one shard. */
export const WHOLE: Shard = { index: 1, count: 1 };

/** Parses "K/N" (1 ≤ K ≤ N) or throws a one-line CliError naming `field`. */
export function parseShard(text: string, field = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const fix = 'write K/N with 1 ≤ K ≤ N, for example --shard 2/8';
  if (!match) throw new CliError(field, `'${text}' is not of the form K/N`, fix);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new CliError(field, `'${text}' has N = ${count}; N must be at least 1`, fix);
  if (index < 1 || index > count) throw new CliError(field, `'${text}' has K = ${index} outside 1..${count}`, fix);
  return { index, count };
}

/** The indices 0..total−1 that belong to `shard`, in increasing order. */
export function shardIndices(total: number, shard: Shard): number[] {
  const indices: number[] = [];
  for (let i = shard.index - 1; i < total; i += shard.count) indices.push(i);
  return indices;
}

/** "K/N" spelling of a shard, as used in file names (`shard-K-of-N`). */
export function shardLabel(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}
