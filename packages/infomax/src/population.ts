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
 * import { resolveConfig, generateInputs, populationError } from '@mmcl/infomax';
 * const config = resolveConfig({ d: 50, n: 10, m: 2 });
 * const W = generateInputs(config).W0;
 * populationError(config, W, { weights: new Float64Array(2), bias: 1, iterations: 0 }, 1000); // ≈ 0.5
 */
export function populationError(config: InfomaxConfig, W: Float64Array, head: ProbeHead, count: number): number {
  const { m, d } = config;
  const sampler = populationSampler(config);
  const innerNu = matmul(W, sampler.nu, m, d, 1);
  // Blocks of 1000 samples keep memory small for large counts; the block size fixes the draw order.
  const block = 1000;
  let correct = 0;
  for (let start = 0; start < count; start += block) {
    const size = Math.min(block, count - start);
    const { y, zeta } = sampler.next(size);
    const features = embedTestSamples(innerNu, matmul(W, zeta, m, d, size, false, true), y);
    correct += Math.round(probeAccuracy(head, features, y, 0, size) * size);
  }
  return 1 - correct / count;
}
