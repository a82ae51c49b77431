/**
 * The run directory (docs/run-directory.md): config.json, inputs/*.npy, trajectory/*.npy, summary.json. Written
 * through mmcl's one staging routine (stageFolder of @mmcl/autodiff/internal): into a hidden `.DIR.partial` sibling
 * carrying mmcl's marker, then renamed into place, so a failed write never leaves a directory that looks complete
 * and a folder mmcl did not write is never replaced.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, writeFileAtomic, writeNpyFile } from '@mmcl/autodiff';
import { stageFolder, type Refusal } from '@mmcl/autodiff/internal';
import { noiseMemorization, signalLearning } from './summary.js';
import type { SimulationResult } from './types.js';

/**
 * Raised when the target run directory already exists and is not empty (bad input: choose another folder).
 * @category Run directories
 */
export class RunDirectoryError extends InputError {
  override readonly name = 'RunDirectoryError';
}

function last(values: Float64Array): number {
  return values.length > 0 ? values[values.length - 1] : Number.NaN;
}

/** JSON with NaN/±∞ written as null (JSON has no such numbers). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/**
 * The Gram sampler's inputs: inputs/gram.npy (and gram_tilde.npy, multi-modal), each k×k, with inputs/gram_index.json
 * naming which rows are which ({ "gram.npy": { "mu": [start, count], … }, … }).
 */
function writeGramBlocks(
  gram: NonNullable<SimulationResult['inputs']['gram']>,
  input: (name: string, data: Float64Array, shape: number[]) => void,
  text: (name: string, content: string) => void,
): void {
  const index: Record<string, Record<string, [number, number]>> = {};
  for (const [file, block] of [['gram', gram.h], ['gram_tilde', gram.g]] as const) {
    if (!block) continue;
    input(file, block.matrix, [block.size, block.size]);
    index[`${file}.npy`] = Object.fromEntries(Object.entries(block.index).map(([name, rows]) => [name, [rows.start, rows.count]]));
  }
  text('gram_index.json', json(index));
}

/** Writes the files of a run directory into the existing, empty folder `dir` (`mmcl run` writes into its own staging folder). */
export function writeRunContents(result: SimulationResult, dir: string): void {
  const { config, inputs } = result;
  const { d, n, m, steps, nTest } = config;
  const points = steps + 1;
  mkdirSync(join(dir, 'inputs'));
  mkdirSync(join(dir, 'trajectory'));
  writeFileAtomic(join(dir, 'config.json'), json(config));

  const input = (name: string, data: Float64Array | Int32Array, shape: number[]) => writeNpyFile(join(dir, 'inputs', `${name}.npy`), data, shape);
  input('y', inputs.y, [n]);
  input('negatives', inputs.negatives, [inputs.negatives.length]);
  input('negative_offsets', inputs.negativeOffsets, [n + 1]);
  if (inputs.gram) {
    writeGramBlocks(inputs.gram, input, (name, text) => writeFileAtomic(join(dir, 'inputs', name), text));
  } else {
    input('mu', inputs.mu, [d]);
    input('xi', inputs.xi, [n, d]);
    input('eps', inputs.eps, [n, d]);
    input('W0', inputs.W0, [m, d]);
    if (inputs.muTilde && inputs.xiTilde && inputs.W0Tilde) {
      input('mu_tilde', inputs.muTilde, [d]);
      input('xi_tilde', inputs.xiTilde, [n, d]);
      input('W0_tilde', inputs.W0Tilde, [m, d]);
    }
  }
  if (result.batches) input('batches', result.batches, [steps, result.batches.length / Math.max(1, steps)]);
  if (inputs.test) {
    if (!inputs.gram) input('nu', inputs.test.nu, [d]);
    input('y_test', inputs.test.y, [nTest]);
    if (!inputs.gram) input('zeta', inputs.test.zeta, [nTest, d]);
  }

  const series = (name: string, data: Float64Array | Int32Array, shape: number[]) => writeNpyFile(join(dir, 'trajectory', `${name}.npy`), data, shape);
  const { h, g } = result;
  const signal = signalLearning(h);
  const noise = noiseMemorization(h);
  series('loss', result.loss, [points]);
  series('gamma', h.gamma.data, [points, m]);
  series('rho', h.rho.data, [points, m, n]);
  series('signal', signal, [points]);
  series('noise', noise, [points]);
  series('eval_steps', result.evalSteps, [result.evalSteps.length]);
  if (h.a) series('a', h.a, [points]);
  if (result.spanResidual) series('span_residual', result.spanResidual.h, [result.evalSteps.length]);
  series('test_accuracy', result.testAccuracy, [result.testAccuracy.length]);
  const summary: Record<string, unknown> = {
    mode: config.mode,
    engine: result.engine ?? config.engine,
    seed: config.seed,
    steps,
    wallTimeMs: result.wallTimeMs,
    final: {
      loss: last(result.loss),
      signal: last(signal),
      noise: last(noise),
      testAccuracy: last(result.testAccuracy),
      populationError: result.populationError ?? null,
      ...(h.a ? { a: last(h.a) } : {}),
      ...(result.spanResidual ? { spanResidual: last(result.spanResidual.h) } : {}),
    } as Record<string, unknown>,
    initialLoss: result.loss[0],
    optimizer: config.optimizer.name,
    definitions: { signal: 'max_r |gamma_r|', noise: 'mean_i max_r rho_{r,i}' },
  };
  if (g) {
    const signalTilde = signalLearning(g);
    const noiseTilde = noiseMemorization(g);
    series('gamma_tilde', g.gamma.data, [points, m]);
    series('rho_tilde', g.rho.data, [points, m, n]);
    series('signal_tilde', signalTilde, [points]);
    series('noise_tilde', noiseTilde, [points]);
    if (g.a) series('a_tilde', g.a, [points]);
    if (result.spanResidual?.g) series('span_residual_tilde', result.spanResidual.g, [result.evalSteps.length]);
    (summary.final as Record<string, unknown>).signalTilde = last(signalTilde);
    (summary.final as Record<string, unknown>).noiseTilde = last(noiseTilde);
  }
  writeFileAtomic(join(dir, 'summary.json'), json(summary));
}

/** Refusals of writeRunDirectory, as RunDirectoryErrors. */
const REFUSAL: Refusal = {
  raise: (problem, fix) => new RunDirectoryError(`run directory ${problem}; ${fix}`),
  target: 'dir',
  overwrite: '{ overwrite: true }',
};

/**
 * Write a run directory for a simulation result. Fails with a {@link RunDirectoryError} when `dir` is a file, a
 * non-empty folder mmcl did not write, or an earlier result of mmcl (replaced with `{ overwrite: true }` unless it
 * holds a file mmcl did not write); on any failure nothing is left at `dir`.
 *
 * @example
 * import { existsSync } from 'node:fs';
 * import { simulate, writeRunDirectory } from '@mmcl/infomax';
 * writeRunDirectory(simulate({ d: 100, n: 10, m: 4, steps: 5 }), 'runs/example');
 * existsSync('runs/example/trajectory/gamma.npy'); // → true
 * @category Run directories
 */
export function writeRunDirectory(result: SimulationResult, dir: string, options: { overwrite?: boolean } = {}): void {
  const output = stageFolder(dir, { command: 'writeRunDirectory', overwrite: options.overwrite, refusal: REFUSAL });
  try {
    writeRunContents(result, output.staging);
    output.commit();
  } catch (error) {
    output.discard();
    throw error;
  }
}
