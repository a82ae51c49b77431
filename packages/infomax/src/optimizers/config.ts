/**
 * The `optimizer` configuration key (spec optimizers.md): validation, per-optimizer defaults and one-line errors.
 * The default is full-batch gradient descent ({ name: 'sgd' } with every default), which reproduces the paper's
 * trajectories bit for bit. Internal: resolveConfig calls it and raises the ConfigError.
 */
import type { OptimizerConfig, OptimizerName } from '../types.js';

/**
 * The optimizers, in the order of the docs.
 * @category Optimizers
 */
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'adam', 'adamw', 'rmsprop', 'signgd'];

/**
 * Optimizers whose updates rescale coordinates: they leave span{µ, ξ_i} and run in the dense engine only.
 *
 * @example
 * import { isCoordinateWise } from '@mmcl/infomax/internal';
 * [isCoordinateWise('sgd'), isCoordinateWise('adam')]; // → [false, true]
 * @category Optimizers
 */
export function isCoordinateWise(name: OptimizerName): boolean {
  return name !== 'sgd';
}

/**
 * The default optimizer: full-batch GD with constant η.
 * @category Optimizers
 */
export const defaultOptimizer: Readonly<OptimizerConfig> = Object.freeze({
  name: 'sgd',
  momentum: 0,
  nesterov: false,
  batchSize: 'full',
  batchNegatives: 'batch',
  weightDecay: 0,
  decoupledWeightDecay: false,
  schedule: 'constant',
  warmupSteps: 0,
} satisfies OptimizerConfig);

const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, momentOrder: 'lerp' } as const;

/** Keys and defaults that only some optimizers have (PyTorch's defaults). */
const OWN_DEFAULTS: Record<OptimizerName, Partial<OptimizerConfig>> = {
  sgd: { momentum: 0, nesterov: false },
  adam: ADAM,
  adamw: { ...ADAM, weightDecay: 0.01, decoupledWeightDecay: true },
  rmsprop: { alpha: 0.99, epsilon: 1e-8 },
  signgd: {},
};
const OWN_KEYS: Record<OptimizerName, readonly string[]> = {
  sgd: ['momentum', 'nesterov'],
  adam: ['beta1', 'beta2', 'epsilon', 'momentOrder'],
  adamw: ['beta1', 'beta2', 'epsilon', 'momentOrder'],
  rmsprop: ['alpha', 'epsilon'],
  signgd: [],
};
const COMMON_KEYS = ['name', 'batchSize', 'batchNegatives', 'weightDecay', 'decoupledWeightDecay', 'schedule', 'warmupSteps'];
const SCHEDULE_KEYS: Record<OptimizerConfig['schedule'], readonly string[]> = {
  constant: [],
  step: ['stepEvery', 'stepFactor'],
  cosine: ['cosineSteps', 'minFactor'],
};
const SCHEDULE_DEFAULTS: Record<OptimizerConfig['schedule'], Partial<OptimizerConfig>> = {
  constant: {},
  step: { stepEvery: 50, stepFactor: 0.1 },
  cosine: { minFactor: 0 },
};
const ALL_KEYS = new Set([...COMMON_KEYS, ...Object.values(OWN_KEYS).flat(), ...Object.values(SCHEDULE_KEYS).flat()]);

/** Raise a one-line problem with an `optimizer.<key>`; the caller turns it into a ConfigError. */
export type Fail = (key: string, constraint: string) => never;

type Check = (value: unknown) => string | undefined;
const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const range = (low: number, high: number, openHigh = true): Check => (v) =>
  finite(v) && (v as number) >= low && (openHigh ? (v as number) < high : (v as number) <= high)
    ? undefined
    : `must be a number in [${low}, ${high}${openHigh ? ')' : ']'}`;
const positive: Check = (v) => (finite(v) && (v as number) > 0 ? undefined : 'must be a number > 0');
const nonNegative: Check = (v) => (finite(v) && (v as number) >= 0 ? undefined : 'must be a number ≥ 0');
const integer = (min: number): Check => (v) => (Number.isInteger(v) && (v as number) >= min ? undefined : `must be an integer ≥ ${min}`);
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const oneOf = (...options: string[]): Check => (v) =>
  options.includes(v as string) ? undefined : `must be ${options.map((o) => JSON.stringify(o)).join(' or ')}`;

const CHECKS: Record<string, Check> = {
  name: oneOf(...OPTIMIZER_NAMES),
  momentum: range(0, 1),
  nesterov: boolean,
  batchSize: (v) => (v === 'full' || (Number.isInteger(v) && (v as number) >= 1) ? undefined : 'must be "full" or an integer B ≥ 1'),
  batchNegatives: oneOf('batch', 'all'),
  weightDecay: nonNegative,
  decoupledWeightDecay: boolean,
  beta1: range(0, 1),
  beta2: range(0, 1),
  epsilon: positive,
  momentOrder: oneOf('lerp', 'classic'),
  alpha: range(0, 1),
  schedule: oneOf('constant', 'step', 'cosine'),
  stepEvery: integer(1),
  stepFactor: positive,
  cosineSteps: integer(1),
  minFactor: range(0, 1, false),
  warmupSteps: integer(0),
};

function shown(value: unknown): string {
  return typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value);
}

/**
 * Validate the raw `optimizer` value (a name such as "adam", or an object with a `name` and settings) and fill the
 * defaults of that optimizer and schedule. `steps` is the run's T (the default cosine horizon), `n` its sample count.
 */
export function resolveOptimizer(raw: unknown, context: { steps: number; n: number }, fail: Fail): OptimizerConfig {
  const given: Record<string, unknown> = typeof raw === 'string' ? { name: raw } : (raw as Record<string, unknown>);
  if (given === null || typeof given !== 'object' || Array.isArray(given))
    fail('optimizer', `must be an optimizer name (${OPTIMIZER_NAMES.join(', ')}) or an object { "name": …, settings } (got ${shown(raw)})`);
  const name = (given.name ?? 'sgd') as OptimizerName;
  const nameProblem = CHECKS.name(name);
  if (nameProblem) fail('optimizer.name', `${nameProblem} (got ${shown(given.name)})`);
  for (const key of Object.keys(given)) {
    if (!ALL_KEYS.has(key)) fail(`optimizer.${key}`, `unknown key (known keys: ${[...ALL_KEYS].join(', ')})`);
  }
  const schedule = (given.schedule ?? 'constant') as OptimizerConfig['schedule'];
  const scheduleProblem = CHECKS.schedule(schedule);
  if (scheduleProblem) fail('optimizer.schedule', `${scheduleProblem} (got ${shown(schedule)})`);
  const allowed = new Set([...COMMON_KEYS, ...OWN_KEYS[name], ...SCHEDULE_KEYS[schedule]]);
  for (const key of Object.keys(given)) {
    if (!allowed.has(key)) {
      const owner = Object.keys(SCHEDULE_KEYS).find((s) => SCHEDULE_KEYS[s as OptimizerConfig['schedule']].includes(key));
      const why = owner
        ? `applies only to schedule "${owner}" (schedule is "${schedule}")`
        : `does not apply to "${name}" (it belongs to ${OPTIMIZER_NAMES.filter((o) => OWN_KEYS[o].includes(key)).join(', ')})`;
      fail(`optimizer.${key}`, `${why}; remove it`);
    }
  }
  const common = {
    batchSize: defaultOptimizer.batchSize,
    batchNegatives: defaultOptimizer.batchNegatives,
    weightDecay: 0,
    decoupledWeightDecay: false,
    schedule: 'constant',
    warmupSteps: 0,
  };
  const merged: Record<string, unknown> = {
    name,
    ...common,
    ...SCHEDULE_DEFAULTS[schedule],
    ...(schedule === 'cosine' ? { cosineSteps: Math.max(1, context.steps) } : {}),
    ...OWN_DEFAULTS[name],
    ...given,
  };
  // Only the keys of this optimizer and schedule are kept (config.json shows what the run used).
  const resolved: Record<string, unknown> = {};
  for (const key of ['name', ...OWN_KEYS[name], ...COMMON_KEYS.slice(1), ...SCHEDULE_KEYS[schedule]]) resolved[key] = merged[key];
  for (const [key, value] of Object.entries(resolved)) {
    const problem = CHECKS[key](value);
    if (problem) fail(`optimizer.${key}`, `${problem} (got ${shown(value)})`);
  }
  const config = resolved as unknown as OptimizerConfig;
  if (config.nesterov && !(config.momentum! > 0)) fail('optimizer.nesterov', 'needs momentum > 0 (as in torch.optim.SGD); set optimizer.momentum');
  if (name === 'adamw' && !config.decoupledWeightDecay) fail('optimizer.decoupledWeightDecay', 'is always true for adamw; use "adam" for coupled decay');
  if (typeof config.batchSize === 'number' && config.batchSize > context.n)
    fail('optimizer.batchSize', `must be ≤ n = ${context.n} (got ${config.batchSize}); use "full" for full-batch steps`);
  return config;
}
