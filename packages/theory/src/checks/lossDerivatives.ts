/**
 * Lemma C.2 / D.1 (spec §9.5): during stage 1 the softmax probabilities stay within a constant factor C_ℓ of
 * uniform, 1/(C_ℓ(1+M)) ≤ ℓ'_i, ℓ'_{i,j} ≤ C_ℓ/(1+M), and 1 ≤ e^{F} ≤ C_ℓ for the logits F = Sim/τ.
 *
 * The paper leaves C_ℓ as "a constant"; its proofs then need M ≥ 100 C_ℓ − 1 (Lemma C.11, single-modal) and fix
 * C_ℓ = 1.01 (Lemma D.8, multi-modal). The check estimates C_ℓ on [0, min(T1, T)] and tests it against those.
 */
import type { TrajectoryContext } from '../context.js';
import { termActivations } from '../context.js';
import { MarginTracker } from '../margin.js';
import type { CheckResult, Location } from '../types.js';
import { proofConstant } from '../constants.js';
import { fmt, fromTracker } from './common.js';

/**
 * The measured C_ℓ over stage 1 and where it is attained, plus the largest logit there.
 * @category Checks
 */
export interface LossConstantEstimate {
  constant: number;
  location: Location;
  largestLogit: number;
  largestLogitLocation: Location;
  smallestLogit: number;
  smallestLogitLocation: Location;
}

/**
 * C_ℓ = max over t ≤ min(T1, T), anchors i, j ∈ N_i and both terms of max{ℓ'(1+M_i), 1/(ℓ'(1+M_i))}.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext } from '@mmcl/theory';
 * import { estimateLossConstant } from '@mmcl/theory/internal';
 * estimateLossConstant(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 })))).constant >= 1; // → true
 * @category Checks
 */
export function estimateLossConstant(context: TrajectoryContext): LossConstantEstimate {
  const { n, negativeCounts, stageOneEnd, config } = context;
  const { negativeOffsets } = context.result.inputs;
  let constant = 1;
  let location: Location = {};
  let largestLogit = Number.NEGATIVE_INFINITY;
  let largestLogitLocation: Location = {};
  let smallestLogit = Number.POSITIVE_INFINITY;
  let smallestLogitLocation: Location = {};
  const terms: Array<['h' | 'g', typeof context.termH]> = [['h', context.termH]];
  if (context.termG) terms.push(['g', context.termG]);
  for (const [encoder, probabilities] of terms) {
    for (let t = 0; t <= stageOneEnd; t++) {
      const term = probabilities[t];
      // F_{i,0} directly from the activations; F_{i,j} = F_{i,0} + log(ℓ'_{i,j}/ℓ'_i).
      const { anchor, positive } = termActivations(context, t, encoder);
      const m = anchor.signal.length / n;
      for (let i = 0; i < n; i++) {
        let f0 = 0;
        for (let r = 0; r < m; r++) {
          const k = r * n + i;
          f0 += anchor.signal[k] * positive.signal[k] + anchor.noise[k] * positive.noise[k];
        }
        f0 /= m * config.tau;
        const scale = 1 + negativeCounts[i];
        // Locations name the anchor i; the negative j is not part of the Location type.
        const consider = (p: number, logit: number) => {
          const ratio = p * scale;
          const spread = Math.max(ratio, 1 / ratio);
          if (spread > constant) {
            constant = spread;
            location = { step: t, sample: i, encoder };
          }
          if (logit > largestLogit) {
            largestLogit = logit;
            largestLogitLocation = { step: t, sample: i, encoder };
          }
          if (logit < smallestLogit) {
            smallestLogit = logit;
            smallestLogitLocation = { step: t, sample: i, encoder };
          }
        };
        consider(term.positive[i], f0);
        for (let k = negativeOffsets[i]; k < negativeOffsets[i + 1]; k++) {
          consider(term.negative[k], f0 + Math.log(term.negative[k] / term.positive[i]));
        }
      }
    }
  }
  return { constant, location, largestLogit, largestLogitLocation, smallestLogit, smallestLogitLocation };
}

/**
 * Lemma C.2 / D.1 against the proofs' C_ℓ: single-modal C_ℓ ≤ (M_min + 1)/100 (from M ≥ 100 C_ℓ − 1), multi-modal
 * C_ℓ ≤ 1.01; and the companion claim e^{F} ≤ C_ℓ with the measured C_ℓ.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkLossDerivatives } from '@mmcl/theory';
 * const [bounds] = checkLossDerivatives(trajectoryContext(simulate(resolveConfig({ mode: 'multi', d: 400, n: 6, m: 3, steps: 5 }))));
 * typeof bounds.value; // → 'number'
 * @category Checks
 */
export function checkLossDerivatives(context: TrajectoryContext): [CheckResult, CheckResult] {
  const estimate = estimateLossConstant(context);
  let fewest = Number.POSITIVE_INFINITY;
  for (const count of context.negativeCounts) fewest = Math.min(fewest, count);
  const single = context.config.mode === 'single';
  const allowed = single ? (fewest + 1) / proofConstant('negativesPerLossConstant') : proofConstant('multiLossConstant');
  const horizon = `t ≤ ${context.stageOneEnd}${context.stageOneReached ? ' (= ⌊T1⌋)' : ' (T1 beyond the trajectory)'}`;
  const bounds = new MarginTracker('upper');
  bounds.offer(allowed - estimate.constant, estimate.location, allowed);
  const logits = new MarginTracker();
  logits.offer(Math.log(estimate.constant) - estimate.largestLogit, estimate.largestLogitLocation);
  // Patch-wise similarities of ReLU features are ≥ 0, so F ≥ 0 up to the rounding of log(ℓ'_{i,j}/ℓ'_i).
  logits.offer(estimate.smallestLogit + 1e-12 * Math.max(1, estimate.largestLogit), estimate.smallestLogitLocation);
  return [
    fromTracker(
      single ? 'C.2' : 'D.1',
      `Lemma ${single ? 'C.2' : 'D.1'}: 1/(C_ℓ(1+M)) ≤ ℓ'_i, ℓ'_{i,j} ≤ C_ℓ/(1+M) in stage 1, with the proofs' C_ℓ`,
      'estimate',
      bounds,
      `measured C_ℓ = ${fmt(estimate.constant)} over ${horizon}; the proof needs C_ℓ ≤ ${fmt(allowed)} (${
        single ? `M ≥ 100C_ℓ − 1 with M = ${fewest}` : 'C_ℓ = 1.01 in Lemma D.8'
      })`,
      estimate.constant,
    ),
    fromTracker(
      single ? 'C.2 (e^F)' : 'D.1 (e^F)',
      'Lemma C.2: 1 ≤ e^{Sim/τ} ≤ C_ℓ in stage 1 (same C_ℓ)',
      'estimate',
      logits,
      `logits F ∈ [${fmt(estimate.smallestLogit)}, ${fmt(estimate.largestLogit)}], so max e^F = ${fmt(Math.exp(estimate.largestLogit))} vs measured C_ℓ = ${fmt(estimate.constant)}`,
      Math.exp(estimate.largestLogit),
    ),
  ];
}
