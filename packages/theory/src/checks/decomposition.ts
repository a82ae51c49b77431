/**
 * Spec §9.1, decomposition exactness, checked against computations that share no code with the engine
 * (packages/infomax dynamics.ts, recursion.ts, infonce.ts): every GD step moves (γ, ρ) by exactly the increments of
 * Lemma 5.1 (Eqs. 12–13) or Lemma 5.3 (Eqs. 15–18), recomputed in paperDynamics.ts from the printed equations and
 * Gram quantities taken there; for small m·n·d·T also through d-dimensional weights rebuilt from the coefficients,
 * moved by the printed weight update and decomposed again by least squares (weightSpace.ts). The recorded loss must
 * be the loss of the decomposed weights. Optionally the trajectory is compared with one from the other engine.
 */
import type { CoefficientTrajectory, SimulationResult } from '@mmcl/infomax';
import { flatTrajectory } from '@mmcl/infomax/internal';
import { encodersOf, type TrajectoryContext } from '../context.js';
import { MarginTracker } from '../margin.js';
import { paperBasis, paperIncrements, paperPreActivations, paperStep } from '../paperDynamics.js';
import type { CheckResult } from '../types.js';
import { applyWeightUpdate, leastSquaresCoefficients, rebuildWeights, weightPreActivations, weightSpace } from '../weightSpace.js';
import { fmt, fromTracker, undecided } from './common.js';

const STATEMENT =
  'Lemma 5.1/5.3: w_r^(t) = w_r^(0) + γ_r µ/‖µ‖² + Σ_i ρ_{r,i} ξ_i/‖ξ_i‖², with (γ, ρ) following Eqs. (12)–(13) / (15)–(18) from 0';

/**
 * The d-dimensional route runs when m·n·d·T is at most this [choice]: it costs a few O(m n d) passes per step
 * (about a second at this size); the Gram-space route runs on every configuration.
 * @category Checks
 */
export const WEIGHT_SPACE_BUDGET = 5e7;

/**
 * The recursion residual: at each step, |(coefficient^(t+1) − coefficient^(t)) − increment^(t)| against
 * tolerance × the step's largest coefficient or increment, with the increment from the paper's equations; plus
 * γ^(0) = ρ^(0) = 0, the recorded loss, and (small runs) the least-squares coefficients of the updated weights.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkDecomposition } from '@mmcl/theory';
 * checkDecomposition(trajectoryContext(simulate(resolveConfig({ d: 64, n: 6, m: 3, steps: 5 })))).holds; // → true
 * @category Checks
 */
export function checkDecomposition(context: TrajectoryContext): CheckResult {
  const { config, steps, m, n, y, options, result } = context;
  const optimizer = config.optimizer;
  if (optimizer && !(optimizer.name === 'sgd' && !optimizer.momentum && optimizer.batchSize === 'full' && optimizer.weightDecay === 0 && optimizer.schedule === 'constant' && optimizer.warmupSteps === 0))
    return undecided('Lemma 5.1/5.3', STATEMENT, 'exact', `not applicable: Eqs. (12)–(18) are the recursions of full-batch GD with constant η; this run uses ${optimizer.name} (the §8.5 engine cross-check still compares the engines)`);
  const tolerance = options.identityTolerance;
  const rate = config.eta / (n * m * config.tau);
  const tracker = new MarginTracker();
  const encoders = encodersOf(context).map(([encoder, track]) => ({ encoder, track, basis: paperBasis(result, encoder) }));
  // The d-dimensional route needs the vectors themselves (a Gram-sampled run has none).
  const dense = result.inputs.xi.length === n * config.d && m * n * config.d * steps <= WEIGHT_SPACE_BUDGET;
  const spaces = dense ? encoders.map(({ encoder }) => weightSpace(result, encoder)) : undefined;
  const at = (track: (typeof encoders)[number]['track'], t: number) => ({
    gamma: track.coefficients.gamma.subarray(t * m, (t + 1) * m),
    rho: track.coefficients.rho.subarray(t * m * n, (t + 1) * m * n),
  });
  let worstRelative = 0;
  let worstDense = 0;
  let worstResidual = 0;
  let worstLoss = 0;
  /** Compare the recorded coefficients at t + 1 with `expected` (increments added to step t, or absolute values). */
  const compare = (
    encoder: 'h' | 'g',
    t: number,
    expected: { gamma: Float64Array; rho: Float64Array },
    absolute: boolean,
    track: (typeof encoders)[number]['track'],
  ): number => {
    const now = at(track, t);
    const next = at(track, t + 1);
    let scale = Number.MIN_VALUE;
    for (let r = 0; r < m; r++) scale = Math.max(scale, Math.abs(next.gamma[r]), Math.abs(expected.gamma[r]));
    for (let k = 0; k < m * n; k++) scale = Math.max(scale, Math.abs(next.rho[k]), Math.abs(expected.rho[k]));
    let worst = 0;
    for (let r = 0; r < m; r++) {
      const moved = absolute ? next.gamma[r] : next.gamma[r] - now.gamma[r];
      const residual = Math.abs(moved - expected.gamma[r]);
      worst = Math.max(worst, residual / scale);
      tracker.offer(tolerance * scale - residual, { step: t + 1, neuron: r, encoder });
    }
    for (let r = 0; r < m; r++)
      for (let i = 0; i < n; i++) {
        const k = r * n + i;
        const moved = absolute ? next.rho[k] : next.rho[k] - now.rho[k];
        const residual = Math.abs(moved - expected.rho[k]);
        worst = Math.max(worst, residual / scale);
        tracker.offer(tolerance * scale - residual, { step: t + 1, neuron: r, sample: i, encoder });
      }
    return worst;
  };
  for (const { encoder, track } of encoders) {
    const { gamma, rho } = at(track, 0);
    let initial = 0;
    for (const x of gamma) initial = Math.max(initial, Math.abs(x));
    for (const x of rho) initial = Math.max(initial, Math.abs(x));
    tracker.offer(-initial, { step: 0, encoder });
  }
  for (let t = 0; t <= steps; t++) {
    const pre = encoders.map(({ track, basis }) => {
      const { gamma, rho } = at(track, t);
      return paperPreActivations(basis, gamma, rho);
    });
    const paper = paperStep(result, pre);
    const gap = Math.abs(result.loss[t] - paper.loss);
    worstLoss = Math.max(worstLoss, gap / Math.max(1, paper.loss));
    tracker.offer(tolerance * Math.max(1, paper.loss) - gap, { step: t });
    if (t === steps) break;
    encoders.forEach(({ encoder, track, basis }, k) => {
      const increments = paperIncrements(basis, paper.brackets[k], y, rate);
      worstRelative = Math.max(worstRelative, compare(encoder, t, increments, false, track));
    });
    if (spaces) {
      const weights = encoders.map(({ track }, k) => {
        const { gamma, rho } = at(track, t);
        return rebuildWeights(spaces[k], gamma, rho);
      });
      const moved = paperStep(result, weights.map((W, k) => weightPreActivations(spaces[k], W)));
      encoders.forEach(({ encoder, track }, k) => {
        applyWeightUpdate(spaces[k], weights[k], moved.brackets[k], y, rate);
        const fit = leastSquaresCoefficients(spaces[k], weights[k]);
        worstResidual = Math.max(worstResidual, fit.residual);
        worstDense = Math.max(worstDense, compare(encoder, t, fit, true, track));
      });
    }
  }
  const route = spaces
    ? `; d-dimensional route (weights rebuilt, moved by Eq. (${config.mode === 'single' ? '7' : '10'}), least squares): largest gap ${fmt(worstDense)}, span residual ${fmt(worstResidual)}`
    : result.inputs.xi.length !== n * config.d
      ? '; d-dimensional route not possible (Gram-sampled inputs: the basis is the Gram block)'
      : `; d-dimensional route skipped (m·n·d·T = ${fmt(m * n * config.d * steps)} > ${fmt(WEIGHT_SPACE_BUDGET)})`;
  return fromTracker(
    'Lemma 5.1/5.3',
    STATEMENT,
    'exact',
    tracker,
    `against an independent Gram-space recomputation of Eqs. (${config.mode === 'single' ? '12)–(13' : '15)–(18'}): largest one-step residual ${fmt(worstRelative)} (relative to the step's largest coefficient), recorded vs recomputed loss ${fmt(worstLoss)}${route}; tolerance ${tolerance}`,
    Math.max(worstRelative, worstDense),
  );
}

/**
 * Agreement of two trajectories of the same configuration from different engines (dense autodiff with
 * least-squares coefficients vs reduced Gram space): max |Δγ|, |Δρ| relative to the largest coefficient.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { checkEngineAgreement } from '@mmcl/theory';
 * const config = resolveConfig({ d: 64, n: 6, m: 3, steps: 5 });
 * checkEngineAgreement(simulate(config), simulate({ ...config, engine: 'dense' }), 1e-9).holds; // → true
 * @category Checks
 */
export function checkEngineAgreement(a: SimulationResult, b: SimulationResult, tolerance: number): CheckResult {
  const tracker = new MarginTracker();
  const { m, n, steps } = a.config;
  let worst = 0;
  const pairs: Array<['h' | 'g', CoefficientTrajectory, CoefficientTrajectory | undefined]> = [['h', flatTrajectory(a.h), flatTrajectory(b.h)]];
  if (a.g) pairs.push(['g', flatTrajectory(a.g), b.g && flatTrajectory(b.g)]);
  for (const [encoder, x, z] of pairs) {
    if (!z || z.gamma.length !== x.gamma.length) {
      tracker.offer(Number.NEGATIVE_INFINITY, { encoder });
      continue;
    }
    for (let t = 0; t <= steps; t++) {
      let scale = 1;
      for (let r = 0; r < m; r++) scale = Math.max(scale, Math.abs(x.gamma[t * m + r]));
      for (let k = 0; k < m * n; k++) scale = Math.max(scale, Math.abs(x.rho[t * m * n + k]));
      let gap = 0;
      let where = { step: t, neuron: 0, sample: undefined as number | undefined, encoder };
      for (let r = 0; r < m; r++) {
        const diff = Math.abs(x.gamma[t * m + r] - z.gamma[t * m + r]);
        if (diff > gap) (gap = diff), (where = { step: t, neuron: r, sample: undefined, encoder });
      }
      for (let k = 0; k < m * n; k++) {
        const diff = Math.abs(x.rho[t * m * n + k] - z.rho[t * m * n + k]);
        if (diff > gap) (gap = diff), (where = { step: t, neuron: Math.floor(k / n), sample: k % n, encoder });
      }
      worst = Math.max(worst, gap / scale);
      const location = where.sample === undefined ? { step: t, neuron: where.neuron, encoder } : where;
      tracker.offer(tolerance * scale - gap, location as { step: number; neuron: number; encoder: 'h' | 'g' });
    }
  }
  return fromTracker(
    '§8.5 engines',
    `${a.config.engine} and ${b.config.engine} engines give the same (γ, ρ): the Gram-space dynamics are the d-dimensional dynamics`,
    'exact',
    tracker,
    `largest coefficient gap ${fmt(worst)} relative to max(1, largest coefficient); tolerance ${tolerance}`,
    worst,
  );
}
