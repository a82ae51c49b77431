/**
 * Small trajectories shared by the theory tests, and a deep copy helper for breaking them on purpose.
 * Not a test file (no .test.ts suffix).
 */
import { simulate, type SimulationResult } from '@mmcl/infomax';
import { configInsideAssumptions, type RegimeParameters } from '@mmcl/theory';

export const smallParameters = (mode: 'single' | 'multi'): RegimeParameters => ({
  mode,
  n: 6,
  m: 3,
  initScale: 0.5,
  dFactor: 4,
  nSnr2: 1.75,
  cMu: 3,
  etaFraction: 1,
  tau: 0.5,
  extraSteps: 60,
  seed: 1,
});

const cache = new Map<string, SimulationResult>();

/** A cached small in-regime trajectory; callers must not mutate it (use {@link copyResult}). */
export function smallRun(mode: 'single' | 'multi'): SimulationResult {
  let result = cache.get(mode);
  if (!result) {
    result = simulate(configInsideAssumptions(smallParameters(mode)));
    cache.set(mode, result);
  }
  return result;
}

/** A deep copy of the trajectory arrays (inputs are shared: the checks never write to them). */
export function copyResult(result: SimulationResult): SimulationResult {
  return {
    ...result,
    loss: Float64Array.from(result.loss),
    first: { gamma: Float64Array.from(result.first.gamma), rho: Float64Array.from(result.first.rho) },
    second: result.second && { gamma: Float64Array.from(result.second.gamma), rho: Float64Array.from(result.second.rho) },
    testAccuracy: Float64Array.from(result.testAccuracy),
  };
}

/** Index of ρ_{r,i}^(t) in the flat trajectory. */
export const rhoIndex = (result: SimulationResult, t: number, r: number, i: number): number =>
  (t * result.config.m + r) * result.config.n + i;
