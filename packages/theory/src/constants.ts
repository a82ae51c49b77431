/**
 * Every explicit constant of paper 1's proofs that a check or a stage time uses, in one table, each with the
 * statement it comes from (spec paper1.md §6). Checks read their constants from here and nowhere else, so that the
 * constant a verdict rests on is visible and pinned: test/theory/checks/constants.test.ts builds, for every entry a
 * check uses, a trajectory just inside and one just outside the bound with the paper's value written out, and fails
 * if the table (or the check) drifts from it.
 *
 * Conditions of Assumption 4.1 (assumptions.ts) use the entries marked "Assumption" below.
 */

/**
 * One constant: its value, where the paper states it, and the bound it enters.
 * @category Paper quantities
 */
export interface ProofConstant {
  readonly value: number;
  /** The statement that fixes it (paper numbering). */
  readonly source: string;
  /** The formula it appears in. */
  readonly role: string;
}

const entry = (value: number, source: string, role: string): ProofConstant => ({ value, source, role });

/**
 * The table. Keys name the role; `source` cites the lemma.
 *
 * @example
 * import { PROOF_CONSTANTS } from '@mmcl/theory';
 * // Lemma C.1
 * PROOF_CONSTANTS.proxyNoise.value; // → 5
 * @category Paper quantities
 */
export const PROOF_CONSTANTS = {
  // Lemma C.1 (projection vs coefficient) and the union bounds of Lemmas B.4/B.5 inside it.
  proxyNoise: entry(5, 'Lemma C.1', '|⟨w_r^(t) − w_r^(0), ξ_i⟩ − ρ_{r,i}^(t)| ≤ 5n√(log(6n²/δ)/d)'),
  proxySignal: entry(8, 'Lemma C.1', '|⟨w_r^(t) − w_r^(0), µ⟩ − γ_r^(t)| ≤ n·SNR·√(8 log(6n/δ)/d)'),
  unionNoise: entry(6, 'Lemma B.5 (in C.1)', 'the 6 of log(6n²/δ) and log(6n/δ)'),
  // Lemma C.2 / D.1 (loss derivatives) as the proofs use them.
  negativesPerLossConstant: entry(100, 'Lemma C.11 (proof)', 'M ≥ 100 C_ℓ − 1'),
  multiLossConstant: entry(1.01, 'Lemma D.8', 'C_ℓ = 1.01'),
  // Stage-1 growth rates.
  signalRateSingle: entry(0.52, 'Lemma C.4', 'A_r^(t) ≤ (1 + 0.52η‖µ‖²/(mτ))^t A_r^(0)'),
  noiseRateSingle: entry(0.96, 'Lemma C.11 (and T1 of Lemma 5.2)', 'Ψ_{r,i}^(t) ≥ (1 + 0.96ησ_ξ²d/(nmτ))^t Ψ_{r,i}^(0)'),
  psiOverJoint: entry(101, 'Lemma C.11', 'Ψ_{r,i}^(t) ≥ (101 C_ℓ/(M+1)) B_{r,−}^(t)'),
  jointRateSingle: entry(1.05, 'Lemma C.11', 'B_{r,−}^(t) ≤ (1 + 1.05ησ_ξ²d/(nmτ))^t B_{r,−}^(0)'),
  signalRateMulti: entry(0.48, 'Lemma D.4 (and T1 of Lemma 5.4)', 'C_µA + A~ ≥ (1 + 0.48ηC_µ‖µ‖²/(mτ))^t (C_µA^(0) + A~^(0))'),
  signalOffsetMulti: entry(1, 'Lemma D.4', 'the "− 1" of A_r^(t) ≥ ρ_A^t (A_r^(0) + A~_r^(0)/C_µ) − 1'),
  jointRateMulti: entry(1.05, 'Lemma D.8', 'B_{r,±,+}^(t) ≤ (1 + 1.05ησ_ξ²d/(nmτ))^t B_{r,±,+}^(0) (σ_ξ²d restored, spec §11.5)'),
  psiRateMulti: entry(1.06, 'Lemma D.9 case 4', 'Ψ_{r,i}^(t) ≤ (1 + 1.06ησ_ξ²d/(nmτ))^t (Ψ_{r,i}^(0) + Ψ~_{r,i}^(0))'),
  // End of stage 1.
  stageOneTarget: entry(20, 'Lemmas 5.2 and 5.4', 'T1 = log(20/(σ_0σ_ξ√d))/log(…) and log(20/(σ_0‖µ‖))/log(…)'),
  signalSmallSingle: entry(20, 'Lemma 5.2 (proof)', 'max_r A_r^(t) ≤ 20√(2 log(8m/δ))·SNR for t ≤ T1'),
  signalSmallUnion: entry(8, 'Lemma B.4 (in 5.2)', 'the 8 of log(8m/δ)'),
  noiseMemorised: entry(2, 'Lemma 5.2 (proof)', 'max_{r,i} ρ_{r,i}^(T1) ≥ 2'),
  noiseMemorisedEach: entry(2, 'Lemma 5.2 ("Ω(1) for every i", read with the constant 2 of the max part [choice])', 'min_i max_r ρ_{r,i}^(T1) ≥ 2'),
  meanNoiseLevel: entry(3, 'Lemma 5.2 (proof)', '(1/m) Σ_{r∈U_+^(0)} Ψ_{r,i} reaches 3 within T1'),
  meanSignalLevel: entry(3, 'Lemma 5.4 (proof)', '(1/m) Σ_{r∈U_+^(0)∩U~_+^(0)} A_r reaches 3 within T1'),
  noiseSmallMulti: entry(1, 'Lemma D.15 (used for 5.4)', 'max |ρ|, |ρ~| ≤ 1·σ_0σ_ξ√d'),
  // Second stage.
  alphaFactor: entry(3, 'Proposition C.13', '|γ|, |ρ| ≤ α = log(3MT*)'),
  comparatorScale: entry(2, 'Lemmas C.15 / D.12 (W*)', 'w*_r = w_r^(0) + 2τ log(2M/ϵ)·(direction)'),
  comparatorLog: entry(2, 'Lemmas C.15 / D.12 (W*)', 'the 2 of log(2M/ϵ)'),
  descentSingle: entry(1, 'Lemma C.17', '‖W^(t) − W*‖² − ‖W^(t+1) − W*‖² ≥ ηL − 1·ηϵ'),
  descentMulti: entry(2, 'Lemma D.14', 'Σ ‖W − W*‖² − ‖W′ − W*‖² ≥ ηL − 2ηϵ'),
  bestIterateSingle: entry(2, 'Lemma C.18', 'some iterate in [T1, T] has loss < 2ϵ'),
  bestIterateMulti: entry(3, 'Lemma D.15', 'some iterate in [T1, T] has loss < 3ϵ'),
  signalGrowthSecondStage: entry(3, 'Lemma C.18', 'max_r |γ_r^(t)| ≤ 3β on [T1, T]'),
  gradientArgument: entry(4, 'Lemma C.14 (this check\'s form of the proof)', 'C ≤ 4κ²S²/(mτ² max{‖µ‖², σ_ξ²d})'),
  // Assumption 4.1 and the explicit proof conditions (assumptions.ts).
  dimensionLog: entry(10000, 'Assumption 4.1 (proofs)', 'd > 10000 log(6n²/δ)'),
  antiConcentration: entry(400, 'Lemma B.2', 'd ≥ (400n/(σ_0σ_ξ))·√(log(6n/δ)/(−π log(1 − δ²/(4m²))))'),
  samplesSingle: entry(2500, 'Lemma C.4', 'n ≥ 2500 log(4/δ)'),
  samplesMulti: entry(1_280_000, 'Lemma D.8', 'n ≥ 1280000 log(4/δ)'),
  stepSizeTwelfth: entry(1 / 12, 'Assumption 4.1(2) (proofs)', 'η ≤ (1/12)·nmτ/(σ_ξ²d)'),
  stepSizeFiveTwentyFourths: entry(5 / 24, 'Assumption 4.1(2) (proofs)', 'η ≤ (5/24)·nmτ/(σ_ξ²d)'),
  augmentationRatio: entry(200, 'Lemma C.5 (C_ξ)', 'σ_ξ/σ_ϵ ≥ 200'),
  snrSingleMax: entry(1.8, 'Lemma 5.2', 'n·SNR² ≤ 1.8'),
  snrMultiMin: entry(1.7, 'Lemma 5.4', 'n·SNR² ≥ 1.7'),
  modalityRatioMin: entry(2.66, 'Assumption 4.1(7)', 'C_µ ≥ 2.66'),
  exponentNumerator: entry(2.21, 'Lemma 5.4 (proof)', 'exponent ratio 2.21/(C_µ n SNR²) + 0.01 ≤ 0.5'),
  exponentSlack: entry(0.49, 'Lemma 5.4 (proof)', 'the 0.5 − 0.01 of that ratio'),
  alphaOverTau: entry(20, 'Assumption 4.1 (proofs)', 'α = log(3MT*) ≥ 20τ'),
} as const satisfies Record<string, ProofConstant>;

/**
 * The value of one constant.
 * @category Paper quantities
 */
export const proofConstant = (key: keyof typeof PROOF_CONSTANTS): number => PROOF_CONSTANTS[key].value;
