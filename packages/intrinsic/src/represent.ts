import { div, mean, tensor, vectorNorm } from '@mmcl/autodiff';
import type { Similarity } from './config.js';
import { IntrinsicInputError } from './errors.js';
import { mlpApply, mlpParameters, type Mlp } from './mlp.js';

/**
 * Evaluation-time representations (spec §10): f̃(x)/m̂ with m̂ the mean norm of f̃ over the reference rows
 * (mean-norm similarity), or f̃(x)/‖f̃(x)‖ (cosine). Returns rows×d and the m̂ used (1 for cosine).
 *
 * @example
 * // const { values } = represent(model.f, test.x, test.rows, reference.x, reference.rows, 'meanNorm');
 * @category Model
 */
export function represent(
  mlp: Mlp, x: Float64Array, rows: number, referenceX: Float64Array | null, referenceRows: number, similarity: Similarity,
): { values: Float64Array; meanNorm: number } {
  const layers = mlpParameters(mlp);
  const inputs = mlp.layers[0].inputs;
  const out = mlpApply(layers, tensor(x.subarray(0, rows * inputs), [rows, inputs]));
  if (similarity === 'cosine') return { values: div(out, vectorNorm(out, 1, true)).data, meanNorm: 1 };
  if (referenceX === null || referenceRows < 1) {
    throw new IntrinsicInputError('referenceX with at least one row is required for the meanNorm similarity (or use cosine)');
  }
  const ref = mlpApply(layers, tensor(referenceX.subarray(0, referenceRows * inputs), [referenceRows, inputs]));
  const meanNorm = mean(vectorNorm(ref, 1));
  return { values: div(out, meanNorm).data, meanNorm: meanNorm.item() };
}

/** ‖values[start .. start + length)‖₂, summed in index order (forward-only statistics, e.g. normSummary). */
export function rowNorm(values: Float64Array, start: number, length: number): number {
  let squared = 0;
  for (let c = 0; c < length; c++) squared += values[start + c] * values[start + c];
  return Math.sqrt(squared);
}
