/**
 * Adam hyper-parameters (PyTorch names and defaults, lr and weight decay from spec §3.2).
 * @category Training
 */
export interface AdamOptions {
  learningRate: number;
  /** Coupled L2 decay: wd·θ is added to the gradient before the moments (PyTorch Adam, not AdamW). */
  weightDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Paper 2's Adam settings: learning rate 1e-4, weight decay 1e-4, β = (0.9, 0.999), ε = 1e-8.
 * @category Training
 */
export const DEFAULT_ADAM: AdamOptions = { learningRate: 1e-4, weightDecay: 1e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/**
 * First and second moments and the step counter of one Adam optimiser over a flat parameter vector.
 * @category Training
 */
export interface AdamState {
  readonly firstMoment: Float64Array;
  readonly secondMoment: Float64Array;
  step: number;
}

/**
 * Zero moments and step 0 for `size` parameters.
 *
 * @example
 * createAdamState(3).step; // → 0
 * @category Training
 */
export function createAdamState(size: number): AdamState {
  return { firstMoment: new Float64Array(size), secondMoment: new Float64Array(size), step: 0 };
}

/**
 * One Adam step in place, in the exact operation order of PyTorch's single-tensor Adam (torch.optim.Adam with
 * weight_decay, spec §6.3), so that runs started from the same weights agree with PyTorch to rounding:
 *   g ← g + wd·θ;  m ← m + (1 − β1)(g − m)  (lerp);  v ← β2·v + (1 − β2)·g·g;
 *   θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps).
 * Parameters whose `frozen` flag is set (fixed-temperature mode) are left untouched.
 *
 * @example
 * const theta = new Float64Array([1]);
 * adamStep(theta, new Float64Array([0.5]), createAdamState(1), DEFAULT_ADAM);
 * // the first step moves by ≈ lr
 * theta[0].toFixed(6); // → '0.999900'
 * @category Training
 */
export function adamStep(parameters: Float64Array, gradient: Float64Array, state: AdamState, options: AdamOptions, frozen?: Uint8Array): void {
  state.step += 1;
  const { learningRate, weightDecay, beta1, beta2, epsilon } = options;
  const stepSize = learningRate / (1 - beta1 ** state.step);
  const correction2Sqrt = Math.sqrt(1 - beta2 ** state.step);
  const m = state.firstMoment;
  const v = state.secondMoment;
  const mixFirst = 1 - beta1;
  const mixSecond = 1 - beta2;
  for (let i = 0; i < parameters.length; i++) {
    if (frozen !== undefined && frozen[i] === 1) continue;
    const g = gradient[i] + weightDecay * parameters[i];
    m[i] += mixFirst * (g - m[i]);
    v[i] = v[i] * beta2 + mixSecond * g * g;
    parameters[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / correction2Sqrt + epsilon);
  }
}
