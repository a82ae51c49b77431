/**
 * `mmcl id POINTS.npy`: the intrinsic dimension of a researcher's own point cloud (an n×D float64 .npy file), with
 * the Levina–Bickel MLE exactly as scikit-dimension's MLE().fit_transform (k = 20, mean of pointwise estimates) or
 * with TwoNN. Prints the estimate; --json FILE also writes it as JSON.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { decodeNpy, writeFileAtomic } from '@mmcl/autodiff';
import { mleDimension, twoNnDimension } from '@mmcl/intrinsic';
import { existsSync, readFileSync } from 'node:fs';
import { positiveIntField, resolveOptions } from '../config.js';
import { CliError } from '../errors.js';

const schema = z.strictObject({
  estimator: z.enum(['mle', 'twonn']),
  k: positiveIntField(),
  combine: z.enum(['mean', 'harmonic', 'median']),
  json: z.string().min(1).optional(),
});

export function register(program: Command): void {
  program
    .command('id')
    .description('Estimate the intrinsic dimension of an n×D float64 .npy point cloud (MLE as scikit-dimension, or TwoNN).')
    .argument('<points>', 'an .npy file holding an n×D float64 array (one point per row)')
    .option('--estimator <name>', 'mle (Levina–Bickel, scikit-dimension MLE().fit_transform) or twonn', 'mle')
    .option('--k <n>', 'neighbours of the MLE (the point itself excluded)', '20')
    .option('--combine <how>', 'MLE only: mean of pointwise estimates (fit_transform), harmonic (fit), or median', 'mean')
    .option('--json <file>', 'also write the result as JSON to this file')
    .action((file: string, options: Record<string, unknown>, self: Command) => {
      runId(file, resolveOptions(self, options, schema));
    });
}

/** Reads and checks the point cloud; every problem is a one-line error naming the file and the fix. */
function readPoints(file: string, minRows: number): { data: Float64Array; shape: [number, number] } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new CliError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`, 'pass the path of an existing .npy file');
  }
  let array;
  try {
    array = decodeNpy(bytes);
  } catch (err) {
    const message = (err as Error).message;
    const dtype = /dtype '([^']+)'/.exec(message);
    if (dtype) throw new CliError(file, `dtype is ${dtype[1]}, not float64`, 'convert with X.astype(np.float64) before numpy.save');
    throw new CliError(file, `not a readable .npy file (${message})`, 'save it with numpy.save(path, X.astype(np.float64))');
  }
  if (array.dtype !== '<f8') {
    throw new CliError(file, `dtype is ${array.dtype}, not float64`, 'convert with X.astype(np.float64) before numpy.save');
  }
  if (array.shape.length !== 2) {
    throw new CliError(file, `array has shape (${array.shape.join(', ')}), not n×D`, 'save a 2-D array with one point per row (reshape(n, -1))');
  }
  const [n, dims] = array.shape;
  if (n < minRows) throw new CliError(file, `${n} points, fewer than ${minRows} (k + 1)`, 'add points or lower --k');
  const data = array.data as Float64Array;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / dims);
      throw new CliError(file, `row ${row}, column ${i - row * dims} is ${data[i]}`, 'remove or impute non-finite values');
    }
  }
  return { data, shape: [n, dims] };
}

/** Refuses a --json path that holds anything but an earlier result of mmcl id (checked before any work). */
function checkJsonTarget(path: string): void {
  if (!existsSync(path)) return;
  let own = false;
  try {
    own = (JSON.parse(readFileSync(path, 'utf8')) as { mmcl?: unknown })?.mmcl === 'id';
  } catch {
    own = false;
  }
  if (!own) throw new CliError('--json', `${path} exists and was not written by mmcl id`, 'choose another --json path (mmcl never overwrites a file it did not write)');
}

function runId(file: string, options: z.infer<typeof schema>): void {
  if (options.json !== undefined) checkJsonTarget(options.json);
  const mle = options.estimator === 'mle';
  if (mle && options.k < 2) throw new CliError('--k', `must be at least 2 (got ${options.k})`, 'use --k 20 as scikit-dimension');
  const points = readPoints(file, mle ? options.k + 1 : 3);
  const started = Date.now();
  const dimension = mle ? mleDimension(points, { k: options.k, combine: options.combine }).dimension : twoNnDimension(points);
  const result = {
    mmcl: 'id',
    file,
    points: points.shape[0],
    ambientDimension: points.shape[1],
    estimator: options.estimator,
    ...(mle ? { k: options.k, combine: options.combine } : { discardFraction: 0.1 }),
    intrinsicDimension: dimension,
    seconds: (Date.now() - started) / 1000,
  };
  process.stdout.write(`${options.estimator === 'mle' ? `MLE (k = ${options.k}, ${options.combine})` : 'TwoNN'} intrinsic dimension of ${file} (${points.shape[0]} × ${points.shape[1]}): ${dimension.toFixed(4)}\n`);
  if (options.json !== undefined) {
    try {
      writeFileAtomic(options.json, JSON.stringify(result, null, 2) + '\n');
    } catch (err) {
      throw new CliError('--json', `cannot write ${options.json} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'choose a writable path');
    }
  }
}
