/**
 * Second stage (spec §9.8): Proposition C.13, Lemma C.14 / D.11, Lemma C.17 / D.14 with the comparator W*, and
 * Lemma C.18 / D.15. The second stage starts at ⌈T1⌉; when that lies beyond T the statements are undecided.
 */
import { coefficientNormSquared } from '@mmcl/infomax/internal';
import { encodersOf, termActivations, type EncoderTrack, type TrajectoryContext } from '../context.js';
import { MarginTracker, VACUOUS_FACTOR } from '../margin.js';
import { proofConstant } from '../constants.js';
import type { CheckResult } from '../types.js';
import { fmt, fromTracker, gammaAt, initialSign, relativeShortfall, rhoAt, undecided } from './common.js';

/** Training loss at step t as the lemmas use it: L_S(W) single-modal, L_S(W) + L_S(W~) multi-modal. */
const lossAt = (context: TrajectoryContext, t: number): number =>
  context.termH[t].loss + (context.termG ? context.termG[t].loss : 0);

const secondStageStart = (context: TrajectoryContext): number => Math.ceil(context.stageOne);

/**
 * The comparator of §6.7 in coefficient space: single-modal γ* = 0, ρ*_{r,i} = 2τ log(2M/ϵ); multi-modal
 * γ*_r = 2τ log(2M/ϵ) θ_r (θ_r = sign⟨w_r^(0), µ⟩, per encoder), ρ* = 0. All share W^(0).
 */
function comparator(context: TrajectoryContext, track: EncoderTrack): { gamma: Float64Array; rho: Float64Array } {
  const { m, n, config, options } = context;
  const scale = proofConstant('comparatorScale') * config.tau * Math.log((proofConstant('comparatorLog') * context.typicalNegatives) / options.epsilon);
  const gamma = new Float64Array(m);
  const rho = new Float64Array(m * n);
  if (config.mode === 'single') rho.fill(scale);
  else for (let r = 0; r < m; r++) gamma[r] = scale * initialSign(track, r);
  return { gamma, rho };
}

/**
 * ‖W^(t) − W*‖_F² (summed over both encoders in the multi-modal case), from Gram quantities only.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { defaultCheckOptions, trajectoryContext } from '@mmcl/theory';
 * import { distanceToComparator } from '@mmcl/theory/internal';
 * const run = simulate({ mode: 'single', d: 200, n: 10, m: 4, steps: 5 });
 * const context = trajectoryContext(run, defaultCheckOptions(run.config));
 * // GD moves towards W*
 * distanceToComparator(context, 0) > distanceToComparator(context, 5); // → true
 * @category Checks
 */
export function distanceToComparator(context: TrajectoryContext, t: number): number {
  const { m, n } = context;
  let total = 0;
  for (const [, track] of encodersOf(context)) {
    const star = comparator(context, track);
    const dGamma = new Float64Array(m);
    const dRho = new Float64Array(m * n);
    for (let r = 0; r < m; r++) dGamma[r] = gammaAt(track, t, r) - star.gamma[r];
    for (let k = 0; k < m * n; k++) dRho[k] = track.coefficients.rho[t * m * n + k] - star.rho[k];
    total += coefficientNormSquared(track.gram, dGamma, dRho);
  }
  return total;
}

/**
 * Proposition C.13: |γ_r^(t)|, |ρ_{r,i}^(t)| ≤ α = log(3MT*) for every t, with T* = max(T, the Lemma C.18 horizon).
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkCoefficientBound } from '@mmcl/theory';
 * checkCoefficientBound(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 })))).holds; // → true
 * @category Checks
 */
export function checkCoefficientBound(context: TrajectoryContext): CheckResult {
  const { steps, m, n, config, options } = context;
  const start = Math.min(secondStageStart(context), steps);
  const horizon = Math.max(steps, start + Math.floor(distanceToComparator(context, start) / (config.eta * options.epsilon)));
  const alpha = Math.log(proofConstant('alphaFactor') * context.typicalNegatives * horizon);
  const tracker = new MarginTracker('upper');
  for (const [encoder, track] of encodersOf(context)) {
    for (let t = 0; t <= steps; t++) {
      for (let r = 0; r < m; r++) {
        tracker.offer(alpha - Math.abs(gammaAt(track, t, r)), { step: t, neuron: r, encoder }, alpha);
        for (let i = 0; i < n; i++) tracker.offer(alpha - Math.abs(rhoAt(track, t, r, i)), { step: t, neuron: r, sample: i, encoder }, alpha);
      }
    }
  }
  return fromTracker(
    'C.13',
    'Proposition C.13: |γ_r^(t)|, |ρ_{r,i}^(t)| ≤ α = log(3MT*)',
    'constant',
    tracker,
    `α = ${fmt(alpha)} with M = ${context.typicalNegatives}, T* = ${horizon}`,
  );
}

/**
 * Lemma C.14 / D.11: ‖∇L_S(W^(t))‖_F² ≤ C·max{‖µ‖², σ_ξ²d}·L_S(W^(t)). The gradient is read off the trajectory
 * (GD moves W by −η∇L). The estimated constant C (value) is tested against the bound the proof's argument gives,
 * C ≤ 4κ²S²/(mτ² max{‖µ‖², σ_ξ²d}), with κ the largest detached partner activation at that step and
 * S = max_i (‖µ‖ + ‖ξ_i‖); it follows from ‖∇_{w_r}L_i‖ ≤ 2κ(1 − ℓ'_i)(‖µ‖ + ‖ξ_i‖)/(mτ) and (1 − ℓ'_i)² ≤ L_i.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkGradientBound } from '@mmcl/theory';
 * checkGradientBound(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 })))).holds; // → true
 * @category Checks
 */
export function checkGradientBound(context: TrajectoryContext): CheckResult {
  const { steps, m, n, config } = context;
  const tracker = new MarginTracker('upper');
  let estimate = 0;
  for (const [encoder, track] of encodersOf(context)) {
    const { gram } = track;
    const scale = Math.max(gram.a, config.sigmaXi * config.sigmaXi * config.d);
    let span = 0;
    for (let i = 0; i < n; i++) span = Math.max(span, Math.sqrt(gram.a) + Math.sqrt(gram.q[i]));
    const terms = encoder === 'h' ? context.termH : context.termG!;
    for (let t = 0; t < steps; t++) {
      const dGamma = new Float64Array(m);
      const dRho = new Float64Array(m * n);
      for (let r = 0; r < m; r++) dGamma[r] = (gammaAt(track, t + 1, r) - gammaAt(track, t, r)) / config.eta;
      for (let k = 0; k < m * n; k++)
        dRho[k] = (track.coefficients.rho[(t + 1) * m * n + k] - track.coefficients.rho[t * m * n + k]) / config.eta;
      const gradient = coefficientNormSquared(gram, dGamma, dRho);
      const loss = terms[t].loss;
      const constant = gradient / (scale * loss);
      estimate = Math.max(estimate, constant);
      const { positive, negative } = termActivations(context, t, encoder);
      let kappa = 0;
      for (const a of [positive.signal, positive.noise, negative.signal, negative.noise]) for (const x of a) kappa = Math.max(kappa, x);
      const allowed = (proofConstant('gradientArgument') * kappa * kappa * span * span) / (m * config.tau * config.tau * scale);
      tracker.offer(relativeShortfall(constant, allowed), { step: t, encoder }, 1);
    }
  }
  const single = config.mode === 'single';
  return fromTracker(
    single ? 'C.14' : 'D.11',
    `Lemma ${single ? 'C.14' : 'D.11'}: ‖∇L_S(W^(t))‖_F² ≤ C·max{‖µ‖², σ_ξ²d}·L_S(W^(t)) with C = O(1)`,
    'estimate',
    tracker,
    `estimated C = ${fmt(estimate)} (max over t); relative slack against 4κ²S²/(mτ² max{‖µ‖², σ_ξ²d})`,
    estimate,
  );
}

/**
 * Lemma C.17 / D.14, and Lemma C.18 / D.15 (running average, best iterate, and the size of γ (single) or ρ
 * (multi) in the second stage).
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkConvergence } from '@mmcl/theory';
 * checkConvergence(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 })))).length; // → 4
 * @category Checks
 */
export function checkConvergence(context: TrajectoryContext): CheckResult[] {
  const { steps, m, n, config, options, h } = context;
  const single = config.mode === 'single';
  const epsilon = options.epsilon;
  const slackFactor = proofConstant(single ? 'descentSingle' : 'descentMulti');
  const ids = single ? ['C.17', 'C.18 (average)', 'C.18 (best iterate)', 'C.18 (γ ≤ 3β)'] : ['D.14', 'D.15 (average)', 'D.15 (best iterate)', 'D.15 (ρ small)'];
  const statements = [
    single
      ? 'Lemma C.17: ‖W^(t) − W*‖² − ‖W^(t+1) − W*‖² ≥ ηL(W^(t)) − ηϵ for t ∈ [T1, T*]'
      : 'Lemma D.14: Σ_{W,W~} ‖W^(t) − W*‖² − ‖W^(t+1) − W*‖² ≥ ηL(W^(t), W~^(t)) − 2ηϵ for t ∈ [T1, T*]',
    `Lemma ${single ? 'C.18' : 'D.15'}: (1/(t−T1+1)) Σ_{s=T1}^t L^(s) ≤ ‖W^(T1) − W*‖²/(η(t−T1+1)) + ${single ? '' : '2'}ϵ`,
    `Lemma ${single ? 'C.18' : 'D.15'}: some iterate in [T1, T1 + ‖W^(T1) − W*‖²/(ηϵ)] has loss < ${single ? 2 : 3}ϵ`,
    single
      ? 'Lemma C.18: max_r |γ_r^(t)| ≤ 3β on [T1, T], β = max_r |γ_r^(T1)|'
      : 'Lemma D.15: max_{r,i} |ρ_{r,i}^(t)|, |ρ~_{r,i}^(t)| ≤ σ_0σ_ξ√d on [T1, T]',
  ];
  const start = secondStageStart(context);
  if (start >= steps) {
    const why = `the second stage starts at ⌈T1⌉ = ${start}, not before the last step T = ${steps}`;
    return ids.map((id, k) => undecided(id, statements[k], 'constant', why));
  }
  const distance: number[] = [];
  for (let t = start; t <= steps; t++) distance.push(distanceToComparator(context, t));
  const descent = new MarginTracker('lower');
  let firstHeld = -1;
  for (let t = start; t < steps; t++) {
    const bound = config.eta * lossAt(context, t) - slackFactor * config.eta * epsilon;
    const slack = distance[t - start] - distance[t + 1 - start] - bound;
    if (slack >= 0 && firstHeld < 0) firstHeld = t;
    descent.offer(slack, { step: t }, bound);
  }
  const average = new MarginTracker('upper');
  let sum = 0;
  let best = Number.POSITIVE_INFINITY;
  let bestStep = start;
  for (let t = start; t <= steps; t++) {
    const loss = lossAt(context, t);
    sum += loss;
    if (loss < best) (best = loss), (bestStep = t);
    const count = t - start + 1;
    const bound = distance[0] / (config.eta * count) + slackFactor * epsilon;
    average.offer(bound - sum / count, { step: t }, bound);
  }
  const horizon = start + Math.floor(distance[0] / (config.eta * epsilon));
  const target = proofConstant(single ? 'bestIterateSingle' : 'bestIterateMulti') * epsilon;
  const bestResult: CheckResult =
    best < target
      ? { id: ids[2], statement: statements[2], kind: 'constant', holds: true, margin: target - best, location: { step: bestStep }, detail: `best loss ${fmt(best)} at step ${bestStep}; lemma horizon ${horizon}`, value: best, slack: (target - best) / target, vacuous: best <= target / VACUOUS_FACTOR }
      : steps >= horizon
        ? { id: ids[2], statement: statements[2], kind: 'constant', holds: false, margin: target - best, location: { step: bestStep }, detail: `best loss ${fmt(best)} ≥ ${fmt(target)} within the lemma horizon ${horizon}`, value: best }
        : undecided(ids[2], statements[2], 'constant', `best loss so far ${fmt(best)} ≥ ${fmt(target)}, but the lemma horizon ${horizon} lies beyond T = ${steps}`);
  const size = new MarginTracker('upper');
  let sizeDetail: string;
  if (single) {
    let beta = 0;
    for (let r = 0; r < m; r++) beta = Math.max(beta, Math.abs(gammaAt(h, start, r)));
    for (let t = start; t <= steps; t++) for (let r = 0; r < m; r++) size.offer(proofConstant('signalGrowthSecondStage') * beta - Math.abs(gammaAt(h, t, r)), { step: t, neuron: r }, proofConstant('signalGrowthSecondStage') * beta);
    sizeDetail = `β = ${fmt(beta)} at step ${start}`;
  } else {
    const bound = proofConstant('noiseSmallMulti') * config.sigma0 * config.sigmaXi * Math.sqrt(config.d);
    for (const [encoder, track] of encodersOf(context))
      for (let t = start; t <= steps; t++)
        for (let r = 0; r < m; r++)
          for (let i = 0; i < n; i++) size.offer(bound - Math.abs(rhoAt(track, t, r, i)), { step: t, neuron: r, sample: i, encoder }, bound);
    sizeDetail = `bound σ_0σ_ξ√d = ${fmt(bound)}`;
  }
  return [
    fromTracker(
      ids[0],
      statements[0],
      'constant',
      descent,
      `ϵ = ${epsilon}; first t ≥ ⌈T1⌉ = ${start} where it holds: ${firstHeld < 0 ? 'none' : firstHeld}; held on ${descent.points - descent.failures} of ${descent.points} steps; ‖W^(T1) − W*‖² = ${fmt(distance[0])}`,
      firstHeld,
    ),
    fromTracker(ids[1], statements[1], 'constant', average, `ϵ = ${epsilon}, ‖W^(T1) − W*‖² = ${fmt(distance[0])}`),
    bestResult,
    fromTracker(ids[3], statements[3], 'constant', size, sizeDetail),
  ];
}
