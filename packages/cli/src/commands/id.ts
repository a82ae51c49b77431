/**
 * `mmcl id POINTS.npy`: the intrinsic dimension of a researcher's own point cloud (an n×D .npy file of any float or
 * integer dtype, either byte order, C or Fortran order), with the Levina–Bickel MLE exactly as scikit-dimension's
 * MLE().fit_transform (k = 20, mean of pointwise estimates) or with TwoNN. Prints the estimate; --json FILE also
 * writes it as JSON. Never prints a silently wrong number: duplicate rows and lattice ties are counted and warned
 * about, and an undefined estimate (constant data, duplicates where the estimator divides by a zero distance, ties
 * that make it infinite) is refused with the remedy (--dedupe drops exact duplicate rows).
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { decodeNpy, readNpyHeader, writeFileAtomic } from '@mmcl/autodiff';
import { estimateDimension, UndefinedDimensionError, type DimensionReport, type PointCloud } from '@mmcl/intrinsic';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { positiveIntField, resolveOptions } from '../config.js';
import { CliError } from '../errors.js';
import { addMemoryOption, checkMemory, idMemory, memoryShape } from '../memory.js';

const schema = z.strictObject({
  estimator: z.enum(['mle', 'twonn']),
  k: positiveIntField(),
  combine: z.enum(['mean', 'harmonic', 'median']),
  dedupe: z.boolean().optional(),
  json: z.string().min(1).optional(),
  ...memoryShape,
});
type IdOptions = z.infer<typeof schema>;

export function register(program: Command): void {
  const command = program
    .command('id')
    .description('Estimate the intrinsic dimension of an n×D .npy point cloud (MLE as scikit-dimension, or TwoNN).')
    .argument('<points>', 'an .npy file holding an n×D array, one point per row (float32/64 or integers; any byte order; C or Fortran order)')
    .option('--estimator <name>', 'mle (Levina–Bickel, scikit-dimension MLE().fit_transform) or twonn', 'mle')
    .option('--k <n>', 'neighbours of the MLE (the point itself excluded)', '20')
    .option('--combine <how>', 'MLE only: mean of pointwise estimates (fit_transform), harmonic (fit), or median', 'mean')
    .option('--dedupe', 'drop exact duplicate rows (keeping the first of each) before estimating, and say how many')
    .option('--json <file>', 'also write the result as JSON to this file');
  addMemoryOption(command)
    .action((file: string, options: Record<string, unknown>, self: Command) => {
      runId(file, resolveOptions(self, options, schema));
    });
}

/** Splits a decodeNpy message "decodeNpy: problem; fix" into its parts (the fix is numpy code that works as written). */
function npyProblem(file: string, message: string): CliError {
  const text = message.replace(/^decodeNpy:\s*/, '');
  const split = text.indexOf('; ');
  if (split < 0) return new CliError(file, `not a readable .npy file (${text})`, 'save the array with np.save(path, X)');
  return new CliError(file, text.slice(0, split), text.slice(split + 2));
}

/** Reads the header only (the first 64 kB at most), so the memory check runs before the data is read. */
function checkFileMemory(file: string, options: IdOptions): void {
  let head: Uint8Array;
  let fileBytes: number;
  try {
    fileBytes = statSync(file).size;
    const fd = openSync(file, 'r');
    head = new Uint8Array(Math.min(fileBytes, 65_536));
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
  } catch (err) {
    throw new CliError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`, 'pass the path of an existing .npy file');
  }
  let shape: number[];
  try {
    shape = readNpyHeader(head).shape;
  } catch (err) {
    throw npyProblem(file, (err as Error).message);
  }
  if (shape.length !== 2) return; // refused with its own message once read
  checkMemory(idMemory({ rows: shape[0], columns: shape[1], fileBytes, k: options.estimator === 'mle' ? options.k : 2 }), { maxMemory: options.maxMemory });
}

/** Reads the point cloud as float64 (integers and float32 convert exactly as X.astype(np.float64) would). */
function readPoints(file: string): PointCloud {
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
    throw npyProblem(file, (err as Error).message);
  }
  if (array.shape.length !== 2) {
    throw new CliError(file, `array has shape (${array.shape.join(', ')}), not n×D`, 'save one point per row with np.save(path, X.reshape(len(X), -1))');
  }
  const [n, dims] = array.shape;
  const data = array.data instanceof Float64Array ? array.data : Float64Array.from(array.data as ArrayLike<number | bigint>, Number);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / dims);
      throw new CliError(file, `row ${row}, column ${i - row * dims} is ${data[i]}`, 'drop the rows with non-finite values: X = X[np.isfinite(X).all(axis=1)]');
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

/** The remedy for an undefined estimate, as flags of this command. */
function remedy(err: UndefinedDimensionError, options: IdOptions): string {
  switch (err.reason) {
    case 'duplicates':
      return `rerun with --dedupe to drop the ${err.duplicateRows} duplicate rows`;
    case 'ties':
      return options.estimator === 'mle' ? `rerun with a larger --k than ${options.k} (or --estimator twonn)` : 'rerun with --estimator mle';
    case 'too-few':
      return options.estimator === 'mle' ? 'add points or lower --k' : 'add points';
    case 'constant':
      return 'check that the file holds the array you meant (np.unique(X, axis=0) has a single row)';
  }
}

/** One warning line per thing that makes the number less than it seems (printed on stderr after the estimate). */
function warnings(report: DimensionReport, options: IdOptions, name: string): string[] {
  const lines: string[] = [];
  const clean = report.withoutDuplicates;
  if (clean !== undefined) {
    const effect = !Number.isFinite(clean)
      ? `without them ${name} is undefined`
      : clean === report.dimension
        ? 'the estimate is the same without them'
        : `they change the estimate: ${report.dimension.toFixed(4)} with them, ${clean.toFixed(4)} without (${report.zeroDistancePoints} points at distance 0 from a neighbour)`;
    lines.push(`${report.duplicateRows} duplicate rows; ${effect}; --dedupe drops them`);
  }
  if (report.tiedPoints > 0) {
    lines.push(
      `${report.tiedPoints} of ${report.rows} points have two equidistant nearest neighbours (r1 = r2: lattice or rounded data); ${name} assumes continuous distances, so the estimate is biased (a 40×40 integer grid gives an MLE of 3.19)`,
    );
  }
  if (report.equidistantPoints > 0) {
    lines.push(`${report.equidistantPoints} points have all ${options.k} nearest neighbours equidistant, so their pointwise estimate is +∞ (${options.combine} of pointwise estimates; a larger --k avoids it)`);
  }
  return lines;
}

function runId(file: string, options: IdOptions): void {
  if (options.json !== undefined) checkJsonTarget(options.json);
  const mle = options.estimator === 'mle';
  if (mle && options.k < 2) throw new CliError('--k', `must be at least 2 (got ${options.k})`, 'use --k 20 as scikit-dimension');
  checkFileMemory(file, options);
  const points = readPoints(file);
  const started = Date.now();
  const name = mle ? 'the MLE' : 'TwoNN';
  let report: DimensionReport;
  try {
    report = estimateDimension(points, { estimator: options.estimator, k: options.k, combine: options.combine, dedupe: options.dedupe });
  } catch (err) {
    if (!(err instanceof UndefinedDimensionError)) throw err;
    throw new CliError(file, err.problem, remedy(err, options));
  }
  const [n, dims] = points.shape;
  const notes = warnings(report, options, name);
  const result = {
    mmcl: 'id',
    file,
    points: n,
    ambientDimension: dims,
    estimator: options.estimator,
    ...(mle ? { k: options.k, combine: options.combine } : { discardFraction: 0.1 }),
    intrinsicDimension: report.dimension,
    duplicateRows: report.duplicateRows,
    droppedDuplicates: report.dropped,
    pointsUsed: report.rows,
    ...(report.withoutDuplicates !== undefined ? { withoutDuplicates: Number.isFinite(report.withoutDuplicates) ? report.withoutDuplicates : null } : {}),
    tiedPoints: report.tiedPoints,
    warnings: notes,
    seconds: (Date.now() - started) / 1000,
  };
  const label = mle ? `MLE (k = ${options.k}, ${options.combine})` : 'TwoNN';
  const dropped = report.dropped > 0 ? `, ${report.dropped} duplicate rows dropped: ${report.rows} points used` : '';
  process.stdout.write(`${label} intrinsic dimension of ${file} (${n} × ${dims}${dropped}): ${report.dimension.toFixed(4)}\n`);
  for (const line of notes) process.stderr.write(`mmcl id: warning: ${line}\n`);
  if (options.json !== undefined) {
    try {
      writeFileAtomic(options.json, JSON.stringify(result, null, 2) + '\n');
    } catch (err) {
      throw new CliError('--json', `cannot write ${options.json} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, 'choose a writable path');
    }
  }
}
