import { initMlp, mlpParameterCount, mlpView, mlpWidths, type Mlp } from './mlp.js';

/**
 * The architecture of a two-encoder model.
 * @category Model
 */
export interface ModelShape {
  /** d_x: input dimension of modality X. */
  inputX: number;
  /** d_y: input dimension of modality Y. */
  inputY: number;
  /** d: the representation dimension. */
  outputDim: number;
  /** Hidden widths of both MLPs (default [50, 50, 50], the paper's "deep" encoder). */
  hidden: readonly number[];
}

/**
 * Two encoders f̃, g̃ and the temperature parameter s, all in one flat float64 vector (f's layers, then s, then
 * g's layers), so that Adam, gradient zeroing and NaN checks are single loops. f and g are views into it.
 * @category Model
 */
export interface ContrastiveModel {
  readonly shape: ModelShape;
  readonly parameters: Float64Array;
  readonly f: Mlp;
  readonly g: Mlp;
  /** Index of s (τ = exp(c·s) + τ_min) in `parameters`. */
  readonly temperatureIndex: number;
}

/**
 * Lays out a model over `storage` (a fresh zero vector by default). Gradients use the same layout.
 *
 * @example
 * const model = modelView({ inputX: 20, inputY: 20, outputDim: 5, hidden: [50, 50, 50] });
 * model.f.layers[3].weight.length; // → 250
 * @category Model
 */
export function modelView(shape: ModelShape, storage?: Float64Array): ContrastiveModel {
  const widthsF = mlpWidths(shape.inputX, shape.outputDim, shape.hidden);
  const widthsG = mlpWidths(shape.inputY, shape.outputDim, shape.hidden);
  const size = mlpParameterCount(widthsF) + 1 + mlpParameterCount(widthsG);
  const parameters = storage ?? new Float64Array(size);
  const f = mlpView(widthsF, parameters, 0);
  const g = mlpView(widthsG, parameters, f.end + 1);
  return { shape, parameters, f: f.mlp, g: g.mlp, temperatureIndex: f.end };
}

/**
 * A freshly initialised model: PyTorch-default uniform weights (f first, then g, from `uniform01`), and s set
 * to `initialLogTemperature`.
 *
 * @example
 * import { createStreams } from '@mmcl/autodiff';
 * const streams = createStreams(2024);
 * const model = initModel({ inputX: 20, inputY: 20, outputDim: 5, hidden: [50, 50, 50] }, (n) => streams.init.uniform(n), 0);
 * @category Model
 */
export function initModel(shape: ModelShape, uniform01: (count: number) => Float64Array, initialLogTemperature: number): ContrastiveModel {
  const model = modelView(shape);
  initMlp(model.f, uniform01);
  initMlp(model.g, uniform01);
  model.parameters[model.temperatureIndex] = initialLogTemperature;
  return model;
}
