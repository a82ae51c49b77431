import { add, exp, mul, reusableVjp, tensor, treeLeaves, valueAndGrad, type Tensor, type TensorLike } from '@mmcl/autodiff';
import { temperatureOf, type StepConfig } from './config.js';
import { encode } from './encoder.js';
import { RemoteEncoder } from './encoderThread.js';
import { symmetricInfoNce } from './infonce.js';
import { mlpParameterCount, mlpParameters, mlpWidths, type LayerParameters } from './mlp.js';
import type { ContrastiveModel } from './model.js';

/**
 * Per-step diagnostics (spec §2.2).
 * @category Training
 */
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

/**
 * The fixed reference ("append") set used by the mean-norm normaliser.
 * @category Training
 */
export interface ReferenceSet {
  x: Float64Array;
  y: Float64Array;
  rows: number;
}

/**
 * The trainable parameters of a two-encoder model as a pytree: f̃'s layers, s, g̃'s layers (the flat layout's order).
 * @category Training
 */
export interface ContrastiveParameters {
  readonly f: readonly LayerParameters[];
  /** s, with τ = exp(c·s) + τ_min (a scalar tensor). */
  readonly logTemperature: Tensor;
  readonly g: readonly LayerParameters[];
}

/**
 * What the loss computes besides its value.
 * @category Training
 */
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
 * contrastiveParameters(model).logTemperature.shape; // → []
 * @category Training
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
 * @category Training
 */
export function contrastiveLoss(
  params: ContrastiveParameters, x: Tensor, y: Tensor, batchRows: number, config: StepConfig,
): [Tensor, ContrastiveParts] {
  const f = encode(params.f, x, batchRows, config.similarity);
  const g = encode(params.g, y, batchRows, config.similarity);
  const { loss, rowLoss, columnLoss } = symmetricInfoNce(f.representations, g.representations, temperature(params.logTemperature, config));
  const meanNorms: [number, number] = [f.meanNorm?.item() ?? 1, g.meanNorm?.item() ?? 1];
  return [loss, { F: f.representations, G: g.representations, rowLoss, columnLoss, meanNorms }];
}

/** τ = exp(c·s) + τ_min as a tensor of s, or the fixed τ. */
function temperature(logTemperature: Tensor, config: StepConfig): TensorLike {
  return config.learnTemperature ? add(exp(mul(logTemperature, config.temperatureScale)), config.temperatureMin) : config.initialTemperature;
}

/** The loss given both encoders' representations (the two-thread step differentiates the encoders apart). */
interface HeadInputs {
  F: Tensor;
  G: Tensor;
  logTemperature: Tensor;
}

function contrastiveHead(head: HeadInputs, config: StepConfig): [Tensor, { rowLoss: Tensor; columnLoss: Tensor }] {
  const { loss, rowLoss, columnLoss } = symmetricInfoNce(head.F, head.G, temperature(head.logTemperature, config));
  return [loss, { rowLoss, columnLoss }];
}

/**
 * How a ContrastiveStep runs (the gradient does not depend on it).
 * @category Training
 */
export interface StepOptions {
  /**
   * 1: everything on the calling thread. 2: g̃'s forward pass and pullback on a worker thread (Node), alongside
   * f̃'s on the calling thread; the same gradient bit for bit. Default 1.
   */
  threads?: 1 | 2;
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
 * @category Training
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
  /** With two threads: g̃ on the worker, f̃ and the loss here. */
  private readonly split: { remote: RemoteEncoder; encodeF: ReturnType<typeof encoderVjp>; head: ReturnType<typeof headGradient>; gStart: number } | null;

  constructor(
    readonly model: ContrastiveModel,
    readonly config: StepConfig,
    readonly batchSize: number,
    reference: ReferenceSet | null,
    options: StepOptions = {},
  ) {
    const { inputX, inputY, outputDim, hidden } = model.shape;
    this.gradient = new Float64Array(model.parameters.length);
    this.parameters = contrastiveParameters(model);
    const refRows = config.similarity === 'meanNorm' ? reference?.rows ?? 0 : 0;
    const rows = batchSize + refRows;
    const stack = (width: number, ref: Float64Array | undefined, into: Float64Array = new Float64Array(rows * width)) => {
      if (refRows > 0 && ref !== undefined) into.set(ref.subarray(0, refRows * width), batchSize * width);
      return tensor(into, [rows, width]);
    };
    this.inputX = stack(inputX, reference?.x);
    this.split = null;
    if ((options.threads ?? 1) === 2) {
      const widths = mlpWidths(inputY, outputDim, hidden);
      const remote = new RemoteEncoder(widths, config.similarity, batchSize, rows, mlpParameterCount(widths));
      this.inputY = stack(inputY, reference?.y, remote.input);
      this.split = { remote, encodeF: encoderVjp(this.inputX, batchSize, config), head: headGradient(), gStart: model.temperatureIndex + 1 };
    } else {
      this.inputY = stack(inputY, reference?.y);
    }
  }

  /** Releases the worker thread's side of a two-thread step (a no-op with one thread). */
  close(): void {
    this.split?.remote.close();
  }

  /**
   * The two-thread step: g̃'s forward pass starts on the worker, f̃'s runs here; the loss head is differentiated
   * alone, then both pullbacks run in parallel. Each encoder's tape is the one-thread tape's part for that encoder,
   * and the head's is its remainder, so the gradient has the same bits.
   */
  private computeSplit(): StepStats {
    const { model, config, batchSize } = this;
    const { remote, encodeF, head, gStart } = this.split!;
    const { outputDim } = model.shape;
    remote.parameters.set(model.parameters.subarray(gStart));
    remote.startForward();
    let f: ReturnType<typeof encodeF>;
    try {
      f = encodeF(this.parameters.f);
    } finally {
      remote.finish();
    }
    const G = tensor(remote.representations, [batchSize, outputDim]);
    const { value, grads, aux } = head({ F: f.out, G, logTemperature: this.parameters.logTemperature }, config);
    remote.cotangent.set(grads.G.data);
    remote.startBackward();
    const align = -meanCosine(f.out.data, remote.representations, batchSize, outputDim);
    try {
      let at = 0;
      for (const leaf of treeLeaves(f.pullback(grads.F))) {
        this.gradient.set(leaf.data, at);
        at += leaf.size;
      }
      this.gradient[model.temperatureIndex] = grads.logTemperature.data[0];
    } finally {
      remote.finish();
    }
    this.gradient.set(remote.gradient, gStart);
    this.lastMeanNorms = [f.meanNorm, remote.meanNorm];
    return {
      loss: value,
      rowLoss: aux.rowLoss.item(),
      columnLoss: aux.columnLoss.item(),
      align,
      temperature: temperatureOf(model.parameters[model.temperatureIndex], config),
    };
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
    if (this.split !== null) return this.computeSplit();
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

/** f̃'s representations as a reusable vjp of its layers (m̂_f kept aside), for the two-thread step. */
function encoderVjp(input: Tensor, batchRows: number, config: StepConfig) {
  let meanNorm = 1;
  const traced = reusableVjp((layers: LayerParameters[]) => {
    const encoded = encode(layers, input, batchRows, config.similarity);
    meanNorm = encoded.meanNorm?.item() ?? 1;
    return encoded.representations;
  });
  return (layers: readonly LayerParameters[]) => ({ ...traced(layers as LayerParameters[]), meanNorm });
}

function headGradient() {
  return valueAndGrad(contrastiveHead, { argnums: 0, hasAux: true, reuseBuffers: true });
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
