import { add, div, matmulNT, mean, mul, softmaxCrossEntropy, type Tensor, type TensorLike } from '@mmcl/autodiff';
import { IntrinsicInputError } from './errors.js';

/**
 * The symmetric InfoNCE loss of one batch and its two directions, as tensors (differentiable).
 * @category Loss
 */
export interface InfoNceResult {
  /** ½ (row cross-entropy + column cross-entropy). */
  loss: Tensor;
  /** mean_i (LSE_j Λ_ij − Λ_ii): X→Y direction. */
  rowLoss: Tensor;
  /** mean_j (LSE_i Λ_ij − Λ_jj): Y→X direction. */
  columnLoss: Tensor;
}

let diagonal = new Int32Array(0);

/** 0, 1, …, B − 1: the positive of row (column) i is column (row) i. */
function diagonalTargets(batch: number): Int32Array {
  if (diagonal.length !== batch) diagonal = Int32Array.from({ length: batch }, (_, i) => i);
  return diagonal;
}

/**
 * Symmetric InfoNCE with in-batch negatives on representations F, G (both B×d) at temperature τ (a number, or a
 * tensor to learn it): L = ½ [mean_i (LSE_j Λ_ij − Λ_ii) + mean_j (LSE_i Λ_ij − Λ_jj)], Λ = F Gᵀ / τ (spec §2.2).
 * Forward code only: the gradients (spec §2.3) come from @mmcl/autodiff. The cross-entropies are
 * softmaxCrossEntropy's (peak − Λ_ii) + log1p(Σ_{j ≠ peak} e^{Λ_ij − peak}), so the loss of aligned pairs at
 * small τ keeps its relative precision instead of rounding to 0. All loops run in a fixed order.
 *
 * @example
 * const F = tensor([[1, 0], [0, 1]]);
 * // aligned, distinct points at small τ: a loss near 0
 * symmetricInfoNce(F, F, 0.1).loss.item().toExponential(1); // → '4.5e-5'
 * @category Loss
 */
export function symmetricInfoNce(F: Tensor, G: Tensor, tau: TensorLike): InfoNceResult {
  const batch = F.shape[0];
  if (F.shape.length !== 2 || G.shape.length !== 2 || G.shape[0] !== batch || G.shape[1] !== F.shape[1]) {
    throw new IntrinsicInputError(`symmetricInfoNce: F and G must both be B×d, got [${F.shape}] and [${G.shape}]`);
  }
  const logits = div(matmulNT(F, G), tau);
  const targets = diagonalTargets(batch);
  const rowLoss = mean(softmaxCrossEntropy(logits, targets, 1));
  const columnLoss = mean(softmaxCrossEntropy(logits, targets, 0));
  return { loss: mul(add(rowLoss, columnLoss), 0.5), rowLoss, columnLoss };
}
