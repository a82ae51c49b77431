/**
 * Stochastic gradient descent with PyTorch `torch.optim.SGD(lr, momentum=β, dampening=0, nesterov, weight_decay=λ)`
 * semantics (spec optimizers.md §2), plus decoupled decay W ← W − η λ W. The update is a scalar-weighted combination
 * of gradients and weights, so it runs on any linear representation of W: the d-dimensional weights (dense engine)
 * or the Gram-space vector [a, γ, ρ] (reduced engine) — one routine for both.
 */
import { decoupledDecay } from './decay.js';

/**
 * The hyperparameters of one SGD step.
 * @category Optimizers
 */
export interface SgdOptions {
  /** β ≥ 0 (0: no buffer). */
  momentum: number;
  nesterov: boolean;
  /** λ ≥ 0. */
  weightDecay: number;
  /** true: W ← (1 − ηλ) W before the step (AdamW-style); false: g ← g + λW (PyTorch weight_decay). */
  decoupled: boolean;
}

/**
 * The per-parameter state: the momentum buffer, created at the first step.
 * @category Optimizers
 */
export interface SgdState {
  buffer?: Float64Array;
}

/**
 * One SGD step in place: g = ∇ + λW (coupled), buf = g at the first step and β·buf + g afterwards,
 * d = g + β·buf (Nesterov) or buf, W ← W + (−η)·d — PyTorch's order of operations, so that β = λ = 0 gives
 * W − η∇ bit for bit.
 *
 * @example
 * import { sgdStep } from '@mmcl/infomax/internal';
 * const w = new Float64Array([1, 2]);
 * const state = {};
 * sgdStep(w, new Float64Array([1, 1]), 0.1, { momentum: 0.9, nesterov: false, weightDecay: 0, decoupled: false }, state);
 * sgdStep(w, new Float64Array([1, 1]), 0.1, { momentum: 0.9, nesterov: false, weightDecay: 0, decoupled: false }, state);
 * // [1 − 0.1 − 0.19, 2 − 0.1 − 0.19]
 * Array.from(w, (v) => v.toFixed(12)); // → ['0.710000000000', '1.710000000000']
 * @category Optimizers
 */
export function sgdStep(params: Float64Array, grad: Float64Array, lr: number, options: SgdOptions, state: SgdState): void {
  const { momentum: beta, nesterov, weightDecay: lambda, decoupled } = options;
  const size = params.length;
  let g = grad;
  if (decoupled) {
    decoupledDecay(params, lr, lambda);
  } else if (lambda !== 0) {
    g = new Float64Array(size);
    for (let k = 0; k < size; k++) g[k] = grad[k] + lambda * params[k];
  }
  let direction = g;
  if (beta !== 0) {
    if (!state.buffer) state.buffer = Float64Array.from(g);
    else for (let k = 0; k < size; k++) state.buffer[k] = state.buffer[k] * beta + g[k];
    const buffer = state.buffer;
    if (nesterov) {
      direction = new Float64Array(size);
      for (let k = 0; k < size; k++) direction[k] = g[k] + beta * buffer[k];
    } else {
      direction = buffer;
    }
  }
  const step = -lr;
  for (let k = 0; k < size; k++) params[k] += step * direction[k];
}
