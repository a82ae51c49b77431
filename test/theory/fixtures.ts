/**
 * Small trajectories shared by the theory tests, and a deep copy helper for breaking them on purpose.
 * Not a test file (no .test.ts suffix).
 */
import {
  generateInputs,
  resolveConfig,
  simulate,
  type EncoderTrajectory,
  type SimulationResult,
} from '@mmcl/infomax';
import {
  anchorActivations, coefficientIncrement, encoderData, encoderGram, flatTrajectory, infoNceTerm, innerProducts,
  projectTargets, relu, shapeTrajectory,
} from '@mmcl/infomax/internal';
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
  const { m, n } = result.config;
  const copy = (e: EncoderTrajectory) => shapeTrajectory({ gamma: Float64Array.from(e.gamma.data), rho: Float64Array.from(e.rho.data) }, m, n);
  return {
    ...result,
    loss: Float64Array.from(result.loss),
    h: copy(result.h),
    g: result.g && copy(result.g),
    testAccuracy: Float64Array.from(result.testAccuracy),
  };
}

/** Index of ρ_{r,i}^(t) in the flat trajectory. */
export const rhoIndex = (result: SimulationResult, t: number, r: number, i: number): number =>
  (t * result.config.m + r) * result.config.n + i;

/**
 * A copy of `result` whose coefficients are replaced: gamma(t, r) and rho(t, r, i) give the new values (for the
 * encoder g too, with which = 'g'). Used to build trajectories that satisfy or violate a bound by design.
 */
export function withCoefficients(
  result: SimulationResult,
  gamma: (t: number, r: number, which: 'h' | 'g') => number,
  rho: (t: number, r: number, i: number, which: 'h' | 'g') => number,
): SimulationResult {
  const copy = copyResult(result);
  const { m, n, steps } = result.config;
  const fill = (target: { gamma: Float64Array; rho: Float64Array }, which: 'h' | 'g') => {
    for (let t = 0; t <= steps; t++)
      for (let r = 0; r < m; r++) {
        target.gamma[t * m + r] = gamma(t, r, which);
        for (let i = 0; i < n; i++) target.rho[(t * m + r) * n + i] = rho(t, r, i, which);
      }
  };
  fill(flatTrajectory(copy.h), 'h');
  if (copy.g) fill(flatTrajectory(copy.g), 'g');
  return copy;
}

/** ⟨w_r^(0), µ⟩ and ⟨w_r^(0), ξ_i⟩ of an encoder, straight from the inputs (d-dimensional dot products). */
export function initialProjections(result: SimulationResult, which: 'h' | 'g' = 'h') {
  const { d, m, n } = result.config;
  const W0 = which === 'h' ? result.inputs.W0 : result.inputs.W0Tilde!;
  const mu = which === 'h' ? result.inputs.mu : result.inputs.muTilde!;
  const xi = which === 'h' ? result.inputs.xi : result.inputs.xiTilde!;
  const P = new Float64Array(m);
  const Q = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let k = 0; k < d; k++) P[r] += W0[r * d + k] * mu[k];
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) Q[r * n + i] += W0[r * d + k] * xi[i * d + k];
  }
  return { P, Q };
}

/**
 * A trajectory from an engine with a wrong sign in the Δρ recursion: the negatives' term −Σ_j ℓ'_{i,j} h_r(ξ_j) of
 * Eqs. (13) / (16) / (18) enters with + instead of −. Built from @mmcl/infomax's own step pieces (the logits, the
 * softmax and coefficientIncrement), exactly as the engine would run with that bug in recursion.ts. With
 * flip = false it is the engine's own trajectory (the control).
 */
export function wrongSignRun(raw: Record<string, unknown>, flip = true): SimulationResult {
  const config = resolveConfig(raw);
  const inputs = generateInputs(config);
  const { m, n, steps, tau, eta } = config;
  const rate = eta / (n * m * tau);
  const encoders = config.mode === 'single' ? (['h'] as const) : (['h', 'g'] as const);
  const data = encoders.map((which) => encoderData(config, inputs, which));
  const grams = data.map(encoderGram);
  const shifted = new Float64Array(n * config.d);
  for (let k = 0; k < shifted.length; k++) shifted[k] = inputs.xi[k] + inputs.eps[k];
  const onShifted = projectTargets(data[0], shifted, n);
  const state = encoders.map(() => ({ gamma: new Float64Array(m), rho: new Float64Array(m * n) }));
  const record = encoders.map(() => ({ gamma: new Float64Array((steps + 1) * m), rho: new Float64Array((steps + 1) * m * n) }));
  const loss = new Float64Array(steps + 1);
  const silent = { signal: new Float64Array(m * n), noise: new Float64Array(m * n) };
  for (let t = 0; t <= steps; t++) {
    state.forEach((s, k) => (record[k].gamma.set(s.gamma, t * m), record[k].rho.set(s.rho, t * m * n)));
    const acts = state.map((s, k) => {
      const u = innerProducts(grams[k], s.gamma, s.rho, grams[k].onMu);
      const v = innerProducts(grams[k], s.gamma, s.rho, grams[k].onXi);
      return anchorActivations(u, v, inputs.y);
    });
    const terms = acts.map((anchor, k) => {
      const partner = config.mode === 'single' ? anchor : acts[1 - k];
      const positive =
        config.mode === 'single'
          ? { signal: anchor.signal, noise: relu(innerProducts(grams[0], state[0].gamma, state[0].rho, onShifted)) }
          : partner;
      const term = infoNceTerm(anchor, positive, partner, inputs.negatives, inputs.negativeOffsets, tau);
      const right = coefficientIncrement(anchor, positive, partner, term, inputs.y, grams[k].a, grams[k].q, rate);
      const negativesOnly = coefficientIncrement(anchor, silent, partner, term, inputs.y, grams[k].a, grams[k].q, rate);
      if (flip) for (let x = 0; x < m * n; x++) right.rho[x] -= 2 * negativesOnly.rho[x];
      return { term, increment: right };
    });
    loss[t] = terms.reduce((sum, { term }) => sum + term.loss, 0);
    if (t < steps) terms.forEach(({ increment }, k) => {
      for (let r = 0; r < m; r++) state[k].gamma[r] += increment.gamma[r];
      for (let x = 0; x < m * n; x++) state[k].rho[x] += increment.rho[x];
    });
  }
  return {
    config,
    inputs,
    loss,
    h: shapeTrajectory(record[0], m, n),
    g: record[1] && shapeTrajectory(record[1], m, n),
    evalSteps: new Int32Array(0),
    testAccuracy: new Float64Array(0),
    wallTimeMs: 0,
  };
}
