import { temperatureOf, type ContrastiveModel, type ReferenceSet, type StepConfig, type StepStats } from '@mmcl/intrinsic';
import { mlpWidths, modelView } from '@mmcl/intrinsic/internal';
import { EncoderPass } from './encoder.js';
import { handFusedInfoNce } from './infonce.js';

/**
 * The hand-fused step of @mmcl/intrinsic before paper 2 moved onto @mmcl/autodiff, kept here only as the benchmarks'
 * baseline ("hand-fused") and as the reference the autodiff step is compared with (test/intrinsic/handFused.test.ts).
 *
 * Loss and gradient of one batch for a two-encoder model (spec §2–§6.1): the forward pass of both encoders
 * (with the reference set), the symmetric InfoNCE at τ = exp(c·s) + τ_min, and the backward pass into a flat
 * gradient vector laid out like `model.parameters`. The encoders' buffers are allocated once, in the constructor;
 * symmetricInfoNce allocates its B×B scratch per call (≈ 0.2 ms at B = 256, 0.2% of a step with the 2 000-row
 * reference set).
 *
 * @example
 * // const step = new HandFusedStep(model, resolveStepConfig(), 256, { x: refX, y: refY, rows: 2000 });
 * // const { loss } = step.compute(xBatch, yBatch); // then adamStep(model.parameters, step.gradient, state, config.adam)
 */
export class HandFusedStep {
  /** ∂L/∂θ after `compute`, same layout as model.parameters. */
  readonly gradient: Float64Array;
  private readonly gradientView: ContrastiveModel;
  private readonly passF: EncoderPass;
  private readonly passG: EncoderPass;

  constructor(
    readonly model: ContrastiveModel,
    readonly config: StepConfig,
    readonly batchSize: number,
    reference: ReferenceSet | null,
  ) {
    const { inputX, inputY, outputDim, hidden } = model.shape;
    this.gradient = new Float64Array(model.parameters.length);
    this.gradientView = modelView(model.shape, this.gradient);
    const refRows = reference?.rows ?? 0;
    this.passF = new EncoderPass(mlpWidths(inputX, outputDim, hidden), batchSize, config.similarity, reference?.x ?? null, refRows);
    this.passG = new EncoderPass(mlpWidths(inputY, outputDim, hidden), batchSize, config.similarity, reference?.y ?? null, refRows);
  }

  /** Mean norms m̂_f, m̂_g of the last forward pass (1 with cosine similarity). */
  get meanNorms(): [number, number] {
    return [this.passF.meanNorm, this.passG.meanNorm];
  }

  /** Forward and backward on one batch (xBatch: B×d_x, yBatch: B×d_y); fills `gradient`. */
  compute(xBatch: Float64Array, yBatch: Float64Array): StepStats {
    const { model, config, batchSize } = this;
    const dim = model.shape.outputDim;
    const logTemperature = model.parameters[model.temperatureIndex];
    const tau = temperatureOf(logTemperature, config);
    const F = this.passF.forward(model.f, xBatch);
    const G = this.passG.forward(model.g, yBatch);
    const result = handFusedInfoNce(F, G, batchSize, dim, tau);
    this.gradient.fill(0);
    this.passF.backward(model.f, this.gradientView.f, result.gradF);
    this.passG.backward(model.g, this.gradientView.g, result.gradG);
    if (config.learnTemperature) {
      const grow = Math.exp(config.temperatureScale * logTemperature);
      this.gradient[model.temperatureIndex] = result.gradTau * config.temperatureScale * grow;
    }
    return { loss: result.loss, rowLoss: result.rowLoss, columnLoss: result.columnLoss, align: -meanCosine(F, G, batchSize, dim), temperature: tau };
  }
}

function meanCosine(F: Float64Array, G: Float64Array, rows: number, dim: number): number {
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let dot = 0;
    let nf = 0;
    let ng = 0;
    for (let c = 0; c < dim; c++) {
      const a = F[i * dim + c];
      const b = G[i * dim + c];
      dot += a * b;
      nf += a * a;
      ng += b * b;
    }
    total += dot / Math.sqrt(nf * ng);
  }
  return total / rows;
}
