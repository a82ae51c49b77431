/**
 * readRunDirectory(dir): the inverse of writeRunDirectory. Loads config.json, inputs/*.npy, trajectory/*.npy and
 * summary.json back into a SimulationResult with shaped trajectories, checking every file's shape against the
 * configuration, so a truncated or foreign folder fails with one line naming the file instead of wrong numbers.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readNpyFile, type NpyData } from '@mmcl/autodiff';
import { resolveConfig } from './config.js';
import { RunDirectoryError } from './runDirectory.js';
import { shapeTrajectory } from './shaped.js';
import type { CoefficientTrajectory, EncoderTrajectory, Engine, SimulationResult } from './types.js';

/**
 * A run directory read back: the SimulationResult it was written from, with h and g shaped.
 * @category Run directories
 */
export interface RunDirectory extends SimulationResult {
  /** The absolute path it was read from. */
  dir: string;
  engine: Engine;
  populationError: number;
  /** Encoder h (files gamma.npy, rho.npy, a.npy): `run.h.gamma.get(t, r)`, `run.h.rho.get(t, r, i)`. */
  h: EncoderTrajectory;
  /** Encoder g (multi-modal runs; files gamma_tilde.npy, rho_tilde.npy, a_tilde.npy). */
  g?: EncoderTrajectory;
  /** summary.json as written (final values, wall time, definitions). */
  summary: Record<string, unknown>;
}

function readJson(dir: string, name: string): Record<string, unknown> {
  const path = join(dir, name);
  if (!existsSync(path)) throw new RunDirectoryError(`${path} is missing: ${dir} is not a complete run directory (write one with mmcl run)`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new RunDirectoryError(`${path} is not valid JSON (${(error as Error).message}); rewrite the run directory`);
  }
}

/** Reads `folder/name.npy` and checks its dtype and shape. */
function reader(dir: string) {
  return <D extends NpyData>(folder: string, name: string, shape: number[], type: new (n: number) => D): D => {
    const path = join(dir, folder, `${name}.npy`);
    if (!existsSync(path)) throw new RunDirectoryError(`${path} is missing: ${dir} is not a complete run directory (write one with mmcl run)`);
    let array;
    try {
      array = readNpyFile(path);
    } catch (error) {
      throw new RunDirectoryError(`${path}: ${(error as Error).message}`);
    }
    if (!(array.data instanceof type) || array.shape.join(',') !== shape.join(','))
      throw new RunDirectoryError(
        `${path} holds ${array.dtype} (${array.shape.join(', ')}) but config.json needs ${(type as unknown) === Float64Array ? '<f8' : '<i4'} (${shape.join(', ')}); the folder is not one run`,
      );
    return array.data as D;
  };
}

/**
 * Read a run directory written by `mmcl run`, `mmcl fig1` or {@link writeRunDirectory}. Writing the result again
 * gives the same files byte for byte. Throws a {@link RunDirectoryError} naming the file when one is missing,
 * unreadable, or of the wrong shape.
 *
 * @example
 * import { readRunDirectory, simulate, writeRunDirectory } from '@mmcl/infomax';
 * const dir = `/tmp/mmcl-read-example-${process.pid}`;
 * writeRunDirectory(simulate({ mode: 'multi', d: 60, n: 6, m: 3, steps: 4, populationSamples: 0 }), dir);
 * const run = readRunDirectory(dir);
 * run.g?.rho.shape; // → [5, 3, 6]
 * @category Run directories
 */
export function readRunDirectory(dir: string): RunDirectory {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new RunDirectoryError(`no run directory at ${root}; give the --out folder of mmcl run`);
  let config;
  try {
    config = resolveConfig(readJson(root, 'config.json'));
  } catch (error) {
    if (error instanceof RunDirectoryError) throw error;
    throw new RunDirectoryError(`${join(root, 'config.json')}: ${(error as Error).message}`);
  }
  const summary = readJson(root, 'summary.json');
  const read = reader(root);
  const { d, n, m, steps, nTest, mode } = config;
  const F = Float64Array;
  const negativeOffsets = read('inputs', 'negative_offsets', [n + 1], Int32Array);
  const inputs: SimulationResult['inputs'] = {
    y: read('inputs', 'y', [n], F),
    mu: read('inputs', 'mu', [d], F),
    xi: read('inputs', 'xi', [n, d], F),
    eps: read('inputs', 'eps', [n, d], F),
    W0: read('inputs', 'W0', [m, d], F),
    negatives: read('inputs', 'negatives', [negativeOffsets[n]], Int32Array),
    negativeOffsets,
    test: { nu: read('inputs', 'nu', [d], F), y: read('inputs', 'y_test', [nTest], F), zeta: read('inputs', 'zeta', [nTest, d], F) },
  };
  const points = steps + 1;
  const present = (folder: string, name: string) => existsSync(join(root, folder, `${name}.npy`));
  // Written only by some optimizers: a_t (weight decay) and, for the dense engine, the span residual.
  const withA = (name: string, c: CoefficientTrajectory): CoefficientTrajectory => (present('trajectory', name) ? { ...c, a: read('trajectory', name, [points], F) } : c);
  const flatH = withA('a', { gamma: read('trajectory', 'gamma', [points, m], F), rho: read('trajectory', 'rho', [points, m, n], F) });
  let flatG: CoefficientTrajectory | undefined;
  if (mode === 'multi') {
    inputs.muTilde = read('inputs', 'mu_tilde', [d], F);
    inputs.xiTilde = read('inputs', 'xi_tilde', [n, d], F);
    inputs.W0Tilde = read('inputs', 'W0_tilde', [m, d], F);
    flatG = withA('a_tilde', { gamma: read('trajectory', 'gamma_tilde', [points, m], F), rho: read('trajectory', 'rho_tilde', [points, m, n], F) });
  }
  const evalCount = present('trajectory', 'eval_steps') ? readNpyFile(join(root, 'trajectory', 'eval_steps.npy')).shape[0] : 0;
  const spanResidual = present('trajectory', 'span_residual')
    ? {
        h: read('trajectory', 'span_residual', [evalCount], F),
        g: present('trajectory', 'span_residual_tilde') ? read('trajectory', 'span_residual_tilde', [evalCount], F) : undefined,
      }
    : undefined;
  const batchWidth = present('inputs', 'batches') ? readNpyFile(join(root, 'inputs', 'batches.npy')).shape[1] : 0;
  const batches = present('inputs', 'batches') ? read('inputs', 'batches', [steps, batchWidth], Int32Array) : undefined;
  const final = (summary.final ?? {}) as Record<string, unknown>;
  return {
    dir: root,
    config,
    inputs,
    loss: read('trajectory', 'loss', [points], F),
    h: shapeTrajectory(flatH, m, n),
    g: flatG && shapeTrajectory(flatG, m, n),
    evalSteps: read('trajectory', 'eval_steps', [evalCount], Int32Array),
    testAccuracy: read('trajectory', 'test_accuracy', [evalCount], F),
    wallTimeMs: typeof summary.wallTimeMs === 'number' ? summary.wallTimeMs : Number.NaN,
    engine: summary.engine === 'dense' || summary.engine === 'reduced' ? summary.engine : config.engine,
    populationError: typeof final.populationError === 'number' ? final.populationError : Number.NaN,
    ...(spanResidual ? { spanResidual } : {}),
    ...(batches ? { batches } : {}),
    summary,
  };
}
