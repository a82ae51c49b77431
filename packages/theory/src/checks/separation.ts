/**
 * Scale separation at the end of stage 1 (spec §9.7): Lemma 5.2 (single-modal: the signal stays Õ(n^{-1/2}) while
 * noise is memorised) and Lemma 5.4 (multi-modal: the reverse), with the constants of their proofs.
 */
import type { TrajectoryContext } from '../context.js';
import { MarginTracker } from '../margin.js';
import { proofConstant } from '../constants.js';
import { signalToNoise } from '../stageTimes.js';
import type { CheckResult } from '../types.js';
import { fmt, fromTracker, gammaAt, initialSign, noiseAt, noiseLevel, rhoAt, signalLevel, undecided } from './common.js';

const STATEMENT_MAX = 'Lemma 5.2 (proof): max_{r,i} ρ_{r,i}^(T1) ≥ 2 (the largest coefficient only; every i: 5.2 (every i))';
const STATEMENT_EVERY = 'Lemma 5.2: max_r ρ_{r,i}^(T1) = Ω(1) for every i, read as ≥ 2';

const notReached = (context: TrajectoryContext) =>
  `T1 = ${fmt(context.stageOne)} lies beyond the last step T = ${context.steps}; simulate at least ${Math.ceil(context.stageOne)} steps`;

/**
 * Lemma 5.2: (a) max_r A_r^(t) ≤ 20√(2 log(8m/δ))·SNR for t ≤ T1; (b) max_{r,i} ρ_{r,i}^(T1) ≥ 2 (the proof's
 * bound on the largest coefficient); (b') max_r ρ_{r,i}^(T1) ≥ 2 for every i (the lemma's "Ω(1) for every i", with
 * the same constant [choice]); (c) for every i with y_i = 1, (1/m) Σ_{r ∈ U_+^(0)} Ψ_{r,i} reaches 3 within T1.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkSeparationSingle } from '@mmcl/theory';
 * checkSeparationSingle(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 })))).length; // → 4
 * @category Checks
 */
export function checkSeparationSingle(context: TrajectoryContext): CheckResult[] {
  const { config, m, n, y, h, stageOneEnd, stageOneReached, options } = context;
  const bound = proofConstant('signalSmallSingle') * Math.sqrt(2 * Math.log((proofConstant('signalSmallUnion') * m) / options.delta)) * signalToNoise(config);
  const small = new MarginTracker('upper');
  for (let t = 0; t <= stageOneEnd; t++) {
    for (let r = 0; r < m; r++) if (initialSign(h, r) !== 0) small.offer(bound - signalLevel(h, t, r), { step: t, neuron: r }, bound);
  }
  const results = [
    fromTracker(
      '5.2 (signal small)',
      'Lemma 5.2: max_r A_r^(t) ≤ 20√(2 log(8m/δ))·SNR = Õ(n^{-1/2}) for t ≤ T1',
      'constant',
      small,
      `bound ${fmt(bound)}, t ≤ ${stageOneEnd}`,
    ),
  ];
  const memorised = new MarginTracker('lower');
  const every = new MarginTracker('lower');
  if (stageOneReached) {
    let largest = Number.NEGATIVE_INFINITY;
    let where = {};
    let weakest = Number.POSITIVE_INFINITY;
    let weakestWhere = {};
    for (let i = 0; i < n; i++) {
      let best = Number.NEGATIVE_INFINITY;
      let bestWhere = {};
      for (let r = 0; r < m; r++) {
        const rho = rhoAt(h, stageOneEnd, r, i);
        if (rho > best) (best = rho), (bestWhere = { step: stageOneEnd, neuron: r, sample: i });
        if (rho > largest) (largest = rho), (where = { step: stageOneEnd, neuron: r, sample: i });
      }
      if (best < weakest) (weakest = best), (weakestWhere = bestWhere);
    }
    memorised.offer(largest - proofConstant('noiseMemorised'), where, proofConstant('noiseMemorised'));
    const floor = proofConstant('noiseMemorisedEach');
    every.offer(weakest - floor, weakestWhere, floor);
    results.push(
      fromTracker('5.2 (noise memorised)', STATEMENT_MAX, 'constant', memorised, `max ρ at ⌊T1⌋ = ${stageOneEnd}: ${fmt(largest)}`, largest),
      fromTracker(
        '5.2 (every i)',
        STATEMENT_EVERY,
        'constant',
        every,
        `min_i max_r ρ_{r,i} at ⌊T1⌋ = ${stageOneEnd}: ${fmt(weakest)} (Ω(1) read as ≥ ${floor} [choice])`,
        weakest,
      ),
    );
  } else {
    results.push(
      undecided('5.2 (noise memorised)', STATEMENT_MAX, 'constant', notReached(context)),
      undecided('5.2 (every i)', STATEMENT_EVERY, 'constant', notReached(context)),
    );
  }
  const reaches = new MarginTracker('lower');
  for (let i = 0; i < n; i++) {
    if (y[i] !== 1) continue;
    let best = Number.NEGATIVE_INFINITY;
    let when = 0;
    for (let t = 0; t <= stageOneEnd; t++) {
      let mean = 0;
      for (let r = 0; r < m; r++) {
        if (initialSign(h, r) > 0 && noiseAt(h, t, r, i) > 0) mean += noiseLevel(h, t, r, i);
      }
      mean /= m;
      if (mean > best) (best = mean), (when = t);
    }
    reaches.offer(best - proofConstant('meanNoiseLevel'), { step: when, sample: i }, proofConstant('meanNoiseLevel'));
  }
  const statement = 'Lemma 5.2 (proof): (1/m) Σ_{r∈U_+^(0)} Ψ_{r,i} reaches 3 within T1 for every i with y_i = 1';
  results.push(
    !stageOneReached && reaches.holds === false
      ? undecided('5.2 (mean Ψ ≥ 3)', statement, 'constant', notReached(context))
      : fromTracker('5.2 (mean Ψ ≥ 3)', statement, 'constant', reaches, `slack = largest mean over t ≤ ${stageOneEnd} minus 3`),
  );
  return results;
}

/**
 * Lemma 5.4: (a) (1/m) Σ_{r ∈ U_+^(0) ∩ U~_+^(0)} A_r reaches 3 within T1 (value: max_r γ_r^(T1), the Ω(1) claim);
 * (b) max_{r,i} |ρ_{r,i}^(T1)|, |ρ~_{r,i}^(T1)| ≤ σ_0 σ_ξ √d, the explicit form of Õ(n^{-1/2}) that Lemma D.15 uses.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkSeparationMulti } from '@mmcl/theory';
 * checkSeparationMulti(trajectoryContext(simulate(resolveConfig({ mode: 'multi', d: 400, n: 6, m: 3, steps: 5 })))).length; // → 2
 * @category Checks
 */
export function checkSeparationMulti(context: TrajectoryContext): CheckResult[] {
  const { config, m, n, h, stageOneEnd, stageOneReached } = context;
  const g = context.g!;
  const reaches = new MarginTracker('lower');
  let best = Number.NEGATIVE_INFINITY;
  let when = 0;
  for (let t = 0; t <= stageOneEnd; t++) {
    let mean = 0;
    for (let r = 0; r < m; r++) {
      if (initialSign(h, r) > 0 && initialSign(g, r) > 0) mean += signalLevel(h, t, r);
    }
    mean /= m;
    if (mean > best) (best = mean), (when = t);
  }
  reaches.offer(best - proofConstant('meanSignalLevel'), { step: when }, proofConstant('meanSignalLevel'));
  let largestGamma = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < m; r++) largestGamma = Math.max(largestGamma, gammaAt(h, stageOneEnd, r));
  const statementA = 'Lemma 5.4 (proof): (1/m) Σ_{r∈U_+^(0)∩U~_+^(0)} A_r reaches 3 within T1 (max_r γ_r^(T1) = Ω(1))';
  const results: CheckResult[] = [
    !stageOneReached && reaches.holds === false
      ? undecided('5.4 (signal learned)', statementA, 'constant', notReached(context))
      : fromTracker(
          '5.4 (signal learned)',
          statementA,
          'constant',
          reaches,
          `largest mean A over t ≤ ${stageOneEnd} is ${fmt(best)}; max_r γ_r at step ${stageOneEnd} = ${fmt(largestGamma)}`,
          largestGamma,
        ),
  ];
  const bound = proofConstant('noiseSmallMulti') * config.sigma0 * config.sigmaXi * Math.sqrt(config.d);
  const statementB = 'Lemma 5.4: max_{r,i} |ρ_{r,i}^(T1)|, |ρ~_{r,i}^(T1)| ≤ σ_0σ_ξ√d (= Õ(n^{-1/2}), constant of Lemma D.15)';
  if (!stageOneReached) {
    results.push(undecided('5.4 (noise small)', statementB, 'constant', notReached(context)));
    return results;
  }
  const small = new MarginTracker('upper');
  for (const [encoder, track] of [['h', h], ['g', g]] as const) {
    for (let r = 0; r < m; r++) {
      for (let i = 0; i < n; i++) {
        small.offer(bound - Math.abs(rhoAt(track, stageOneEnd, r, i)), { step: stageOneEnd, neuron: r, sample: i, encoder }, bound);
      }
    }
  }
  results.push(fromTracker('5.4 (noise small)', statementB, 'constant', small, `bound σ_0σ_ξ√d = ${fmt(bound)} at step ${stageOneEnd}`));
  return results;
}
