/**
 * RMSProp with PyTorch `torch.optim.RMSprop(lr, alpha, eps, weight_decay)` semantics (centered = False,
 * momentum = 0), plus decoupled decay. Coordinate-wise: dense engine only.
 */
import { decoupledDecay } from './decay.js';

/**
 * The hyperparameters of one RMSProp step.
 * @category Optimizers
 */
export interface RmspropOptions {
  /** Smoothing constant α of the squared-gradient average. */
  alpha: number;
  epsilon: number;
  weightDecay: number;
  decoupled: boolean;
}

/**
 * The per-parameter state: the running average of g².
 * @category Optimizers
 */
export interface RmspropState {
  square?: Float64Array;
}

/**
 * One RMSProp step in place: v ← α v + (1 − α) g², W ← W + (−η)·g/(√v + ε).
 *
 * @example
 * import { rmspropStep } from '@mmcl/infomax/internal';
 * const w = new Float64Array([1]);
 * rmspropStep(w, new Float64Array([2]), 0.01, { alpha: 0.99, epsilon: 1e-8, weightDecay: 0, decoupled: false }, {});
 * // ≈ 1 − 0.01·2/0.2
 * w[0].toFixed(6); // → '0.900000'
 * @category Optimizers
 */
export function rmspropStep(params: Float64Array, grad: Float64Array, lr: number, options: RmspropOptions, state: RmspropState): void {
  const { alpha, epsilon, weightDecay: lambda, decoupled } = options;
  const size = params.length;
  const square = (state.square ??= new Float64Array(size));
  if (decoupled) decoupledDecay(params, lr, lambda);
  const coupled = lambda !== 0 && !decoupled;
  for (let k = 0; k < size; k++) {
    const g = coupled ? grad[k] + lambda * params[k] : grad[k];
    square[k] = square[k] * alpha + (1 - alpha) * g * g;
    params[k] += -lr * (g / (Math.sqrt(square[k]) + epsilon));
  }
}
