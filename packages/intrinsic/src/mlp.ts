import { linear, relu, Tensor } from '@mmcl/autodiff';

/**
 * One fully connected layer, PyTorch layout: weight is outputs×inputs row-major, y = x Wᵀ + b.
 * @category Model
 */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weight: Float64Array;
  readonly bias: Float64Array;
}

/**
 * A ReLU MLP: ReLU after every layer but the last.
 * @category Model
 */
export interface Mlp {
  readonly layers: readonly DenseLayer[];
}

/**
 * One layer's parameters as tensors (the pytree leaves that @mmcl/autodiff differentiates).
 * @category Model
 */
export interface LayerParameters {
  /** outputs×inputs. */
  readonly weight: Tensor;
  /** [outputs]. */
  readonly bias: Tensor;
}

/**
 * Layer widths of the paper's "deep" encoder (spec §3.1): inputDim → 50 → 50 → 50 → outputDim by default;
 * `hidden` sets the number and width of hidden layers.
 *
 * @example
 * mlpWidths(20, 7); // → [20, 50, 50, 50, 7]
 * @category Model
 */
export function mlpWidths(inputDim: number, outputDim: number, hidden: readonly number[] = [50, 50, 50]): number[] {
  return [inputDim, ...hidden, outputDim];
}

/** Number of float64 parameters (weights and biases) of an MLP with these widths. */
export function mlpParameterCount(widths: readonly number[]): number {
  let count = 0;
  for (let l = 0; l + 1 < widths.length; l++) count += widths[l + 1] * widths[l] + widths[l + 1];
  return count;
}

/**
 * Lays out an MLP over `storage` starting at `offset` (weight then bias, layer by layer), so that all parameters
 * of a model can live in one flat vector that Adam updates in a single loop. Returns the MLP and the next offset.
 */
export function mlpView(widths: readonly number[], storage: Float64Array, offset: number): { mlp: Mlp; end: number } {
  const layers: DenseLayer[] = [];
  let at = offset;
  for (let l = 0; l + 1 < widths.length; l++) {
    const inputs = widths[l];
    const outputs = widths[l + 1];
    const weight = storage.subarray(at, at + inputs * outputs);
    at += inputs * outputs;
    const bias = storage.subarray(at, at + outputs);
    at += outputs;
    layers.push({ inputs, outputs, weight, bias });
  }
  return { mlp: { layers }, end: at };
}

/**
 * PyTorch's nn.Linear default initialisation, layer by layer: every weight, then every bias, drawn
 * U(−1/√fan_in, 1/√fan_in) from `uniform01` (numbers in [0, 1)).
 */
export function initMlp(mlp: Mlp, uniform01: (count: number) => Float64Array): void {
  for (const layer of mlp.layers) {
    const bound = 1 / Math.sqrt(layer.inputs);
    const w = uniform01(layer.weight.length);
    for (let i = 0; i < w.length; i++) layer.weight[i] = (2 * w[i] - 1) * bound;
    const b = uniform01(layer.bias.length);
    for (let i = 0; i < b.length; i++) layer.bias[i] = (2 * b[i] - 1) * bound;
  }
}

/**
 * The MLP's layers as tensors sharing its storage (no copy): what `mlpApply` and the gradient take. Writes to the
 * model's parameters (Adam) show through.
 *
 * @example
 * const model = modelView({ inputX: 3, inputY: 3, outputDim: 2, hidden: [4] });
 * mlpParameters(model.f)[0].weight.shape; // → [4, 3]
 * @category Model
 */
export function mlpParameters(mlp: Mlp): LayerParameters[] {
  return mlp.layers.map((l) => ({ weight: new Tensor(l.weight, [l.outputs, l.inputs]), bias: new Tensor(l.bias, [l.outputs]) }));
}

/**
 * The MLP as forward code: relu(x W₀ᵀ + b₀) → … → x W_Lᵀ + b_L (no ReLU after the last layer; ReLU'(0) = 0).
 * x is rows×inputs; differentiate it with @mmcl/autodiff's grad over the layers.
 *
 * @example
 * const layer = { weight: tensor([[1, 0], [0, -1]]), bias: tensor([0, 0]) };
 * // relu([1, −2]) = [1, 0], then [1, −0]
 * mlpApply([layer, layer], tensor([[1, 2]])).data; // → Float64Array [1, 0]
 * @category Model
 */
export function mlpApply(layers: readonly LayerParameters[], x: Tensor): Tensor {
  let h = x;
  for (let l = 0; l < layers.length; l++) {
    h = linear(h, layers[l].weight, layers[l].bias);
    if (l + 1 < layers.length) h = relu(h);
  }
  return h;
}
