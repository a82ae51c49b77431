import { add, exp, mul, tensor, treeLeaves, valueAndGrad, type Tensor } from '@mmcl/autodiff';
import { temperatureOf, type StepConfig } from './config.js';
import { encode } from './encoder.js';
import { symmetricInfoNce } from './infonce.js';
import { mlpParameters, type LayerParameters } from './mlp.js';
import type { ContrastiveModel } from './model.js';

/** Per-step diagnostics (spec §2.2). */
export interface StepStats {
  loss: number;
  /** X→Y cross-entropy. */
  rowLoss: number;
  /** Y→X cross-entropy. */
  columnLoss: number;
  /** −mean_i cos(f(x_i), g(y_i)). */
  align: number;
  /** τ used in this step (before the optimiser moves s). */
  temperature: number;
}

/** The fixed reference ("append") set used by the mean-norm normaliser. */
export interface ReferenceSet {
  x: Float64Array;
  y: Float64Array;
  rows: number;
}

/** The trainable parameters of a two-encoder model as a pytree: f̃'s layers, s, g̃'s layers (the flat layout's order). */
export interface ContrastiveParameters {
  readonly f: readonly LayerParameters[];
  /** s, with τ = exp(c·s) + τ_min (a scalar tensor). */
  readonly logTemperature: Tensor;
  readonly g: readonly LayerParameters[];
}

/** What the loss computes besides its value. */
export interface ContrastiveParts {
  /** F and G, B×d each. */
  F: Tensor;
  G: Tensor;
  rowLoss: Tensor;
  columnLoss: Tensor;
  /** m̂_f, m̂_g (1 with cosine). */
  meanNorms: [number, number];
}

/**
 * The model's parameters as a pytree of tensors sharing `model.parameters` (no copy): Adam's in-place updates show
 * through, and the pytree's leaves come in the flat vector's order.
 *
 * @example
 * const model = modelView({ inputX: 3, inputY: 3, outputDim: 2, hidden: [4] });
 * contrastiveParameters(model).logTemperature.shape; // []
 */
export function contrastiveParameters(model: ContrastiveModel): ContrastiveParameters {
  const s = model.temperatureIndex;
  return { f: mlpParameters(model.f), logTemperature: tensor(model.parameters.subarray(s, s + 1), []), g: mlpParameters(model.g) };
}

/**
 * The loss of one batch as forward code (spec §2–§6.1): both encoders (batch rows first, then the reference rows
 * with the mean-norm similarity), the symmetric InfoNCE at τ = exp(c·s) + τ_min (or the fixed τ), returned as
 * [loss, parts] for `valueAndGrad(…, { argnums: 0, hasAux: true })`. Change the architecture or the loss here and the
 * gradient follows.
 *
 * @example
 * // const lossAndGrad = valueAndGrad(contrastiveLoss, { argnums: 0, hasAux: true });
 * // const { value, grads } = lossAndGrad(contrastiveParameters(model), xRows, yRows, 256, resolveStepConfig());
 */
export function contrastiveLoss(
  params: ContrastiveParameters, x: Tensor, y: Tensor, batchRows: number, config: StepConfig,
): [Tensor, ContrastiveParts] {
  const f = encode(params.f, x, batchRows, config.similarity);
  const g = encode(params.g, y, batchRows, config.similarity);
  const tau = config.learnTemperature
    ? add(exp(mul(params.logTemperature, config.temperatureScale)), config.temperatureMin)
    : config.initialTemperature;
  const { loss, rowLoss, columnLoss } = symmetricInfoNce(f.representations, g.representations, tau);
  const meanNorms: [number, number] = [f.meanNorm?.item() ?? 1, g.meanNorm?.item() ?? 1];
  return [loss, { F: f.representations, G: g.representations, rowLoss, columnLoss, meanNorms }];
}

/**
 * Loss and gradient of one batch for a two-encoder model: `contrastiveLoss` differentiated by @mmcl/autodiff, the
 * gradient copied into a flat vector laid out like `model.parameters` (for Adam). The input buffers (batch rows,
 * then the reference rows copied in once) are allocated in the constructor, and the tape's arrays are reused from
 * step to step (`reuseBuffers`).
 *
 * @example
 * // const step = new ContrastiveStep(model, resolveStepConfig(), 256, { x: refX, y: refY, rows: 2000 });
 * // const { loss } = step.compute(xBatch, yBatch); // then adamStep(model.parameters, step.gradient, state, config.adam)
 */
export class ContrastiveStep {
  /** ∂L/∂θ after `compute`, same layout as model.parameters. */
  readonly gradient: Float64Array;
  private readonly parameters: ContrastiveParameters;
  private readonly inputX: Tensor;
  private readonly inputY: Tensor;
  private lastMeanNorms: [number, number] = [1, 1];
  /** Reuses its arrays from step to step (everything the step keeps is copied out before the next call). */
  private readonly lossAndGradient = valueAndGrad(contrastiveLoss, { argnums: 0, hasAux: true, reuseBuffers: true });

  constructor(
    readonly model: ContrastiveModel,
    readonly config: StepConfig,
    readonly batchSize: number,
    reference: ReferenceSet | null,
  ) {
    const { inputX, inputY } = model.shape;
    this.gradient = new Float64Array(model.parameters.length);
    this.parameters = contrastiveParameters(model);
    const refRows = config.similarity === 'meanNorm' ? reference?.rows ?? 0 : 0;
    const stack = (width: number, ref: Float64Array | undefined) => {
      const rows = new Float64Array((batchSize + refRows) * width);
      if (refRows > 0 && ref !== undefined) rows.set(ref.subarray(0, refRows * width), batchSize * width);
      return tensor(rows, [batchSize + refRows, width]);
    };
    this.inputX = stack(inputX, reference?.x);
    this.inputY = stack(inputY, reference?.y);
  }

  /** Mean norms m̂_f, m̂_g of the last forward pass (1 with cosine similarity). */
  get meanNorms(): [number, number] {
    return this.lastMeanNorms;
  }

  /** Forward and backward on one batch (xBatch: B×d_x, yBatch: B×d_y); fills `gradient`. */
  compute(xBatch: Float64Array, yBatch: Float64Array): StepStats {
    const { model, config, batchSize } = this;
    const { inputX, inputY, outputDim } = model.shape;
    this.inputX.data.set(xBatch.subarray(0, batchSize * inputX));
    this.inputY.data.set(yBatch.subarray(0, batchSize * inputY));
    const { value, grads, aux } = this.lossAndGradient(this.parameters, this.inputX, this.inputY, batchSize, config);
    let at = 0;
    for (const leaf of treeLeaves(grads)) {
      this.gradient.set(leaf.data, at);
      at += leaf.size;
    }
    this.lastMeanNorms = aux.meanNorms;
    return {
      loss: value,
      rowLoss: aux.rowLoss.item(),
      columnLoss: aux.columnLoss.item(),
      align: -meanCosine(aux.F.data, aux.G.data, batchSize, outputDim),
      temperature: temperatureOf(model.parameters[model.temperatureIndex], config),
    };
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
