/** Decoupled weight decay, shared by every optimizer that offers it. */

/**
 * W ← (1 − ηλ) W in place (PyTorch AdamW's `param.mul_(1 − lr·weight_decay)`); a no-op for λ = 0.
 *
 * @example
 * import { decoupledDecay } from '@mmcl/infomax/internal';
 * const w = new Float64Array([2]);
 * decoupledDecay(w, 0.1, 0.5);
 * // 2 · 0.95
 * w[0]; // → 1.9
 * @category Optimizers
 */
export function decoupledDecay(params: Float64Array, lr: number, lambda: number): void {
  if (lambda === 0) return;
  const shrink = 1 - lr * lambda;
  for (let k = 0; k < params.length; k++) params[k] *= shrink;
}
