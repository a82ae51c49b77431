// Adam (Kingma & Ba 2015) on a list of float64 parameter tensors, updated in place.
//
// Kept compact and explicit so the update order, hence the rounding, is fixed: one pass over each parameter array
// in index order. Its state (step count and both moment arrays) is plain data, so a run can be saved and resumed
// bit for bit.
import type { Tensor } from '@mmcl/autodiff';

/** Adam's hyper-parameters (the usual defaults besides the learning rate). */
export interface AdamConfig {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/** Adam's state: the number of steps taken and the first and second moment estimates, one array per parameter. */
export interface AdamState {
  step: number;
  readonly firstMoments: Float64Array[];
  readonly secondMoments: Float64Array[];
}

/** A zero state for the given parameters. */
export function initAdam(parameters: readonly Tensor[]): AdamState {
  return {
    step: 0,
    firstMoments: parameters.map((p) => new Float64Array(p.size)),
    secondMoments: parameters.map((p) => new Float64Array(p.size)),
  };
}

/** One Adam step: updates `parameters[k].data` in place from `gradients[k]`. */
export function adamStep(parameters: readonly Tensor[], gradients: readonly Tensor[], state: AdamState, config: AdamConfig): void {
  const beta1 = config.beta1 ?? 0.9;
  const beta2 = config.beta2 ?? 0.999;
  const epsilon = config.epsilon ?? 1e-8;
  state.step += 1;
  const stepSize = (config.learningRate * Math.sqrt(1 - beta2 ** state.step)) / (1 - beta1 ** state.step);
  for (let k = 0; k < parameters.length; k++) {
    const value = parameters[k].data;
    const gradient = gradients[k].data;
    const first = state.firstMoments[k];
    const second = state.secondMoments[k];
    for (let i = 0; i < value.length; i++) {
      first[i] = beta1 * first[i] + (1 - beta1) * gradient[i];
      second[i] = beta2 * second[i] + (1 - beta2) * gradient[i] * gradient[i];
      value[i] -= (stepSize * first[i]) / (Math.sqrt(second[i]) + epsilon);
    }
  }
}
