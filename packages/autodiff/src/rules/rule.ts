import type { Tensor } from '../tensor.js';
import { allocate } from '../pool.js';

/** What a forward rule returns: the output values, their shape, and anything the backward rule needs. */
export interface ForwardResult {
  data: Float64Array;
  shape: readonly number[];
  saved?: unknown;
}

/**
 * What a backward rule sees: the op's inputs and output, its attributes, what the forward rule saved, and which
 * inputs need a gradient (a rule may return null for the others instead of computing them, e.g. matmul skips ∂/∂X
 * when X is data).
 */
export interface BackwardContext<Attrs> {
  inputs: readonly Tensor[];
  needs: readonly boolean[];
  output: Tensor;
  attrs: Attrs;
  saved: any;
}

/**
 * One primitive: its forward and backward rule side by side.
 *
 * `backward` receives the gradient of the loss with respect to the output (same shape as the output) and returns one
 * gradient per input, in the input's shape, or null where the input is not differentiable (a mask, an index). The
 * returned arrays may alias `grad` or the inputs' data: the tape copies before accumulating.
 */
export interface Rule<Attrs = any> {
  forward(inputs: readonly Tensor[], attrs: Attrs): ForwardResult;
  backward(grad: Float64Array, ctx: BackwardContext<Attrs>): (Float64Array | null)[];
}

/** A rule for a unary elementwise op, written as whole-array loops so the hot path has no per-element call. */
export function unaryRule(
  forward: (x: Float64Array, out: Float64Array) => void,
  backward: (grad: Float64Array, x: Float64Array, y: Float64Array, out: Float64Array) => void,
): Rule<undefined> {
  return {
    forward([a]) {
      const out = allocate(a.size);
      forward(a.data, out);
      return { data: out, shape: a.shape };
    },
    backward(grad, { inputs: [a], output }) {
      const out = allocate(a.size);
      backward(grad, a.data, output.data, out);
      return [out];
    },
  };
}
