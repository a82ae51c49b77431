/**
 * The extended Gram-space state of one encoder under a span-preserving optimizer (spec optimizers.md §2):
 * W = a W^(0) + γ µ/‖µ‖² + Σ_i ρ_i ξ_i/‖ξ_i‖² is the linear image of the vector [a, γ, ρ], so the SGD update (with
 * momentum, Nesterov, coupled or decoupled decay) runs on that vector exactly as on W, buffers included.
 */
import { accumulate, type CoefficientIncrement } from '../recursion.js';
import type { UpdateRule } from './plan.js';

/**
 * [a, γ (m), ρ (m×n)] in one array, with views.
 * @category Optimizers
 */
export interface CoefficientVector {
  state: Float64Array;
  gamma: Float64Array;
  rho: Float64Array;
}

/**
 * The vector of W^(0): a = 1, γ = ρ = 0.
 *
 * @example
 * import { coefficientVector } from '@mmcl/infomax/internal';
 * coefficientVector(2, 3).state.length; // → 1 + 2 + 6
 * @category Optimizers
 */
export function coefficientVector(m: number, n: number): CoefficientVector {
  const state = new Float64Array(1 + m + m * n);
  state[0] = 1;
  return { state, gamma: state.subarray(1, 1 + m), rho: state.subarray(1 + m) };
}

/**
 * One optimizer step on the vector from the step's increments (recursion.ts). `plain`: the increments were computed
 * with rate η_t/(B m τ) and are the step (GD's arithmetic, bit for bit); otherwise they were computed with rate
 * 1/(B m τ), are −∇ in coefficient form, and go through `rule` with η_t.
 *
 * @example
 * import { applyIncrement, coefficientVector } from '@mmcl/infomax/internal';
 * const x = coefficientVector(1, 1);
 * applyIncrement(x, { gamma: new Float64Array([0.5]), rho: new Float64Array([0.25]) }, true, () => {}, 0.1);
 * x.gamma[0]; // → 0.5
 * @category Optimizers
 */
export function applyIncrement(x: CoefficientVector, increment: CoefficientIncrement, plain: boolean, rule: UpdateRule, lr: number): void {
  if (plain) {
    accumulate(x.gamma, increment.gamma);
    accumulate(x.rho, increment.rho);
    return;
  }
  const m = x.gamma.length;
  const grad = new Float64Array(x.state.length);
  for (let r = 0; r < m; r++) grad[1 + r] = -increment.gamma[r];
  for (let k = 0; k < increment.rho.length; k++) grad[1 + m + k] = -increment.rho[k];
  rule(x.state, grad, lr);
}
