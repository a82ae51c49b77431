/**
 * The population 0-1 error of the theory (spec §1.4): L_Dtest = P[y f(x_test) < 0] for the linear head f on the frozen
 * embedding, estimated on a large fresh sample of D_test.
 */
import { populationSampler } from './data.js';
import { matmul } from './linalg.js';
import { embedTestSamples, probeAccuracy, type ProbeHead } from './probe.js';
import type { InfomaxConfig } from './types.js';

/**
 * Estimate P[y f(x_test) ≤ 0] for the head on the embedding of weights W (m×d), on `count` fresh samples drawn from
 * the seed's probe stream (the same ν as the run's own test set). The standard error is √(p(1−p)/count).
 *
 * @example
 * import { resolveConfig, generateInputs } from '@mmcl/infomax';
 * import { populationError } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 50, n: 10, m: 2 });
 * const W = generateInputs(config).W0;
 * // a constant head is right on about half of the population
 * Math.abs(populationError(config, W, { weights: new Float64Array(2), bias: 1, iterations: 0 }, 1000) - 0.5) < 0.1; // → true
 * @category Evaluation
 */
export function populationError(config: InfomaxConfig, W: Float64Array, head: ProbeHead, count: number): number {
  const { m, d } = config;
  const sampler = populationSampler(config);
  const innerNu = matmul(W, sampler.nu, m, d, 1);
  return errorOverBlocks(head, innerNu, count, (size) => {
    const { y, zeta } = sampler.next(size);
    return { y, innerZeta: matmul(W, zeta, m, d, size, false, true) };
  });
}

/**
 * 1 − accuracy of the head over `count` fresh samples, drawn by `next(size)` in blocks of 1000 (the block size fixes
 * the draw order and keeps memory small): each block gives labels y (size) and ⟨w_r, ζ_k⟩ (m×size). Internal (also
 * used by gramPopulation.ts).
 */
export function errorOverBlocks(
  head: ProbeHead,
  innerNu: Float64Array,
  count: number,
  next: (size: number) => { y: Float64Array; innerZeta: Float64Array },
): number {
  const block = 1000;
  let correct = 0;
  for (let start = 0; start < count; start += block) {
    const size = Math.min(block, count - start);
    const { y, innerZeta } = next(size);
    const features = embedTestSamples(innerNu, innerZeta, y);
    correct += Math.round(probeAccuracy(head, features, y, 0, size) * size);
  }
  return 1 - correct / count;
}
