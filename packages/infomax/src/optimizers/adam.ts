/**
 * Adam and AdamW with PyTorch `torch.optim.Adam / AdamW` (single-tensor, non-capturable) semantics
 * (spec optimizers.md §3). Coordinate-wise: the update leaves span{µ, ξ_i}, so only the dense engine runs it.
 */
import { decoupledDecay } from './decay.js';

/**
 * The hyperparameters of one Adam step.
 * @category Optimizers
 */
export interface AdamOptions {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** λ ≥ 0. */
  weightDecay: number;
  /** true (AdamW): W ← (1 − ηλ) W before the step; false (Adam): g ← g + λW. */
  decoupled: boolean;
  /**
   * The first-moment update: 'lerp' m ← m + (1 − β1)(g − m) (PyTorch ≥ 2.0, `exp_avg.lerp_`), or 'classic'
   * m ← m·β1 + (1 − β1)·g (older releases). The two differ by ~1e-16 relative per step.
   */
  momentOrder: 'lerp' | 'classic';
}

/**
 * The per-parameter state: step count and the two moment estimates.
 * @category Optimizers
 */
export interface AdamState {
  step?: number;
  m?: Float64Array;
  v?: Float64Array;
}

/** torch.lerp(start, end, weight) on CPU: start + w(end − start) for w < 0.5, else end − (end − start)(1 − w). */
function lerp(start: number, end: number, weight: number): number {
  return weight < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
}

/**
 * One Adam (or AdamW) step in place, in PyTorch's order: bias corrections 1 − β^t, step size η/(1 − β1^t),
 * denominator √v/√(1 − β2^t) + ε, W ← W + (−step size)·m/denominator.
 *
 * @example
 * import { adamStep } from '@mmcl/infomax/internal';
 * const w = new Float64Array([1]);
 * adamStep(w, new Float64Array([3]), 0.1, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, decoupled: false, momentOrder: 'lerp' }, {});
 * // the first step moves every coordinate by ≈ η
 * w[0].toFixed(6); // → '0.900000'
 * @category Optimizers
 */
export function adamStep(params: Float64Array, grad: Float64Array, lr: number, options: AdamOptions, state: AdamState): void {
  const { beta1, beta2, epsilon, weightDecay: lambda, decoupled } = options;
  const size = params.length;
  state.step = (state.step ?? 0) + 1;
  const m = (state.m ??= new Float64Array(size));
  const v = (state.v ??= new Float64Array(size));
  if (decoupled) decoupledDecay(params, lr, lambda);
  const coupled = lambda !== 0 && !decoupled;
  const weight = 1 - beta1;
  const classic = options.momentOrder === 'classic';
  const bias1 = 1 - beta1 ** state.step;
  const bias2 = 1 - beta2 ** state.step;
  const stepSize = lr / bias1;
  const bias2Sqrt = Math.sqrt(bias2);
  for (let k = 0; k < size; k++) {
    const g = coupled ? grad[k] + lambda * params[k] : grad[k];
    m[k] = classic ? m[k] * beta1 + weight * g : lerp(m[k], g, weight);
    v[k] = v[k] * beta2 + (1 - beta2) * g * g;
    const denominator = Math.sqrt(v[k]) / bias2Sqrt + epsilon;
    params[k] += -stepSize * (m[k] / denominator);
  }
}
