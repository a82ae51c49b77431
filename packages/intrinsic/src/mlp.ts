import { gemm } from '@mmcl/autodiff';

/** One fully connected layer, PyTorch layout: weight is outputs×inputs row-major, y = x Wᵀ + b. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weight: Float64Array;
  readonly bias: Float64Array;
}

/** A ReLU MLP: ReLU after every layer but the last. */
export interface Mlp {
  readonly layers: readonly DenseLayer[];
}

/**
 * Layer widths of the paper's "deep" encoder (spec §3.1): inputDim → 50 → 50 → 50 → outputDim by default;
 * `hidden` sets the number and width of hidden layers.
 *
 * @example
 * mlpWidths(20, 7); // [20, 50, 50, 50, 7]
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
 * Forward pass on `rows` input rows. `activations[0]` must hold the input; `activations[l + 1]` receives layer
 * l's output (after ReLU for hidden layers). Buffers are reused across steps to spare the garbage collector.
 */
export function mlpForward(mlp: Mlp, activations: Float64Array[], rows: number): void {
  const last = mlp.layers.length - 1;
  for (let l = 0; l <= last; l++) {
    const { inputs, outputs, weight, bias } = mlp.layers[l];
    const out = activations[l + 1];
    gemm(false, true, rows, outputs, inputs, activations[l], weight, out);
    const relu = l < last;
    for (let i = 0; i < rows; i++) {
      const base = i * outputs;
      for (let o = 0; o < outputs; o++) {
        const z = out[base + o] + bias[o];
        // ReLU with ReLU'(0) = 0, as in @mmcl/autodiff: the backward mask is "output > 0".
        out[base + o] = relu && !(z > 0) ? 0 : z;
      }
    }
  }
}

/**
 * Backward pass: given ∂L/∂(output) in `gradients[last]` (overwritten), accumulates ∂L/∂W and ∂L/∂b into
 * `gradMlp` (a view with the same widths). `gradients[l]` are scratch buffers shaped like `activations[l]`
 * (index 0 is never written: no gradient is needed for the data).
 */
export function mlpBackward(mlp: Mlp, gradMlp: Mlp, activations: Float64Array[], gradients: Float64Array[], rows: number): void {
  for (let l = mlp.layers.length - 1; l >= 0; l--) {
    const { inputs, outputs, weight } = mlp.layers[l];
    const gradOut = gradients[l + 1];
    const grad = gradMlp.layers[l];
    // ∂L/∂W += (∂L/∂Z)ᵀ H, ∂L/∂b += column sums of ∂L/∂Z.
    gemm(true, false, outputs, inputs, rows, gradOut, activations[l], grad.weight, true);
    for (let i = 0; i < rows; i++) {
      const base = i * outputs;
      for (let o = 0; o < outputs; o++) grad.bias[o] += gradOut[base + o];
    }
    if (l === 0) break;
    // ∂L/∂H = (∂L/∂Z) W, then through the previous ReLU (mask: its output > 0).
    const gradIn = gradients[l];
    gemm(false, false, rows, inputs, outputs, gradOut, weight, gradIn);
    const hidden = activations[l];
    const size = rows * inputs;
    for (let e = 0; e < size; e++) if (!(hidden[e] > 0)) gradIn[e] = 0;
  }
}
