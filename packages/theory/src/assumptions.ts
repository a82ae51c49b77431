import type { InfomaxConfig } from '@mmcl/infomax';
import { proofConstant as k } from './constants.js';
import type { AssumptionCondition } from './types.js';
import { convergenceTimeOrder, modalityRatio, signalToNoise, typicalNegatives } from './stageTimes.js';

/**
 * Options of {@link checkAssumptions}.
 * @category Assumptions
 */
export interface AssumptionOptions {
  /** Failure probability δ of the high-probability statements (default 1/d, as in "w.p. ≥ 1 − 1/d"). */
  delta?: number;
  /** Target loss ϵ, which enters through T* in α = log(3 M T*) (default 0.05). */
  epsilon?: number;
}

type Mode = 'single' | 'multi';
const BOTH: Mode[] = ['single', 'multi'];

function condition(
  id: string,
  kind: 'explicit' | 'ratio',
  modes: Mode[],
  lhs: number,
  rhs: number,
  detail: string,
): AssumptionCondition {
  const ratio = lhs / rhs;
  return { id, kind, modes, lhs, rhs, ratio, holds: kind === 'explicit' ? lhs >= rhs : ratio >= 1, detail };
}

/**
 * Evaluate every condition of Assumption 4.1, and the explicit constants its proofs use, on a configuration.
 * Conditions stated only up to Θ̃/Õ/Ω̃ are reported as ratios lhs/rhs (holding when ≥ 1, i.e. with the hidden
 * factor set to 1); the proofs' explicit constants are reported as holding or failing. Conditions that concern
 * only the other mode are left out.
 *
 * @example
 * import { checkAssumptions } from '@mmcl/theory';
 * import { resolveConfig } from '@mmcl/infomax';
 * const rows = checkAssumptions(resolveConfig({}));
 * // Figure 1 has d = 2000 < n² = 10⁴
 * rows.find((row) => row.id.startsWith('4.1(1) d ≥ n²'))?.holds; // → false
 * @category Assumptions
 */
export function checkAssumptions(config: InfomaxConfig, options: AssumptionOptions = {}): AssumptionCondition[] {
  const { d, n, m, eta, tau, sigma0, sigmaXi, sigmaEps, muNorm } = config;
  const delta = options.delta ?? 1 / d;
  const epsilon = options.epsilon ?? 0.05;
  const snr = signalToNoise(config);
  const nSnr2 = n * snr * snr;
  const cMu = modalityRatio(config);
  const M = typicalNegatives(config);
  const noiseScale = sigmaXi * sigmaXi * d;
  const tStar = convergenceTimeOrder(config, epsilon);
  const antiConcentration =
    ((k('antiConcentration') * n) / (sigma0 * sigmaXi)) *
    Math.sqrt(Math.log((k('unionNoise') * n) / delta) / (-Math.PI * Math.log1p(-(delta * delta) / (4 * m * m)))); // log1p: with δ = 1/d ≤ 10⁻⁸, 1 − δ²/(4m²) rounds to 1

  const rows: AssumptionCondition[] = [
    condition('4.1(1) d ≥ n²', 'ratio', BOTH, d, n * n, `d = ${d}, n² = ${n * n}`),
    condition('4.1(1) d ≥ n/(σ_0 σ_ξ)', 'ratio', BOTH, d, n / (sigma0 * sigmaXi), 'Ω̃ factor set to 1'),
    condition('4.1(1) d ≥ 1/(σ_0² ‖µ‖²)', 'ratio', BOTH, d, 1 / (sigma0 * sigma0 * muNorm * muNorm), 'Ω̃ factor set to 1'),
    condition('proofs: d > 10000 log(6n²/δ)', 'explicit', BOTH, d, k('dimensionLog') * Math.log((k('unionNoise') * n * n) / delta), `δ = ${delta}`),
    condition(
      'Lemma B.2: d ≥ (400n/(σ_0σ_ξ))·√(log(6n/δ)/(−π log(1 − δ²/(4m²))))',
      'explicit',
      BOTH,
      d,
      antiConcentration,
      `anti-concentration of ⟨w_r^(0), ξ_i⟩; δ = ${delta}`,
    ),
    condition('4.1(2) η ≤ m/‖µ‖²', 'ratio', BOTH, m / (muNorm * muNorm), eta, 'O factor set to 1'),
    condition('4.1(2) η ≤ n m/(σ_ξ² d)', 'ratio', BOTH, (n * m) / noiseScale, eta, 'O factor set to 1'),
    condition('proofs: η ≤ (1/12)·n m τ/(σ_ξ² d)', 'explicit', BOTH, k('stepSizeTwelfth') * (n * m * tau) / noiseScale, eta, 'τ enters'),
    condition('proofs: η ≤ (5/24)·n m τ/(σ_ξ² d)', 'explicit', BOTH, k('stepSizeFiveTwentyFourths') * (n * m * tau) / noiseScale, eta, 'τ enters'),
    condition(
      '4.1(3) σ_0 ≤ 1/max{σ_ξ√d, ‖µ‖}',
      'ratio',
      BOTH,
      1 / Math.max(sigmaXi * Math.sqrt(d), muNorm),
      sigma0,
      'Õ factor set to 1',
    ),
    condition('Lemma C.4: n ≥ 2500 log(4/δ)', 'explicit', ['single'], n, k('samplesSingle') * Math.log(4 / delta), `δ = ${delta}`),
    condition('Lemma D.8: n ≥ 1280000 log(4/δ)', 'explicit', ['multi'], n, k('samplesMulti') * Math.log(4 / delta), `δ = ${delta}`),
    condition(
      '4.1(5) σ_ϵ ≤ ‖µ‖/√(2 log(6n/δ))',
      'explicit',
      ['single'],
      muNorm / Math.sqrt(2 * Math.log((k('unionNoise') * n) / delta)),
      sigmaEps,
      `σ_ϵ = ${sigmaEps}`,
    ),
    condition(
      '4.1(5) σ_ξ/σ_ϵ ≥ C_ξ = 200',
      'explicit',
      ['single'],
      sigmaEps === 0 ? Number.POSITIVE_INFINITY : sigmaXi / sigmaEps,
      k('augmentationRatio'),
      "σ_ϵ ≤ σ_ξ/C' with C' read as Lemma C.5's C_ξ > 200 [choice]",
    ),
    condition('4.1(6) n·SNR² ≤ 1.8 (Lemma 5.2)', 'explicit', ['single'], k('snrSingleMax'), nSnr2, `n·SNR² = ${nSnr2.toPrecision(4)}`),
    condition('4.1(6) n·SNR² ≥ 1.7 (Lemma 5.4)', 'explicit', ['multi'], nSnr2, k('snrMultiMin'), `n·SNR² = ${nSnr2.toPrecision(4)}`),
    condition('4.1(7) C_µ ≥ 2.66', 'explicit', ['multi'], cMu, k('modalityRatioMin'), `C_µ = ‖µ~‖/‖µ‖ = ${cMu.toPrecision(4)}`),
    condition(
      'Lemma 5.4: C_µ·n·SNR² ≥ 4.51',
      'explicit',
      ['multi'],
      cMu * nSnr2,
      k('exponentNumerator') / k('exponentSlack'),
      'exponent ratio 2.21/(C_µ n SNR²) + 0.01 ≤ 0.5',
    ),
    condition('proofs: M ≥ 100 C_ℓ − 1 (C_ℓ = 1.01)', 'explicit', BOTH, M, k('negativesPerLossConstant') * k('multiLossConstant') - 1, `M = ${M} hard negatives`),
    condition(
      'proofs: α = log(3 M T*) ≥ 20τ',
      'explicit',
      BOTH,
      Math.log(k('alphaFactor') * M * tStar),
      k('alphaOverTau') * tau,
      `T* ≈ ${tStar.toPrecision(4)} (Θ̃ = 1, ϵ = ${epsilon})`,
    ),
  ];
  return rows.filter((row) => row.modes.includes(config.mode));
}
