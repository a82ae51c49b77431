import type { Similarity } from './config.js';
import { IntrinsicInputError } from './errors.js';
import { mlpForward, type Mlp } from './mlp.js';

/** Raw network outputs f̃(x) for `rows` rows of x (rows×d_in) → rows×d. */
function encodeRaw(mlp: Mlp, x: Float64Array, rows: number): Float64Array {
  const widths = [mlp.layers[0].inputs, ...mlp.layers.map((l) => l.outputs)];
  const activations = widths.map((w, l) => (l === 0 ? x.subarray(0, rows * w) : new Float64Array(rows * w)));
  mlpForward(mlp, activations, rows);
  return activations[activations.length - 1];
}

/**
 * Evaluation-time representations (spec §10): f̃(x)/m̂ with m̂ the mean norm of f̃ over the reference rows
 * (mean-norm similarity), or f̃(x)/‖f̃(x)‖ (cosine). Returns rows×d and the m̂ used (1 for cosine).
 *
 * @example
 * // const { values } = represent(model.f, test.x, test.rows, reference.x, reference.rows, 'meanNorm');
 */
export function represent(
  mlp: Mlp, x: Float64Array, rows: number, referenceX: Float64Array | null, referenceRows: number, similarity: Similarity,
): { values: Float64Array; meanNorm: number } {
  const out = encodeRaw(mlp, x, rows);
  const dim = mlp.layers[mlp.layers.length - 1].outputs;
  if (similarity === 'cosine') {
    for (let i = 0; i < rows; i++) {
      const norm = rowNorm(out, i * dim, dim);
      for (let c = 0; c < dim; c++) out[i * dim + c] /= norm;
    }
    return { values: out, meanNorm: 1 };
  }
  if (referenceX === null || referenceRows < 1) {
    throw new IntrinsicInputError('referenceX with at least one row is required for the meanNorm similarity (or use cosine)');
  }
  const ref = encodeRaw(mlp, referenceX, referenceRows);
  let total = 0;
  for (let j = 0; j < referenceRows; j++) total += rowNorm(ref, j * dim, dim);
  const meanNorm = total / referenceRows;
  for (let e = 0; e < out.length; e++) out[e] /= meanNorm;
  return { values: out, meanNorm };
}

export function rowNorm(values: Float64Array, start: number, length: number): number {
  let squared = 0;
  for (let c = 0; c < length; c++) squared += values[start + c] * values[start + c];
  return Math.sqrt(squared);
}
