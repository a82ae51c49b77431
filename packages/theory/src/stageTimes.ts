import type { InfomaxConfig } from '@mmcl/infomax';
import { proofConstant } from './constants.js';

/**
 * SNR = ‖µ‖ / (σ_ξ √d) (Assumption 4.1).
 *
 * @example
 * import { signalToNoise } from '@mmcl/theory';
 * // Figure 1: n·SNR² = 1.25
 * signalToNoise({ muNorm: 5, sigmaXi: 1, d: 2000 }).toFixed(4); // → '0.1118'
 * @category Paper quantities
 */
export function signalToNoise(config: Pick<InfomaxConfig, 'muNorm' | 'sigmaXi' | 'd'>): number {
  return config.muNorm / (config.sigmaXi * Math.sqrt(config.d));
}

/**
 * C_µ = ‖µ~‖ / ‖µ‖ (Assumption 4.1(7)).
 *
 * @example
 * import { modalityRatio } from '@mmcl/theory';
 * modalityRatio({ muNorm: 5, muTildeNorm: 15 }); // → 3
 * @category Paper quantities
 */
export function modalityRatio(config: Pick<InfomaxConfig, 'muNorm' | 'muTildeNorm'>): number {
  return config.muTildeNorm / config.muNorm;
}

/**
 * The per-step noise growth factor of stage 1 with constant c: 1 + c·η σ_ξ² d/(n m τ) (Lemmas C.11, D.8, D.9).
 *
 * @example
 * import { defaultConfig } from '@mmcl/infomax';
 * import { noiseRate } from '@mmcl/theory';
 * // 1 + 0.96·0.01·2000/(100·50·0.1)
 * noiseRate(defaultConfig, 0.96).toFixed(4); // → '1.0384'
 * @category Paper quantities
 */
export function noiseRate(config: InfomaxConfig, constant: number): number {
  const { eta, sigmaXi, d, n, m, tau } = config;
  return 1 + (constant * eta * sigmaXi * sigmaXi * d) / (n * m * tau);
}

/**
 * The end of stage 1, T1, of Lemma 5.2 (single-modal) or Lemma 5.4 (multi-modal), as a real number (clamped at 0
 * when the logarithm's argument is below 1, i.e. when the initialisation is already at the target scale).
 *
 *   single: T1 = log(20/(σ_0 σ_ξ √d)) / log(1 + 0.96 η σ_ξ² d/(n m τ))
 *   multi:  T1 = log(20/(σ_0 ‖µ‖))    / log(1 + 0.48 C_µ η ‖µ‖²/(m τ))
 *
 * @example
 * import { stageOneTime } from '@mmcl/theory';
 * import { resolveConfig } from '@mmcl/infomax';
 * // Figure-1 configuration
 * Math.round(stageOneTime(resolveConfig({ mode: 'single' }))); // → 101
 * @category Paper quantities
 */
export function stageOneTime(config: InfomaxConfig): number {
  const { sigma0, sigmaXi, d, muNorm, eta, m, tau } = config;
  if (config.mode === 'single') {
    const target = Math.log(proofConstant('stageOneTarget') / (sigma0 * sigmaXi * Math.sqrt(d)));
    return Math.max(0, target / Math.log(noiseRate(config, proofConstant('noiseRateSingle'))));
  }
  const rate = 1 + (proofConstant('signalRateMulti') * modalityRatio(config) * eta * muNorm * muNorm) / (m * tau);
  return Math.max(0, Math.log(proofConstant('stageOneTarget') / (sigma0 * muNorm)) / Math.log(rate));
}

/**
 * The order of T* in Theorems 4.2 and 4.3, with the Θ̃ factor set to 1:
 * T* ≈ η^{-1} m n σ_ξ^{-2} d^{-1} (1 + ϵ^{-1}).
 *
 * @example
 * import { convergenceTimeOrder } from '@mmcl/theory';
 * import { resolveConfig } from '@mmcl/infomax';
 * convergenceTimeOrder(resolveConfig({}), 0.05); // → 5250
 * @category Paper quantities
 */
export function convergenceTimeOrder(config: InfomaxConfig, epsilon: number): number {
  const { eta, m, n, sigmaXi, d } = config;
  return ((m * n) / (eta * sigmaXi * sigmaXi * d)) * (1 + 1 / epsilon);
}

/**
 * The number of hard negatives the proofs call M: |N_i| ≈ n/2 for "all" (spec §8.3), else the configured M.
 *
 * @example
 * import { typicalNegatives } from '@mmcl/theory';
 * typicalNegatives({ negatives: 'all', n: 100 }); // → 50
 * typicalNegatives({ negatives: 10, n: 100 }); // → 10
 * @category Paper quantities
 */
export function typicalNegatives(config: Pick<InfomaxConfig, 'negatives' | 'n'>): number {
  return config.negatives === 'all' ? Math.floor(config.n / 2) : config.negatives;
}
