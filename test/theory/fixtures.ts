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

/**
 * A copy of `result` whose coefficients are replaced: gamma(t, r) and rho(t, r, i) give the new values (for the
 * second encoder too, with which = 'second'). Used to build trajectories that satisfy or violate a bound by design.
 */
export function withCoefficients(
  result: SimulationResult,
  gamma: (t: number, r: number, which: 'first' | 'second') => number,
  rho: (t: number, r: number, i: number, which: 'first' | 'second') => number,
): SimulationResult {
  const copy = copyResult(result);
  const { m, n, steps } = result.config;
  const fill = (target: { gamma: Float64Array; rho: Float64Array }, which: 'first' | 'second') => {
    for (let t = 0; t <= steps; t++)
      for (let r = 0; r < m; r++) {
        target.gamma[t * m + r] = gamma(t, r, which);
        for (let i = 0; i < n; i++) target.rho[(t * m + r) * n + i] = rho(t, r, i, which);
      }
  };
  fill(copy.first, 'first');
  if (copy.second) fill(copy.second, 'second');
  return copy;
}

/** ⟨w_r^(0), µ⟩ and ⟨w_r^(0), ξ_i⟩ of an encoder, straight from the inputs (d-dimensional dot products). */
export function initialProjections(result: SimulationResult, which: 'first' | 'second' = 'first') {
  const { d, m, n } = result.config;
  const W0 = which === 'first' ? result.inputs.W0 : result.inputs.W0Tilde!;
  const mu = which === 'first' ? result.inputs.mu : result.inputs.muTilde!;
  const xi = which === 'first' ? result.inputs.xi : result.inputs.xiTilde!;
  const P = new Float64Array(m);
  const Q = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let k = 0; k < d; k++) P[r] += W0[r * d + k] * mu[k];
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) Q[r * n + i] += W0[r * d + k] * xi[i * d + k];
  }
  return { P, Q };
}
