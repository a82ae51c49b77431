import type { Mlp, Similarity } from '@mmcl/intrinsic';
import { mlpBackward, mlpForward, rowNorm } from './mlp.js';

/**
 * One encoder's forward and backward pass for a training step, with its buffers (reused every step).
 *
 * With the mean-norm similarity the batch rows and the reference rows go through the MLP together (one matrix
 * product per layer): rows [0, B) are the batch, rows [B, B + N_a) the fixed reference set, copied in once.
 * Their outputs give F = f̃(batch)/m̂ with m̂ = mean_j ‖f̃(ref_j)‖, and the backward pass routes ∂L/∂m̂ to the
 * reference rows (spec §6.1), so both paths reach the weights in one sweep.
 */
export class EncoderPass {
  readonly rows: number;
  /** m̂ of the last forward pass (1 for cosine). */
  meanNorm = 1;
  private readonly activations: Float64Array[];
  private readonly gradients: Float64Array[];
  private readonly normalised: Float64Array;
  /** Per-row norms of the last forward pass: reference rows (mean-norm) or batch rows (cosine). */
  private readonly norms: Float64Array;

  constructor(
    widths: readonly number[],
    readonly batchSize: number,
    readonly similarity: Similarity,
    reference: Float64Array | null,
    readonly referenceRows: number,
  ) {
    this.rows = similarity === 'meanNorm' ? batchSize + referenceRows : batchSize;
    this.activations = widths.map((w) => new Float64Array(this.rows * w));
    this.gradients = widths.map((w, l) => new Float64Array(l === 0 ? 0 : this.rows * w));
    if (similarity === 'meanNorm' && reference !== null) this.activations[0].set(reference.subarray(0, referenceRows * widths[0]), batchSize * widths[0]);
    const dim = widths[widths.length - 1];
    this.normalised = new Float64Array(batchSize * dim);
    this.norms = new Float64Array(similarity === 'meanNorm' ? referenceRows : batchSize);
  }

  /** F (B×d): the normalised representations of `batch` (B×d_in). The returned buffer is reused. */
  forward(mlp: Mlp, batch: Float64Array): Float64Array {
    const inputWidth = mlp.layers[0].inputs;
    this.activations[0].set(batch.subarray(0, this.batchSize * inputWidth), 0);
    mlpForward(mlp, this.activations, this.rows);
    const out = this.activations[this.activations.length - 1];
    const dim = mlp.layers[mlp.layers.length - 1].outputs;
    const F = this.normalised;
    if (this.similarity === 'meanNorm') {
      let total = 0;
      for (let j = 0; j < this.referenceRows; j++) {
        const norm = rowNorm(out, (this.batchSize + j) * dim, dim);
        this.norms[j] = norm;
        total += norm;
      }
      this.meanNorm = total / this.referenceRows;
      for (let e = 0; e < this.batchSize * dim; e++) F[e] = out[e] / this.meanNorm;
    } else {
      for (let i = 0; i < this.batchSize; i++) {
        const norm = rowNorm(out, i * dim, dim);
        this.norms[i] = norm;
        for (let c = 0; c < dim; c++) F[i * dim + c] = out[i * dim + c] / norm;
      }
    }
    return F;
  }

  /** Accumulates ∂L/∂θ into `gradMlp` given ∂L/∂F (B×d) for the last forward pass. */
  backward(mlp: Mlp, gradMlp: Mlp, gradF: Float64Array): void {
    const dim = mlp.layers[mlp.layers.length - 1].outputs;
    const gradOut = this.gradients[this.gradients.length - 1];
    const out = this.activations[this.activations.length - 1];
    const F = this.normalised;
    const B = this.batchSize;
    if (this.similarity === 'meanNorm') {
      const m = this.meanNorm;
      // ∂L/∂m = −(1/m) Σ_b ⟨Ḟ_b, F_b⟩.
      let inner = 0;
      for (let e = 0; e < B * dim; e++) {
        gradOut[e] = gradF[e] / m;
        inner += gradF[e] * F[e];
      }
      const gradMeanNorm = -inner / m;
      for (let j = 0; j < this.referenceRows; j++) {
        const base = (B + j) * dim;
        const norm = this.norms[j];
        // ∂m/∂f̃_j = f̃_j / (N_a ‖f̃_j‖); 0 at f̃_j = 0 [choice, spec §6.1].
        const factor = norm > 0 ? gradMeanNorm / (this.referenceRows * norm) : 0;
        for (let c = 0; c < dim; c++) gradOut[base + c] = factor * out[base + c];
      }
    } else {
      // F = f̃/‖f̃‖: ∂L/∂f̃ = (Ḟ − F⟨Ḟ, F⟩)/‖f̃‖.
      for (let i = 0; i < B; i++) {
        const base = i * dim;
        let inner = 0;
        for (let c = 0; c < dim; c++) inner += gradF[base + c] * F[base + c];
        for (let c = 0; c < dim; c++) gradOut[base + c] = (gradF[base + c] - F[base + c] * inner) / this.norms[i];
      }
    }
    mlpBackward(mlp, gradMlp, this.activations, this.gradients, this.rows);
  }
}
