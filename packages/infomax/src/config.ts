/**
 * The run configuration: Figure-1 defaults (spec §7.1), a strict zod schema, and one-line errors.
 */
import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { InputError } from '@mmcl/autodiff';
import { defaultOptimizer, isCoordinateWise, resolveOptimizer } from './optimizers/config.js';
import type { InfomaxConfig } from './types.js';

/**
 * A configuration outside the model. The message is one line naming the key and the constraint.
 * @category Configuration and results
 */
export class ConfigError extends InputError {
  override readonly name = 'ConfigError';
  constructor(
    readonly key: string,
    constraint: string,
  ) {
    super(`config.${key}: ${constraint}`);
  }
}

/**
 * The Figure-1 configuration of spec §7.1; [choice] values (τ, σ_0, negatives, ϵ fixed, probe protocol) documented
 * in docs/paper1.md. Every key of {@link InfomaxConfig} has a default here.
 *
 * @example
 * import { defaultConfig } from '@mmcl/infomax';
 * defaultConfig.d; // → 2000
 * @category Configuration and results
 */
export const defaultConfig: Readonly<InfomaxConfig> = Object.freeze({
  mode: 'single',
  d: 2000,
  n: 100,
  m: 50,
  steps: 200,
  eta: 0.01,
  tau: 0.1,
  sigma0: 0.01,
  sigmaXi: 1,
  sigmaEps: 0.1,
  muNorm: 5,
  muTildeNorm: 15,
  negatives: 'all',
  resampleEps: false,
  engine: 'reduced',
  seed: 0,
  evalEvery: 10,
  nTest: 200,
  testNu: 'experiment',
  nuNorm: 2,
  muAxis: 0,
  muTildeAxis: 1,
  probeTrainSize: 100,
  probeC: 1,
  populationSamples: 10000,
  optimizer: defaultOptimizer,
  muDirection: 'axis',
  sampler: 'explicit',
} satisfies InfomaxConfig);

const finite = () => z.number({ error: 'must be a finite number' }).refine(Number.isFinite, { message: 'must be a finite number' });
const integer = (min: number) => finite().refine((v) => Number.isInteger(v) && v >= min, { message: `must be an integer ≥ ${min}` });
const positive = () => finite().refine((v) => v > 0, { message: 'must be > 0' });
const nonNegative = () => finite().refine((v) => v >= 0, { message: 'must be ≥ 0' });

const schema = z.strictObject({
  mode: z.enum(['single', 'multi'], { error: 'must be "single" or "multi"' }),
  d: integer(1),
  n: integer(2),
  m: integer(1),
  steps: integer(0),
  eta: positive(),
  tau: positive(),
  sigma0: nonNegative(),
  sigmaXi: positive(),
  sigmaEps: nonNegative(),
  muNorm: positive(),
  muTildeNorm: positive(),
  negatives: z.custom<'all' | number>((v) => v === 'all' || (typeof v === 'number' && Number.isInteger(v) && v >= 1), {
    message: 'must be "all" or an integer M ≥ 1',
  }),
  resampleEps: z.boolean({ error: 'must be true or false' }),
  engine: z.enum(['dense', 'reduced'], { error: 'must be "dense" or "reduced"' }),
  seed: integer(0).refine((v) => v <= 0xffffffff, { message: 'must be an integer in [0, 2^32 − 1]' }),
  evalEvery: integer(1),
  nTest: integer(4),
  testNu: z.enum(['experiment', 'theory'], { error: 'must be "experiment" or "theory"' }),
  nuNorm: nonNegative(),
  muAxis: integer(0),
  muTildeAxis: integer(0),
  probeTrainSize: integer(2),
  probeC: positive(),
  populationSamples: integer(0),
  optimizer: z.unknown(), // validated by resolveOptimizer, which knows each optimizer's keys
  muDirection: z.enum(['axis', 'random'], { error: 'must be "axis" or "random"' }),
  sampler: z.enum(['explicit', 'gram'], { error: 'must be "explicit" or "gram"' }),
});

function shown(value: unknown): string {
  return typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value);
}

/** Names researchers reach for that are not the paper's symbols (checked before the edit-distance guess). */
const SYNONYMS: Record<string, keyof InfomaxConfig> = {
  lr: 'eta', learningrate: 'eta', temperature: 'tau', temp: 'tau', width: 'm', samples: 'n', dim: 'd', dimension: 'd',
  epochs: 'steps', iterations: 'steps', iters: 'steps', sigma: 'sigma0', initscale: 'sigma0',
};

/** The known key an unknown `key` most likely meant, or undefined when none is close. */
export function suggestKey(key: string): string | undefined {
  const known = Object.keys(defaultConfig);
  const folded = key.replace(/[_\-\s]/g, '').toLowerCase();
  if (SYNONYMS[folded]) return SYNONYMS[folded];
  const exact = known.find((k) => k.toLowerCase() === folded);
  if (exact) return exact;
  const guess = closest(key, known);
  return distance(key.toLowerCase(), guess.toLowerCase()) <= Math.max(1, Math.floor(guess.length / 3)) ? guess : undefined;
}

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): ConfigError {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const guess = suggestKey(key);
    const hint = guess ? `did you mean "${guess}"? ` : '';
    return new ConfigError(key, `unknown key; ${hint}(known keys: ${Object.keys(defaultConfig).join(', ')})`);
  }
  const key = issue.path.map(String).join('.') || '(root)';
  if (issue.path.length === 0) return new ConfigError('(root)', 'must be a JSON object of configuration keys');
  return new ConfigError(key, `${issue.message} (got ${shown(raw[key])})`);
}

/** Cross-field constraints that the per-key schema cannot express. */
function checkConsistency(config: InfomaxConfig): void {
  const { d, n, nTest, probeTrainSize, muAxis, muTildeAxis, engine, negatives } = config;
  if (muAxis >= d) throw new ConfigError('muAxis', `must be < d = ${d} (got ${muAxis})`);
  if (muTildeAxis >= d) throw new ConfigError('muTildeAxis', `must be < d = ${d} (got ${muTildeAxis})`);
  if (probeTrainSize >= nTest)
    throw new ConfigError('probeTrainSize', `must be < nTest = ${nTest} so that the probe has test samples`);
  // The dense engine reports the coefficients by least squares on span{µ, ξ_i}, unique only when d ≥ n + 1.
  if (engine === 'dense' && d < n + 1)
    throw new ConfigError('d', `must be ≥ n + 1 = ${n + 1} for the dense engine (least squares on span{µ, ξ_i})`);
  if (config.sampler === 'gram') checkGramSampler(config);
  if (typeof negatives === 'number' && negatives > n - 1)
    throw new ConfigError('negatives', `must be ≤ n − 1 = ${n - 1} (got ${negatives})`);
  if (engine === 'reduced' && isCoordinateWise(config.optimizer.name))
    throw new ConfigError(
      'engine',
      `must be "dense" for optimizer ${config.optimizer.name}: its coordinate-wise update leaves span{µ, ξ_i}, which the reduced engine assumes`,
    );
}

/** The Gram sampler draws inner products for the reduced engine, with ϵ_i held fixed (gram-sampler.md §3). */
function checkGramSampler({ engine, resampleEps, d }: InfomaxConfig): void {
  if (engine !== 'reduced')
    throw new ConfigError('sampler', '"gram" serves the reduced engine only (the dense engine needs d-dimensional vectors); set engine "reduced" or sampler "explicit"');
  if (resampleEps)
    throw new ConfigError('sampler', '"gram" draws ϵ_i once; set resampleEps false or sampler "explicit"');
  if (d < 2) throw new ConfigError('d', `must be ≥ 2 with sampler "gram" (µ and ν span two coordinates) (got ${d})`);
}

/**
 * Validate a raw configuration (e.g. parsed JSON) and fill every omitted key with its Figure-1 default.
 * Unknown keys, wrong types, non-finite numbers and values outside the model throw a {@link ConfigError}.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * const config = resolveConfig({ mode: 'multi', steps: 20 });
 * config.n; // → 100
 * @category Configuration and results
 */
export function resolveConfig(raw: unknown = {}): InfomaxConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError('(root)', 'must be a JSON object of configuration keys');
  const merged = { ...defaultConfig, ...(raw as Record<string, unknown>) };
  const parsed = schema.safeParse(merged);
  if (!parsed.success) throw describeIssue(parsed.error.issues[0], merged);
  const config = parsed.data as InfomaxConfig;
  config.optimizer = resolveOptimizer(parsed.data.optimizer, config, (key, constraint) => {
    throw new ConfigError(key, constraint);
  });
  checkConsistency(config);
  return config;
}
