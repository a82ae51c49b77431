import { gemm } from '@mmcl/autodiff';

/** The symmetric InfoNCE loss of one batch and its gradients (spec §2.2–2.3). */
export interface HandFusedInfoNce {
  /** ½ (row cross-entropy + column cross-entropy). */
  loss: number;
  /** mean_i (LSE_j Λ_ij − Λ_ii): X→Y direction. */
  rowLoss: number;
  /** mean_j (LSE_i Λ_ij − Λ_jj): Y→X direction. */
  columnLoss: number;
  /** ∂L/∂F, B×d. */
  gradF: Float64Array;
  /** ∂L/∂G, B×d. */
  gradG: Float64Array;
  /** ∂L/∂τ. */
  gradTau: number;
}

/**
 * Symmetric InfoNCE with in-batch negatives on representations F, G (both B×d, row-major) at temperature τ:
 * L = ½ [mean_i (LSE_j Λ_ij − Λ_ii) + mean_j (LSE_i Λ_ij − Λ_jj)], Λ = F Gᵀ / τ, with the analytic gradients of
 * spec §2.3 (Γ = ((P_row − I) + (P_col − I)) / 2B; ∂L/∂F = Γ G / τ; ∂L/∂G = Γᵀ F / τ; ∂L/∂τ = −Σ Γ Λ / τ).
 * Log-sum-exps subtract the row (column) maximum and use log1p for the rest. All loops run in a fixed order.
 *
 * @example
 * const F = new Float64Array([1, 0, 0, 1]);
 * handFusedInfoNce(F, F, 2, 2, 0.1).loss; // ≈ 4.5e-5: aligned, distinct points at small τ
 */
export function handFusedInfoNce(F: Float64Array, G: Float64Array, batch: number, dim: number, tau: number): HandFusedInfoNce {
  const logits = gemm(false, true, batch, batch, dim, F, G, new Float64Array(batch * batch));
  for (let e = 0; e < logits.length; e++) logits[e] /= tau;
  // gamma accumulates ∂L/∂Λ: first the row-softmax part, then the column-softmax part.
  const gamma = new Float64Array(batch * batch);
  const scale = 1 / (2 * batch);
  let rowLoss = 0;
  for (let i = 0; i < batch; i++) {
    const [peak, logRest] = logSumExp(logits, i * batch, 1, batch);
    const logPartition = peak + logRest;
    rowLoss += peak - logits[i * batch + i] + logRest;
    for (let j = 0; j < batch; j++) gamma[i * batch + j] = Math.exp(logits[i * batch + j] - logPartition) * scale;
    gamma[i * batch + i] -= scale;
  }
  let columnLoss = 0;
  for (let j = 0; j < batch; j++) {
    const [peak, logRest] = logSumExp(logits, j, batch, batch);
    const logPartition = peak + logRest;
    columnLoss += peak - logits[j * batch + j] + logRest;
    for (let i = 0; i < batch; i++) gamma[i * batch + j] += Math.exp(logits[i * batch + j] - logPartition) * scale;
    gamma[j * batch + j] -= scale;
  }
  rowLoss /= batch;
  columnLoss /= batch;
  let gammaLogits = 0;
  for (let e = 0; e < gamma.length; e++) gammaLogits += gamma[e] * logits[e];
  const gradF = gemm(false, false, batch, dim, batch, gamma, G, new Float64Array(batch * dim));
  const gradG = gemm(true, false, batch, dim, batch, gamma, F, new Float64Array(batch * dim));
  for (let e = 0; e < gradF.length; e++) {
    gradF[e] /= tau;
    gradG[e] /= tau;
  }
  return { loss: 0.5 * (rowLoss + columnLoss), rowLoss, columnLoss, gradF, gradG, gradTau: -gammaLogits / tau };
}

/**
 * log Σ_t exp(values[start + t·stride]) for t < count, returned as [peak, log1p(Σ_{t ≠ argmax} exp(v_t − peak))].
 * The maximum contributes exactly 1 and the two parts stay separate, so a cross-entropy that is nearly 0 (aligned
 * pairs at small τ: peak = the positive's logit) keeps its relative precision instead of rounding to 0.
 */
function logSumExp(values: Float64Array, start: number, stride: number, count: number): [number, number] {
  let peakAt = start;
  for (let t = 1; t < count; t++) if (values[start + t * stride] > values[peakAt]) peakAt = start + t * stride;
  const peak = values[peakAt];
  let rest = 0;
  for (let t = 0; t < count; t++) {
    const at = start + t * stride;
    if (at !== peakAt) rest += Math.exp(values[at] - peak);
  }
  return [peak, Math.log1p(rest)];
}
