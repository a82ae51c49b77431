/** The symmetric InfoNCE loss of one batch and its gradients (spec §2.2–2.3). */
export interface InfoNceResult {
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
 * Log-sum-exps subtract the row (column) maximum. All loops run in a fixed order.
 *
 * @example
 * const F = new Float64Array([1, 0, 0, 1]);
 * symmetricInfoNce(F, F, 2, 2, 0.1).loss; // ≈ 4.5e-5: aligned, distinct points at small τ
 */
export function symmetricInfoNce(F: Float64Array, G: Float64Array, batch: number, dim: number, tau: number): InfoNceResult {
  const logits = new Float64Array(batch * batch);
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < batch; j++) {
      let dot = 0;
      for (let c = 0; c < dim; c++) dot += F[i * dim + c] * G[j * dim + c];
      logits[i * batch + j] = dot / tau;
    }
  }
  // gamma accumulates ∂L/∂Λ: first the row-softmax part, then the column-softmax part.
  const gamma = new Float64Array(batch * batch);
  const scale = 1 / (2 * batch);
  let rowLoss = 0;
  for (let i = 0; i < batch; i++) {
    let peak = -Infinity;
    for (let j = 0; j < batch; j++) peak = Math.max(peak, logits[i * batch + j]);
    let total = 0;
    for (let j = 0; j < batch; j++) total += Math.exp(logits[i * batch + j] - peak);
    const logPartition = peak + Math.log(total);
    rowLoss += logPartition - logits[i * batch + i];
    for (let j = 0; j < batch; j++) gamma[i * batch + j] = Math.exp(logits[i * batch + j] - logPartition) * scale;
    gamma[i * batch + i] -= scale;
  }
  let columnLoss = 0;
  for (let j = 0; j < batch; j++) {
    let peak = -Infinity;
    for (let i = 0; i < batch; i++) peak = Math.max(peak, logits[i * batch + j]);
    let total = 0;
    for (let i = 0; i < batch; i++) total += Math.exp(logits[i * batch + j] - peak);
    const logPartition = peak + Math.log(total);
    columnLoss += logPartition - logits[j * batch + j];
    for (let i = 0; i < batch; i++) gamma[i * batch + j] += Math.exp(logits[i * batch + j] - logPartition) * scale;
    gamma[j * batch + j] -= scale;
  }
  rowLoss /= batch;
  columnLoss /= batch;
  let gammaLogits = 0;
  for (let e = 0; e < gamma.length; e++) gammaLogits += gamma[e] * logits[e];
  const gradF = new Float64Array(batch * dim);
  const gradG = new Float64Array(batch * dim);
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < batch; j++) {
      const weight = gamma[i * batch + j] / tau;
      for (let c = 0; c < dim; c++) {
        gradF[i * dim + c] += weight * G[j * dim + c];
        gradG[j * dim + c] += weight * F[i * dim + c];
      }
    }
  }
  return { loss: 0.5 * (rowLoss + columnLoss), rowLoss, columnLoss, gradF, gradG, gradTau: -gammaLogits / tau };
}
