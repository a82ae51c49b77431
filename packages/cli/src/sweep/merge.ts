/**
 * One shard format and one merge for every sweep command. `--shard K/N` writes OUT/shard-K-of-N/shard.json (the
 * command, the sweep, the names of all its tasks, this shard's results and its run folders); `mmcl merge`
 * reads the shard files of one sweep, checks that shards 1..N are each there once, copies their run folders and
 * writes the command's outputs through the same `SweepKind.write` that a one-process run uses, so the merged folder
 * holds the same bytes (the tests compare them).
 */
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { CliError } from '../errors.js';
import { readMarker } from '@mmcl/autodiff/internal';
import { stageOutput, type StagedOutput } from '../output.js';
import type { Shard } from './shard.js';

/** A sweep command's outputs, written from all its tasks' results by the command itself and by `mmcl merge`. */
export interface SweepKind<S, R> {
  /** The command (recorded in the marker and the shard file). */
  readonly command: string;
  /** The files `write` produces, for messages. */
  readonly files: string;
  /** Writes the outputs of the complete sweep; returns the text printed to the terminal. */
  write(sweep: S, results: ReadonlyMap<string, R>, output: StagedOutput): Promise<string>;
}

const SHARD_FILE = 'shard.json';
const SHARD_KIND = 'mmcl-shard';

/** The content of shard.json. */
export interface ShardFile<S = unknown, K = unknown> {
  kind: typeof SHARD_KIND;
  command: string;
  sweep: S;
  shard: Shard;
  /** Every task of the whole sweep, in order. */
  names: string[];
  /** This shard's tasks' results. */
  results: Record<string, K>;
  /** Run folders (relative to the shard folder) that merge copies into the merged folder. */
  runDirs: string[];
}

/** Writes shard.json into the staging folder of a shard. */
export function writeShardFile<S, K>(output: StagedOutput, shard: Omit<ShardFile<S, K>, 'kind' | 'results'> & { results: ReadonlyMap<string, K> }): void {
  const file: ShardFile<S, K> = { kind: SHARD_KIND, ...shard, results: Object.fromEntries(shard.results) };
  output.write(SHARD_FILE, JSON.stringify(file) + '\n');
}

/** The shard.json files in `folders` (each a shard folder or a parent of shard-K-of-N folders). */
export function findShardFiles(folders: readonly string[]): string[] {
  const files: string[] = [];
  for (const folder of folders) {
    if (existsSync(join(folder, SHARD_FILE))) {
      files.push(join(folder, SHARD_FILE));
      continue;
    }
    if (!existsSync(folder)) throw new CliError(folder, 'no such folder', 'pass the --out folder of the shards');
    const inner = readdirSync(folder).filter((name) => /^shard-\d+-of-\d+$/.test(name) && existsSync(join(folder, name, SHARD_FILE)));
    if (inner.length === 0) throw new CliError(folder, 'holds no shard.json', 'pass folders written with --shard K/N (or their parent)');
    files.push(...inner.sort().map((name) => join(folder, name, SHARD_FILE)));
  }
  return files;
}

/** Reads one shard file, refusing a file mmcl did not write (no marker naming the same command) or an older format. */
export function readShardFile(path: string): ShardFile {
  let value: ShardFile;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as ShardFile;
  } catch (err) {
    throw new CliError(path, `unreadable shard file (${(err as Error).message})`, 'rerun that shard');
  }
  if (typeof value?.kind === 'string' && /^mmcl-\w+-shard$/.test(value.kind)) {
    throw new CliError(path, 'was written by an older mmcl, whose shard files merge cannot read', 'rerun that shard with this mmcl');
  }
  const marker = readMarker(dirname(path));
  if (value?.kind !== SHARD_KIND || marker === undefined || marker.staging || marker.command !== value.command) {
    throw new CliError(path, 'is not a shard file written by mmcl', 'pass folders written by an mmcl command with --shard K/N');
  }
  return value;
}

/** Checks that the shards form one complete sweep; returns its command, sweep and results in task order. */
export function combineShards(shards: readonly { path: string; file: ShardFile }[]): { command: string; sweep: unknown; results: Map<string, unknown> } {
  const first = shards[0].file;
  const count = first.shard.count;
  const identity = (file: ShardFile) => JSON.stringify([file.command, file.sweep, file.names, file.shard.count]);
  const seen = new Map<number, string>();
  for (const { path, file } of shards) {
    if (identity(file) !== identity(first)) {
      throw new CliError(path, `belongs to another sweep than ${shards[0].path}`, `merge only the shards of one mmcl ${first.command} command`);
    }
    if (seen.has(file.shard.index)) throw new CliError(path, `shard ${file.shard.index}/${count} also in ${seen.get(file.shard.index)}`, 'pass each shard once');
    seen.set(file.shard.index, path);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new CliError('shards', `missing ${missing.map((k) => `${k}/${count}`).join(', ')}`, 'run the missing shards, then merge again');
  const byName = new Map(shards.flatMap(({ file }) => Object.entries(file.results)));
  const absent = first.names.filter((name) => !byName.has(name));
  if (absent.length > 0) throw new CliError('shards', `${absent.length} runs missing (first: ${absent[0]})`, 'rerun the shards');
  return { command: first.command, sweep: first.sweep, results: new Map(first.names.map((name) => [name, byName.get(name)])) };
}

/** <first folder>/merged, or beside it when the first folder is itself a shard folder. */
export function defaultMergeOut(folders: readonly string[]): string {
  return existsSync(join(folders[0], SHARD_FILE)) ? join(dirname(folders[0]), 'merged') : join(folders[0], 'merged');
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

/**
 * `mmcl merge`: the shards in `folders` (of any sweep command in `kinds`) into `out`: the run folders of every
 * shard, then the command's outputs. Nothing is written unless the shards form one complete sweep.
 */
export async function mergeShards(folders: readonly string[], out: string, overwrite: boolean, kinds: readonly SweepKind<unknown, unknown>[]): Promise<void> {
  const paths = findShardFiles(folders);
  checkMergeTarget(out, folders, paths);
  const shards = paths.map((path) => ({ path, file: readShardFile(path) }));
  const { command, sweep, results } = combineShards(shards);
  const kind = kinds.find((k) => k.command === command);
  if (!kind) throw new CliError(paths[0], `holds shards of mmcl ${command}, which merge does not know`, 'merge them with the mmcl version that wrote them');
  const output = stageOutput(out, { command: 'merge', options: { folders, out }, overwrite });
  try {
    for (const { path, file } of shards) {
      for (const dir of file.runDirs) cpSync(join(dirname(path), dir), output.path(dir), { recursive: true });
    }
    const text = await kind.write(sweep, results, output);
    output.commit();
    process.stdout.write(text + `\nmerged ${shards.length} shards of mmcl ${command} (${results.size} runs) into ${output.final}\n`);
  } finally {
    output.discard();
  }
}
