/**
 * Memory estimates before allocating (issue #11): each command estimates what a configuration needs and refuses,
 * before any work, one that does not fit (one line naming the estimate, the machine's memory and the keys to
 * lower; `--max-memory GB` raises the limit). Without this, d = 1e8 allocates until the system kills the process and
 * d = 1e9 or steps = 1e6 end in V8's "Invalid typed array length".
 */
import { totalmem } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import type { InfomaxConfig } from '@mmcl/infomax';
import { CliError } from './errors.js';

const BYTES = 8; // float64
const GIB = 2 ** 30;
/** Share of the machine's memory a command may plan to use by default (the rest is for the system and Node). */
const DEFAULT_SHARE = 0.8;

/** An estimate in bytes and the configuration keys that drive it, largest contribution first. */
export interface MemoryEstimate {
  bytes: number;
  keys: string[];
}

/**
 * Peak memory of one paper-1 simulation, in bytes: the d-dimensional inputs and engine state (none when the Gram
 * sampler draws only inner products, spec gram-sampler.md), the recorded trajectories, and the probe's test set.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * // the d-dimensional arrays (inputs, weights, test set: 8 bytes × d per row) dominate
 * simulationMemory(resolveConfig({ d: 1e8 })).bytes.toPrecision(2); // → '1.4e+12'
 */
export function simulationMemory(config: InfomaxConfig): MemoryEstimate {
  const { d, n, m, steps, nTest } = config;
  const modalities = config.mode === 'multi' ? 2 : 1;
  // The Gram sampler (when present) never materialises a d-dimensional array.
  const gram = (config as { sampler?: string }).sampler === 'gram';
  const rows = modalities * (n + m) + n + nTest + 4 + (config.engine === 'dense' ? modalities * (2 * m + n + 1) : m)
    + (config.populationSamples > 0 ? Math.min(config.populationSamples, 1000) : 0) + Math.max(n, nTest);
  const dimensional = gram ? 0 : BYTES * d * rows;
  const trajectories = BYTES * (steps + 1) * (modalities * m * (n + 1) + 1);
  const gramState = BYTES * modalities * (n + m + 1) * (n + m + 1) * 4;
  const keys = dimensional >= trajectories ? ['d', 'n', 'nTest', 'steps'] : ['steps', 'm', 'n', 'd'];
  return { bytes: dimensional + trajectories + gramState, keys: gram ? keys.filter((k) => k !== 'd') : keys };
}

/** Adds --max-memory to `command`. */
export function addMemoryOption(command: Command): Command {
  return command.option('--max-memory <GB>', `the most memory a run may plan to use, in GiB (default ${Math.floor((DEFAULT_SHARE * totalmem()) / GIB)}: ${DEFAULT_SHARE * 100}% of this machine)`);
}

/** Parses --max-memory (GiB) into bytes; the default is a share of the machine's memory. */
export function memoryLimit(maxMemory: unknown): number {
  if (maxMemory === undefined) return DEFAULT_SHARE * totalmem();
  const value = typeof maxMemory === 'number' ? maxMemory : Number(String(maxMemory).trim() === '' ? Number.NaN : maxMemory);
  if (!Number.isFinite(value) || value <= 0) {
    throw new CliError('--max-memory', `must be a positive number of GiB (got ${JSON.stringify(maxMemory)})`, 'pass e.g. --max-memory 16');
  }
  return value * GIB;
}

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 40) return `${(bytes / 2 ** 40).toPrecision(3)} TiB`;
  if (bytes >= GIB) return `${(bytes / GIB).toPrecision(3)} GiB`;
  return `${(bytes / 2 ** 20).toPrecision(3)} MiB`;
}

/**
 * Refuses (exit 2, field `memory`) when `estimate` × `concurrent` exceeds the limit. `flag` spells a key as the
 * user sets it (`--d` for fig1, `d` in a CONFIG.json).
 */
export function checkMemory(
  estimate: MemoryEstimate,
  options: { maxMemory?: unknown; concurrent?: number; flag?: (key: string) => string; where?: string; workers?: boolean },
): void {
  const limit = memoryLimit(options.maxMemory);
  const concurrent = options.concurrent ?? 1;
  const total = estimate.bytes * concurrent;
  if (total <= limit) return;
  const flag = options.flag ?? ((key: string) => key);
  const keys = estimate.keys.map(flag);
  if (options.workers && concurrent > 1) keys.push('--workers');
  const each = concurrent > 1 ? ` (${concurrent} runs at once, ${formatBytes(estimate.bytes)} each)` : '';
  throw new CliError(
    'memory',
    `this configuration needs about ${formatBytes(total)}${each}, more than the limit of ${formatBytes(limit)} (this machine has ${formatBytes(totalmem())})`,
    `lower ${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}${options.where ? ` in ${options.where}` : ''}, or raise the limit with --max-memory GB`,
  );
}

/** The zod shape of --max-memory (GiB, checked by memoryLimit). */
export const memoryShape = { maxMemory: z.union([z.string(), z.number()]).optional() };
