import { DEFAULT_ADAM, type AdamOptions } from './adam.js';
import { IntrinsicInputError, requireInteger, requirePositive } from './errors.js';

/**
 * 'meanNorm': ⟨f̃(x)/m̂_f, g̃(y)/m̂_g⟩ with m̂ the mean norm over the reference set, gradient flowing through m̂
 * (the paper's default, spec §2.1). 'cosine': the cosine similarity (the paper's ablation); no reference set.
 * @category Training
 */
export type Similarity = 'meanNorm' | 'cosine';

/**
 * Everything that shapes one training step. Defaults are the paper's synthetic setting (spec §3.2).
 * @category Training
 */
export interface StepConfig {
  similarity: Similarity;
  /** true: τ = exp(c·s) + τ_min is learned with the X encoder's Adam; false: τ = initialTemperature, fixed. */
  learnTemperature: boolean;
  /** c in τ = exp(c·s) + τ_min; 4 for synthetic data (code), 10 matches the paper text's τ learning rate. */
  temperatureScale: number;
  /** τ_min (1e-4). */
  temperatureMin: number;
  /** τ_0 when learned (default 1), or the fixed τ (default 1, the spec's control). */
  initialTemperature: number;
  adam: AdamOptions;
}

/**
 * Paper 2's training-step settings (similarity, temperature, Adam).
 * @category Training
 */
export const DEFAULT_STEP_CONFIG: StepConfig = {
  similarity: 'meanNorm',
  learnTemperature: true,
  temperatureScale: 4,
  temperatureMin: 1e-4,
  initialTemperature: 1,
  adam: DEFAULT_ADAM,
};

/**
 * A StepConfig with any field left out, Adam's settings included (resolveStepConfig fills the defaults).
 * @category Training
 */
export type StepConfigOptions = Partial<Omit<StepConfig, 'adam'>> & { adam?: Partial<AdamOptions> };

/**
 * Fills defaults and validates, with errors naming the field.
 *
 * @example
 * resolveStepConfig({ temperatureScale: 10, adam: { learningRate: 1e-3 } }).temperatureMin; // → 1e-4
 * @category Training
 */
export function resolveStepConfig(partial: StepConfigOptions = {}): StepConfig {
  const config: StepConfig = { ...DEFAULT_STEP_CONFIG, ...partial, adam: { ...DEFAULT_ADAM, ...(partial.adam ?? {}) } };
  if (config.similarity !== 'meanNorm' && config.similarity !== 'cosine') {
    throw new IntrinsicInputError(`similarity must be 'meanNorm' or 'cosine' (got '${String(config.similarity)}')`);
  }
  requirePositive('temperatureScale', config.temperatureScale);
  if (!(config.temperatureMin >= 0)) throw new IntrinsicInputError(`temperatureMin must be ≥ 0 (got ${config.temperatureMin})`);
  if (!(config.initialTemperature > config.temperatureMin)) {
    throw new IntrinsicInputError(`initialTemperature must exceed temperatureMin = ${config.temperatureMin} (got ${config.initialTemperature})`);
  }
  requirePositive('adam.learningRate', config.adam.learningRate);
  return config;
}

/**
 * s_0. The authors' code sets s_0 = log τ_init = 0 for τ_init = 1 (τ_0 = 1 + τ_min); for other τ_init spec §6.2
 * uses s_0 = log(τ_init − τ_min)/c so that τ_0 = τ_init exactly.
 *
 * @example
 * initialLogTemperature(resolveStepConfig()); // → 0
 * @category Training
 */
export function initialLogTemperature(config: StepConfig): number {
  if (config.initialTemperature === 1) return 0;
  return Math.log(config.initialTemperature - config.temperatureMin) / config.temperatureScale;
}

/**
 * τ from s (learned: exp(c·s) + τ_min), or the fixed τ.
 *
 * @example
 * temperatureOf(0, resolveStepConfig()); // → 1.0001
 * @category Training
 */
export function temperatureOf(logTemperature: number, config: StepConfig): number {
  return config.learnTemperature ? Math.exp(config.temperatureScale * logTemperature) + config.temperatureMin : config.initialTemperature;
}

/** Batch-size check shared by the trainers. */
export function checkBatchSize(batchSize: number, rows: number): void {
  requireInteger('batchSize', batchSize, 2);
  if (batchSize > rows) throw new IntrinsicInputError(`batchSize ${batchSize} exceeds the ${rows} training rows; lower batchSize or add rows`);
}
