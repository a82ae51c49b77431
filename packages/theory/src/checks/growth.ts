/**
 * Stage-1 growth-rate bounds (spec §9.6), checked for 0 ≤ t ≤ min(⌊T1⌋, T) with the proofs' constants:
 * Lemmas C.4 and C.11 (single-modal), D.4, D.8 and D.9 case 4 (multi-modal). Margins are relative:
 * (value − bound)/|bound| for lower bounds and (bound − value)/|bound| for upper bounds.
 */
import type { TrajectoryContext } from '../context.js';
import { MarginTracker } from '../margin.js';
import { proofConstant } from '../constants.js';
import { modalityRatio, noiseRate } from '../stageTimes.js';
import type { CheckResult } from '../types.js';
import { estimateLossConstant } from './lossDerivatives.js';
import {
  fmt,
  fromTracker,
  initialNoise,
  initialSign,
  noiseAt,
  noiseLevel,
  relativeExcess,
  relativeShortfall,
  rhoAt,
  signalLevel,
} from './common.js';
import type { EncoderTrack } from '../context.js';

/** B_{r,label}^(t) = Σ_{i: y_i = label} (ρ_{r,i} + ⟨w_r^(0), ξ_i⟩) 1{i ∈ I_{r,+}^(t)} (and, with `tilde`, ∩ I~_{r,sign}). */
function jointNoise(
  context: TrajectoryContext,
  track: EncoderTrack,
  t: number,
  r: number,
  label: number,
  tilde?: { track: EncoderTrack; sign: number },
): number {
  let total = 0;
  for (let i = 0; i < context.n; i++) {
    if (context.y[i] !== label || !(noiseAt(track, t, r, i) > 0)) continue;
    if (tilde && !(tilde.sign * noiseAt(tilde.track, t, r, i) > 0)) continue;
    total += noiseLevel(track, t, r, i);
  }
  return total;
}

const horizonNote = (context: TrajectoryContext): string =>
  `t ≤ ${context.stageOneEnd}${context.stageOneReached ? ` (⌊T1⌋, T1 = ${fmt(context.stageOne)})` : ` (T1 = ${fmt(context.stageOne)} beyond T)`}`;

/**
 * Single-modal: Lemma C.4 (A_r^(t) ≤ (1 + 0.52η‖µ‖²/(mτ))^t A_r^(0)) and Lemma C.11 (for y_i = 1, i ∈ I_{r,+}^(0):
 * Ψ_{r,i}^(t) ≥ (1 + 0.96ησ_ξ²d/(nmτ))^t Ψ_{r,i}^(0), Ψ_{r,i}^(t) ≥ (101C_ℓ/(M+1)) B_{r,−}^(t), ρ_{r,i}^(t) ≥ 0;
 * B_{r,−}^(t) ≤ (1 + 1.05ησ_ξ²d/(nmτ))^t B_{r,−}^(0)), with C_ℓ measured as in Lemma C.2.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkGrowthSingle } from '@mmcl/theory';
 * checkGrowthSingle(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 })))).length; // → 5
 * @category Checks
 */
export function checkGrowthSingle(context: TrajectoryContext): CheckResult[] {
  const { config, m, n, y, h, stageOneEnd, typicalNegatives } = context;
  const signalRate = 1 + (proofConstant('signalRateSingle') * config.eta * config.muNorm * config.muNorm) / (m * config.tau);
  const psiRate = noiseRate(config, proofConstant('noiseRateSingle'));
  const bRate = noiseRate(config, proofConstant('jointRateSingle'));
  const lossConstant = estimateLossConstant(context).constant;
  const ratio = (proofConstant('psiOverJoint') * lossConstant) / (typicalNegatives + 1);
  const signal = new MarginTracker('upper');
  const psi = new MarginTracker('lower');
  const versusB = new MarginTracker('lower');
  const nonNegative = new MarginTracker();
  const joint = new MarginTracker('upper');
  for (let r = 0; r < m; r++) {
    const a0 = signalLevel(h, 0, r);
    const b0 = jointNoise(context, h, 0, r, -1);
    for (let t = 0; t <= stageOneEnd; t++) {
      // At t = 0 every rate bound reads x^(0) ≤ x^(0): an identity, left out so that the slack says something.
      if (initialSign(h, r) !== 0 && t > 0) {
        const bound = signalRate ** t * a0;
        signal.offer(relativeShortfall(signalLevel(h, t, r), bound), { step: t, neuron: r }, 1);
      }
      const b = jointNoise(context, h, t, r, -1);
      if (t > 0) joint.offer(relativeShortfall(b, bRate ** t * b0), { step: t, neuron: r }, 1);
      for (let i = 0; i < n; i++) {
        if (y[i] !== 1 || !(initialNoise(h, r, i) > 0)) continue;
        const level = noiseLevel(h, t, r, i);
        const location = { step: t, neuron: r, sample: i };
        if (t > 0) psi.offer(relativeExcess(level, psiRate ** t * noiseLevel(h, 0, r, i)), location, 1);
        if (b > 0) versusB.offer(relativeExcess(level, ratio * b), location, 1);
        else versusB.offer(level, location);
        nonNegative.offer(rhoAt(h, t, r, i), location);
      }
    }
  }
  const where = horizonNote(context);
  return [
    fromTracker('C.4', 'Lemma C.4: A_r^(t) ≤ (1 + 0.52η‖µ‖²/(mτ))^t A_r^(0), tested for 1 ≤ t ≤ T1', 'constant', signal, `relative slack, ${where}`),
    fromTracker(
      'C.11 (Ψ growth)',
      'Lemma C.11: Ψ_{r,i}^(t) ≥ (1 + 0.96ησ_ξ²d/(nmτ))^t Ψ_{r,i}^(0) for y_i = 1, i ∈ I_{r,+}^(0), tested for 1 ≤ t ≤ T1',
      'constant',
      psi,
      `relative slack, ${where}`,
    ),
    fromTracker(
      'C.11 (Ψ vs B_−)',
      "Lemma C.11: Ψ_{r,i}^(t) ≥ (101 C_ℓ/(M+1)) B_{r,−}^(t) for y_i = 1, i ∈ I_{r,+}^(0), tested for t ≤ T1",
      'constant',
      versusB,
      `relative slack with measured C_ℓ = ${fmt(lossConstant)}, M = ${typicalNegatives} (factor ${fmt(ratio)} = value), ${where}`,
      ratio,
    ),
    fromTracker('C.11 (ρ ≥ 0)', 'Lemma C.11: ρ_{r,i}^(t) ≥ 0 for y_i = 1, i ∈ I_{r,+}^(0), tested for t ≤ T1', 'constant', nonNegative, where),
    fromTracker(
      'C.11 (B_− growth)',
      'Lemma C.11: B_{r,−}^(t) ≤ (1 + 1.05ησ_ξ²d/(nmτ))^t B_{r,−}^(0), tested for 1 ≤ t ≤ T1',
      'constant',
      joint,
      `relative slack, ${where}`,
    ),
  ];
}

/**
 * Multi-modal: Lemma D.4 (C_µA_r + A~_r ≥ (1 + 0.48ηC_µ‖µ‖²/(mτ))^t (C_µA_r^(0) + A~_r^(0)) on the matched sets at
 * t = 0), Lemma D.8 (B_{r,±,+}^(t) ≤ (1 + 1.05ησ_ξ²d/(nmτ))^t B_{r,±,+}^(0); B_{r,±,−} non-increasing) and Lemma D.9
 * case 4 (Ψ_{r,i}^(t) ≤ (1 + 1.06ησ_ξ²d/(nmτ))^t (Ψ_{r,i}^(0) + Ψ~_{r,i}^(0)) on I_{r,+}^(0) ∩ I~_{r,+}^(0)).
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkGrowthMulti } from '@mmcl/theory';
 * checkGrowthMulti(trajectoryContext(simulate(resolveConfig({ mode: 'multi', d: 400, n: 6, m: 3, steps: 5 })))).length; // → 5
 * @category Checks
 */
export function checkGrowthMulti(context: TrajectoryContext): CheckResult[] {
  const { config, m, n, h, stageOneEnd } = context;
  const g = context.g!;
  const cMu = modalityRatio(config);
  const signalRate = 1 + (proofConstant('signalRateMulti') * config.eta * cMu * config.muNorm * config.muNorm) / (m * config.tau);
  const bRate = noiseRate(config, proofConstant('jointRateMulti'));
  const psiRate = noiseRate(config, proofConstant('psiRateMulti'));
  const offset = proofConstant('signalOffsetMulti');
  const signal = new MarginTracker('lower');
  const lemmaForm = new MarginTracker('lower');
  const growing = new MarginTracker('upper');
  const shrinking = new MarginTracker();
  const psi = new MarginTracker('upper');
  for (let r = 0; r < m; r++) {
    const theta = initialSign(h, r);
    const matched = theta !== 0 && theta === initialSign(g, r);
    const x0 = cMu * signalLevel(h, 0, r) + signalLevel(g, 0, r);
    for (let t = 0; t <= stageOneEnd; t++) {
      if (matched) {
        const x = cMu * signalLevel(h, t, r) + signalLevel(g, t, r);
        if (t > 0) signal.offer(relativeExcess(x, signalRate ** t * x0), { step: t, neuron: r }, 1);
        // The lemma's own form carries a "− 1", which makes it vacuous until the bound exceeds 1 (absolute slack).
        const a0 = signalLevel(h, 0, r) + signalLevel(g, 0, r) / cMu;
        const boundFirst = signalRate ** t * a0 - offset;
        const boundSecond = signalRate ** t * cMu * a0 - offset;
        lemmaForm.offer(signalLevel(h, t, r) - boundFirst, { step: t, neuron: r, encoder: 'h' }, boundFirst);
        lemmaForm.offer(signalLevel(g, t, r) - boundSecond, { step: t, neuron: r, encoder: 'g' }, boundSecond);
      }
      for (const label of [1, -1]) {
        const up0 = jointNoise(context, h, 0, r, label, { track: g, sign: 1 });
        const up = jointNoise(context, h, t, r, label, { track: g, sign: 1 });
        if (t > 0) growing.offer(relativeShortfall(up, bRate ** t * up0), { step: t, neuron: r }, 1);
        if (t > 0) {
          const before = jointNoise(context, h, t - 1, r, label, { track: g, sign: -1 });
          const now = jointNoise(context, h, t, r, label, { track: g, sign: -1 });
          shrinking.offer(before - now, { step: t, neuron: r });
        }
      }
      for (let i = 0; i < n; i++) {
        if (!(initialNoise(h, r, i) > 0 && initialNoise(g, r, i) > 0)) continue;
        const bound = psiRate ** t * (noiseLevel(h, 0, r, i) + noiseLevel(g, 0, r, i));
        psi.offer(relativeShortfall(noiseLevel(h, t, r, i), bound), { step: t, neuron: r, sample: i }, 1);
      }
    }
  }
  const where = horizonNote(context);
  return [
    fromTracker(
      'D.4',
      'Lemma D.4: A_r^(t) ≥ ρ_A^t (A_r^(0) + A~_r^(0)/C_µ) − 1 and A~_r^(t) ≥ ρ_A^t (C_µA_r^(0) + A~_r^(0)) − 1, ρ_A = 1 + 0.48ηC_µ‖µ‖²/(mτ), on U_± ∩ U~_± at t = 0, tested for t ≤ T1',
      'constant',
      lemmaForm,
      `absolute slack, C_µ = ${fmt(cMu)}, ${where}`,
    ),
    fromTracker(
      'D.4 (§9 form)',
      'Lemma D.4 as spec §9.6 states it: C_µA_r^(t) + A~_r^(t) ≥ (1 + 0.48ηC_µ‖µ‖²/(mτ))^t (C_µA_r^(0) + A~_r^(0)) on U_± ∩ U~_± at t = 0, tested for 1 ≤ t ≤ T1',
      'constant',
      signal,
      `relative slack, C_µ = ${fmt(cMu)}, ${where}`,
    ),
    fromTracker(
      'D.8 (B_{±,+})',
      'Lemma D.8: B_{r,±,+}^(t) ≤ (1 + 1.05ησ_ξ²d/(nmτ))^t B_{r,±,+}^(0), tested for 1 ≤ t ≤ T1',
      'constant',
      growing,
      `relative slack, ${where}`,
    ),
    fromTracker('D.8 (B_{±,−})', 'Lemma D.8: B_{r,±,−}^(t) is non-increasing, tested for t ≤ T1', 'constant', shrinking, `B^(t−1) − B^(t), ${where}`),
    fromTracker(
      'D.9 case 4',
      'Lemma D.9(4): Ψ_{r,i}^(t) ≤ (1 + 1.06ησ_ξ²d/(nmτ))^t (Ψ_{r,i}^(0) + Ψ~_{r,i}^(0)) on I_{r,+}^(0) ∩ I~_{r,+}^(0), tested for t ≤ T1',
      'constant',
      psi,
      `relative slack, all labels, ${where}`,
    ),
  ];
}
