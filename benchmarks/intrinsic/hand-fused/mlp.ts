/** The hand-fused MLP passes of @mmcl/intrinsic before it moved to the autodiff (kept as the benchmark baseline). */
import { gemm } from '@mmcl/autodiff';
import type { Mlp } from '@mmcl/intrinsic';

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

export function rowNorm(values: Float64Array, start: number, length: number): number {
  let squared = 0;
  for (let c = 0; c < length; c++) squared += values[start + c] * values[start + c];
  return Math.sqrt(squared);
}
