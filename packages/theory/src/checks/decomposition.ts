/**
 * Spec §9.1, decomposition exactness: every GD step moves (γ, ρ) by exactly the increments of Lemma 5.1
 * (Eqs. 12–13) or Lemma 5.3 (Eqs. 15–18), starting from zero, and the recorded loss is the loss of the
 * decomposed weights. Optionally the trajectory is compared with one from the other engine (dense d-dimensional
 * autodiff with least-squares coefficients vs reduced Gram-space dynamics).
 */
import { coefficientIncrement, type SimulationResult } from '@mmcl/infomax';
import { encodersOf, termActivations, termAt, type TrajectoryContext } from '../context.js';
import { MarginTracker } from '../margin.js';
import type { CheckResult } from '../types.js';
import { fmt, fromTracker } from './common.js';

const STATEMENT =
  'Lemma 5.1/5.3: w_r^(t) = w_r^(0) + γ_r µ/‖µ‖² + Σ_i ρ_{r,i} ξ_i/‖ξ_i‖², with (γ, ρ) following Eqs. (12)–(13) / (15)–(18) from 0';

/**
 * The recursion residual: at each step, |(coefficient^(t+1) − coefficient^(t)) − increment^(t)| against
 * tolerance × the step's largest coefficient or increment; plus γ^(0) = ρ^(0) = 0 and the recorded loss.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkDecomposition } from '@mmcl/theory';
 * checkDecomposition(trajectoryContext(simulate(resolveConfig({ d: 64, n: 6, m: 3, steps: 5 })))).holds; // true
 */
export function checkDecomposition(context: TrajectoryContext): CheckResult {
  const { config, steps, m, n, y, options } = context;
  const tolerance = options.identityTolerance;
  const rate = config.eta / (n * m * config.tau);
  const tracker = new MarginTracker();
  let worstRelative = 0;
  for (const [encoder, track] of encodersOf(context)) {
    const { gamma, rho } = track.coefficients;
    let initial = 0;
    for (let k = 0; k < m; k++) initial = Math.max(initial, Math.abs(gamma[k]));
    for (let k = 0; k < m * n; k++) initial = Math.max(initial, Math.abs(rho[k]));
    tracker.offer(-initial, { step: 0, encoder });
    for (let t = 0; t < steps; t++) {
      const activations = termActivations(context, t, encoder);
      const { anchor, positive, negative } = activations;
      const probabilities = termAt(context, t, encoder, activations);
      const step = coefficientIncrement(anchor, positive, negative, probabilities, y, track.gram.a, track.gram.q, rate);
      let scale = Number.MIN_VALUE;
      for (let r = 0; r < m; r++) scale = Math.max(scale, Math.abs(gamma[(t + 1) * m + r]), Math.abs(step.gamma[r]));
      for (let k = 0; k < m * n; k++) scale = Math.max(scale, Math.abs(rho[(t + 1) * m * n + k]), Math.abs(step.rho[k]));
      for (let r = 0; r < m; r++) {
        const residual = Math.abs(gamma[(t + 1) * m + r] - gamma[t * m + r] - step.gamma[r]);
        worstRelative = Math.max(worstRelative, residual / scale);
        tracker.offer(tolerance * scale - residual, { step: t + 1, neuron: r, encoder });
      }
      for (let r = 0; r < m; r++) {
        for (let i = 0; i < n; i++) {
          const k = r * n + i;
          const residual = Math.abs(rho[(t + 1) * m * n + k] - rho[t * m * n + k] - step.rho[k]);
          worstRelative = Math.max(worstRelative, residual / scale);
          tracker.offer(tolerance * scale - residual, { step: t + 1, neuron: r, sample: i, encoder });
        }
      }
    }
  }
  let worstLoss = 0;
  for (let t = 0; t <= steps; t++) {
    const recomputed = context.firstTerm[t].loss + (context.secondTerm ? context.secondTerm[t].loss : 0);
    const gap = Math.abs(context.result.loss[t] - recomputed);
    worstLoss = Math.max(worstLoss, gap / Math.max(1, recomputed));
    tracker.offer(tolerance * Math.max(1, recomputed) - gap, { step: t });
  }
  return fromTracker(
    'Lemma 5.1/5.3',
    STATEMENT,
    'exact',
    tracker,
    `largest one-step residual ${fmt(worstRelative)} (relative to the step's largest coefficient), recorded vs recomputed loss ${fmt(worstLoss)}; tolerance ${tolerance}`,
    worstRelative,
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
 * checkEngineAgreement(simulate(config), simulate({ ...config, engine: 'dense' }), 1e-9).holds; // true
 */
export function checkEngineAgreement(a: SimulationResult, b: SimulationResult, tolerance: number): CheckResult {
  const tracker = new MarginTracker();
  const { m, n, steps } = a.config;
  let worst = 0;
  const pairs: Array<['first' | 'second', typeof a.first, typeof b.first | undefined]> = [['first', a.first, b.first]];
  if (a.second) pairs.push(['second', a.second, b.second]);
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
        const g = Math.abs(x.gamma[t * m + r] - z.gamma[t * m + r]);
        if (g > gap) (gap = g), (where = { step: t, neuron: r, sample: undefined, encoder });
      }
      for (let k = 0; k < m * n; k++) {
        const g = Math.abs(x.rho[t * m * n + k] - z.rho[t * m * n + k]);
        if (g > gap) (gap = g), (where = { step: t, neuron: Math.floor(k / n), sample: k % n, encoder });
      }
      worst = Math.max(worst, gap / scale);
      const location = where.sample === undefined ? { step: t, neuron: where.neuron, encoder } : where;
      tracker.offer(tolerance * scale - gap, location as { step: number; neuron: number; encoder: 'first' | 'second' });
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
