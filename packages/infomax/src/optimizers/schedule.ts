/**
 * Learning-rate schedules in closed form (spec optimizers.md §2), so that a replay with PyTorch's LambdaLR computes
 * the same η_t: η_t = η · f(t) with f the product of the schedule factor and the linear warm-up factor.
 */
import type { OptimizerConfig } from '../types.js';

/**
 * The factor f(t) of step t = 0, 1, … (the step that produces W^(t+1)):
 * constant 1; step γ^⌊t/k⌋; cosine f_min + (1 − f_min)(1 + cos(π min(t, T)/T))/2; times min(1, (t + 1)/w) during
 * a warm-up of w steps.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { learningRateFactor } from '@mmcl/infomax/internal';
 * const { optimizer } = resolveConfig({ optimizer: { name: 'sgd', schedule: 'step', stepEvery: 10, stepFactor: 0.5 } });
 * learningRateFactor(optimizer, 25); // → 0.25
 * @category Optimizers
 */
export function learningRateFactor(optimizer: OptimizerConfig, t: number): number {
  let factor = 1;
  if (optimizer.schedule === 'step') {
    factor = optimizer.stepFactor! ** Math.floor(t / optimizer.stepEvery!);
  } else if (optimizer.schedule === 'cosine') {
    const horizon = optimizer.cosineSteps!;
    const low = optimizer.minFactor!;
    factor = low + ((1 - low) * (1 + Math.cos((Math.PI * Math.min(t, horizon)) / horizon))) / 2;
  }
  const warmup = optimizer.warmupSteps;
  if (t < warmup) factor = (factor * (t + 1)) / warmup;
  return factor;
}

/**
 * η_t = η · f(t); exactly η for the constant schedule without warm-up.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { learningRate } from '@mmcl/infomax/internal';
 * const { optimizer } = resolveConfig({ optimizer: { name: 'sgd', warmupSteps: 4 } });
 * learningRate(optimizer, 0.1, 0); // → 0.025
 * @category Optimizers
 */
export function learningRate(optimizer: OptimizerConfig, eta: number, t: number): number {
  if (optimizer.schedule === 'constant' && optimizer.warmupSteps === 0) return eta;
  return eta * learningRateFactor(optimizer, t);
}
