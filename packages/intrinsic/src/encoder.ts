import { div, mean, sliceRows, vectorNorm, type Tensor } from '@mmcl/autodiff';
import type { Similarity } from './config.js';
import { mlpApply, type LayerParameters } from './mlp.js';

/**
 * An encoder's normalised representations of a batch, and the mean norm used (mean-norm similarity).
 * @category Model
 */
export interface Encoded {
  /** B×d: f̃(batch)/m̂ (mean-norm) or f̃(batch)/‖f̃(batch)‖ row by row (cosine). */
  representations: Tensor;
  /** m̂ = mean_j ‖f̃(ref_j)‖ (a scalar tensor), or null for cosine. */
  meanNorm: Tensor | null;
}

/**
 * One encoder as forward code (spec §2.1, §6.1). With the mean-norm similarity, `input` holds the batch in rows
 * [0, batchRows) and the reference set below it, so both go through the MLP together (one matrix product per layer);
 * m̂ is the mean norm of the reference rows' outputs and the batch outputs are divided by it, so the gradient of
 * m̂ reaches the weights through the reference rows. With cosine, `input` is the batch alone. A reference row
 * whose output is exactly 0 contributes gradient 0 [choice, spec §6.1] (vectorNorm's convention).
 *
 * @example
 * const layers = [{ weight: tensor([[2, 0], [0, 2]]), bias: tensor([0, 0]) }];
 * // [2, 0] / m̂ with m̂ = ‖(0, 6)‖ = 6
 * encode(layers, tensor([[1, 0], [0, 3]]), 1, 'meanNorm').representations.data; // → Float64Array [0.3333333333333333, 0]
 * @category Model
 */
export function encode(layers: readonly LayerParameters[], input: Tensor, batchRows: number, similarity: Similarity): Encoded {
  const out = mlpApply(layers, input);
  if (similarity === 'cosine') return { representations: div(out, vectorNorm(out, 1, true)), meanNorm: null };
  const meanNorm = mean(vectorNorm(sliceRows(out, batchRows, out.shape[0]), 1));
  return { representations: div(sliceRows(out, 0, batchRows), meanNorm), meanNorm };
}
