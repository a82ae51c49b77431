/**
 * Sign descent W ← W − η sign(∇L) with sign(0) = 0 (spec optimizers.md §3), with coupled (g + λW) or decoupled
 * weight decay. Coordinate-wise: dense engine only.
 */
import { decoupledDecay } from './decay.js';

/**
 * The hyperparameters of one sign-descent step.
 * @category Optimizers
 */
export interface SignGdOptions {
  weightDecay: number;
  decoupled: boolean;
}

/**
 * One sign-descent step in place.
 *
 * @example
 * import { signGdStep } from '@mmcl/infomax/internal';
 * const w = new Float64Array([1, 1, 1]);
 * signGdStep(w, new Float64Array([-3, 0, 2]), 0.1, { weightDecay: 0, decoupled: false });
 * w; // → [1.1, 1, 0.9]
 * @category Optimizers
 */
export function signGdStep(params: Float64Array, grad: Float64Array, lr: number, options: SignGdOptions): void {
  const { weightDecay: lambda, decoupled } = options;
  const size = params.length;
  if (decoupled) decoupledDecay(params, lr, lambda);
  const coupled = lambda !== 0 && !decoupled;
  for (let k = 0; k < size; k++) {
    const g = coupled ? grad[k] + lambda * params[k] : grad[k];
    params[k] += -lr * Math.sign(g);
  }
}
