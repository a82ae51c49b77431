/**
 * `mmcl merge`: combines the shard folders written by `mmcl phase --shard K/N` into the phase figure and tables.
 * Every shard 1..N of the same grid must be present exactly once; anything else is an error naming the problem.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { stageOutput } from '../output.js';
import { phasePoints, writePhaseOutputs, type PhaseGrid, type PhaseResult } from '../phase-grid.js';
import type { Shard } from '../shard.js';

interface ShardFile {
  kind: 'mmcl-phase-shard';
  grid: PhaseGrid;
  shard: Shard;
  total: number;
  results: PhaseResult[];
}

export function register(program: Command): void {
  program
    .command('merge')
    .description('Combine the shard folders of `mmcl phase --shard K/N` into phase.svg, phase.csv and phase-runs.csv.')
    .argument('[folders...]', 'shard folders, or folders holding shard-K-of-N folders', ['runs/phase'])
    .option('--out <dir>', 'output folder (default: <first folder>/merged, beside it for a shard folder); never one of the shard folders or a folder holding them')
    .option('--overwrite', "replace mmcl's own earlier merged result in --out (never a folder holding files mmcl did not write)", false)
    .action(async (folders: string[], options: { out?: string; overwrite: boolean }) => {
      await runMerge(folders, options.out ?? defaultMergeOut(folders), options.overwrite);
    });
}

/** The shard.json files in `folders` (each a shard folder or a parent of shard-* folders). */
export function findShardFiles(folders: readonly string[]): string[] {
  const files: string[] = [];
  for (const folder of folders) {
    if (existsSync(join(folder, 'shard.json'))) {
      files.push(join(folder, 'shard.json'));
      continue;
    }
    if (!existsSync(folder)) throw new CliError(folder, 'no such folder', 'pass the --out folder of the phase shards');
    const inner = readdirSync(folder).filter((name) => /^shard-\d+-of-\d+$/.test(name) && existsSync(join(folder, name, 'shard.json')));
    if (inner.length === 0) throw new CliError(folder, 'holds no shard.json', 'pass folders written by mmcl phase --shard K/N');
    files.push(...inner.sort().map((name) => join(folder, name, 'shard.json')));
  }
  return files;
}

function readShard(path: string): ShardFile {
  let value: ShardFile;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as ShardFile;
  } catch (err) {
    throw new CliError(path, `unreadable shard file (${(err as Error).message})`, 'rerun that shard');
  }
  if (value?.kind !== 'mmcl-phase-shard') throw new CliError(path, 'not an mmcl phase shard file', 'pass folders written by mmcl phase --shard K/N');
  return value;
}

/** Checks that the shards form one complete sweep and returns its grid and results in grid order. */
export function combineShards(shards: readonly { path: string; file: ShardFile }[]): { grid: PhaseGrid; results: PhaseResult[] } {
  const first = shards[0].file;
  const count = first.shard.count;
  const seen = new Map<number, string>();
  for (const { path, file } of shards) {
    if (JSON.stringify(file.grid) !== JSON.stringify(first.grid) || file.shard.count !== count) {
      throw new CliError(path, `belongs to another sweep than ${shards[0].path}`, 'merge only shards of one mmcl phase command');
    }
    if (seen.has(file.shard.index)) throw new CliError(path, `shard ${file.shard.index}/${count} also in ${seen.get(file.shard.index)}`, 'pass each shard once');
    seen.set(file.shard.index, path);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new CliError('shards', `missing ${missing.map((k) => `${k}/${count}`).join(', ')}`, 'run the missing shards, then merge again');
  const byName = new Map(shards.flatMap(({ file }) => file.results.map((r) => [r.name, r] as const)));
  const points = phasePoints(first.grid);
  const absent = points.filter((p) => !byName.has(p.name));
  if (absent.length > 0) throw new CliError('shards', `${absent.length} runs missing (first: ${absent[0].name})`, 'rerun the shards');
  return { grid: first.grid, results: points.map((p) => byName.get(p.name)!) };
}

/** <first folder>/merged, or beside it when the first folder is itself a shard folder. */
export function defaultMergeOut(folders: readonly string[]): string {
  return existsSync(join(folders[0], 'shard.json')) ? join(dirname(folders[0]), 'merged') : join(folders[0], 'merged');
}

/**
 * Refuses an --out that would replace the shards being merged: one of the shard folders, a folder inside one, a
 * named input folder itself, or a folder holding any of them.
 */
export function checkMergeTarget(out: string, folders: readonly string[], shardFiles: readonly string[]): void {
  const target = resolve(out);
  const within = (path: string, folder: string) => path === folder || path.startsWith(folder + sep);
  const inputs = [...folders.map((f) => resolve(f)), ...shardFiles.map((f) => dirname(resolve(f)))];
  for (const input of inputs) {
    const shardFolder = shardFiles.some((f) => dirname(resolve(f)) === input);
    if (target === input || within(input, target) || (shardFolder && within(target, input))) {
      throw new CliError('--out', `${out} is or holds the shards being merged (${input})`, `choose a folder outside them, e.g. --out ${defaultMergeOut(folders)}`);
    }
  }
}

async function runMerge(folders: string[], out: string, overwrite: boolean): Promise<void> {
  const files = findShardFiles(folders);
  checkMergeTarget(out, folders, files);
  const shards = files.map((path) => ({ path, file: readShard(path) }));
  const { grid, results } = combineShards(shards);
  const output = stageOutput(out, { command: 'merge', options: { folders, out }, overwrite });
  try {
    const report = await writePhaseOutputs(grid, results, output);
    output.commit();
    process.stdout.write(report + `\nmerged ${shards.length} shards (${results.length} runs) into ${output.final}\n`);
  } finally {
    output.discard();
  }
}
