/**
 * `mmcl merge`: combines the shard folders written by any sweep command with `--shard K/N` (phase, fig1, optim,
 * idsweep) into that command's outputs. Each shard file names its command (sweep/merge.ts); every shard 1..N of
 * the same sweep must be present exactly once, and anything else is an error naming the problem.
 */
import type { Command } from 'commander';
import { defaultMergeOut, mergeShards, type SweepKind } from '../sweep/merge.js';
import { FIG1_SWEEP } from './fig1.js';
import { IDSWEEP_SWEEP } from './idsweep.js';
import { OPTIM_SWEEP } from './optim.js';
import { PHASE_SWEEP } from './phase.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description('Combine the shard folders of `mmcl phase|fig1|optim|idsweep --shard K/N` into the outputs of the whole sweep.')
    .argument('[folders...]', 'shard folders, or folders holding shard-K-of-N folders', ['runs/phase'])
    .option('--out <dir>', 'output folder (default: <first folder>/merged, beside it for a shard folder); never one of the shard folders or a folder holding them')
    .option('--overwrite', "replace mmcl's own earlier merged result in --out (never a folder holding files mmcl did not write)", false)
    .action(async (folders: string[], options: { out?: string; overwrite: boolean }) => {
      await runMerge(folders, options.out ?? defaultMergeOut(folders), options.overwrite);
    });
}

/** Merges the shards in `folders` into `out`, whichever sweep command wrote them. */
export function runMerge(folders: readonly string[], out: string, overwrite: boolean): Promise<void> {
  // Looked up when called: the command modules import this one for their --merge flags.
  const kinds = [PHASE_SWEEP, FIG1_SWEEP, OPTIM_SWEEP, IDSWEEP_SWEEP] as SweepKind<unknown, unknown>[];
  return mergeShards(folders, out, overwrite, kinds);
}
