// A training run as plain data (for Ctrl-C / --resume): JSON-safe metadata plus one flat float64 array holding the
// parameters, then Adam's first moments, then its second moments, each in parameter order. Restoring is exact.
import { tensor } from '@mmcl/autodiff';
import type { EncoderRun, Modality } from './train.js';

/**
 * The JSON part of a checkpoint.
 * @category Checkpoints
 */
export interface RunCheckpoint {
  readonly modality: Modality;
  readonly epochLosses: number[];
  readonly adamStep: number;
  readonly shapes: number[][];
}

/**
 * Splits a run into its checkpoint metadata and its flat float64 values.
 *
 * @example
 * const { runs } = (await runColoredMnist(TINY_CONFIG, prepareData(TINY_CONFIG)))!;
 * const { meta, values } = checkpointRun(runs.single);
 * meta.epochLosses.length; // → 2
 * // one loss per epoch: TINY_CONFIG.epochs is 2
 * @category Checkpoints
 */
export function checkpointRun(run: EncoderRun): { meta: RunCheckpoint; values: Float64Array } {
  const arrays = [...run.parameters.map((p) => p.data), ...run.adam.map((a) => a.firstMoment), ...run.adam.map((a) => a.secondMoment)];
  const values = new Float64Array(arrays.reduce((total, a) => total + a.length, 0));
  let offset = 0;
  for (const array of arrays) {
    values.set(array, offset);
    offset += array.length;
  }
  const meta = {
    modality: run.modality,
    epochLosses: run.epochLosses.slice(),
    adamStep: run.adam[0].step,
    shapes: run.parameters.map((p) => p.shape.slice()),
  };
  return { meta, values };
}

/**
 * Rebuilds a run from `checkpointRun`'s output; throws when the value count does not match the shapes.
 *
 * @example
 * const { runs } = (await runColoredMnist(TINY_CONFIG, prepareData(TINY_CONFIG)))!;
 * const { meta, values } = checkpointRun(runs.multi);
 * restoreRun(meta, values).parameters[0].data.every((x, i) => x === runs.multi.parameters[0].data[i]); // → true
 * @category Checkpoints
 */
export function restoreRun(meta: RunCheckpoint, values: Float64Array): EncoderRun {
  const sizes = meta.shapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  const perCopy = sizes.reduce((a, b) => a + b, 0);
  if (values.length !== 3 * perCopy) {
    throw new Error(`checkpoint of the ${meta.modality}-modal run holds ${values.length} values, expected ${3 * perCopy}`);
  }
  let offset = 0;
  const take = (size: number) => {
    const slice = values.slice(offset, offset + size);
    offset += size;
    return slice;
  };
  const parameters = sizes.map((size, k) => tensor(take(size), meta.shapes[k]));
  const firstMoments = sizes.map(take);
  const secondMoments = sizes.map(take);
  return {
    modality: meta.modality,
    parameters,
    adam: sizes.map((_, k) => ({ step: meta.adamStep, firstMoment: firstMoments[k], secondMoment: secondMoments[k] })),
    epochLosses: meta.epochLosses.slice(),
  };
}
