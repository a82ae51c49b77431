/**
 * Flags for the paper-1 model (the engine's configuration keys most often changed), shared by fig1 and phase.
 * Any other engine key goes in the "model" object of the --config file; flags win over it. Defaults are the
 * engine's Figure-1 defaults, shown in --help but not passed, so the engine stays their single source.
 */
import { Option, type Command } from 'commander';
import { ConfigError, defaultConfig, resolveConfig, type InfomaxConfig } from '@mmcl/infomax';
import { z } from 'zod';
import { CliError } from './errors.js';
import { flagOf, numberField, positiveIntField } from './config.js';

/** Engine keys that have a flag, with their help text. */
const MODEL_FLAGS = {
  d: 'patch dimension d',
  n: 'number of training samples n',
  m: 'width m',
  steps: 'gradient-descent steps (epochs) T',
  eta: 'learning rate η',
  tau: 'temperature τ',
  sigma0: 'initialisation scale σ_0',
  muNorm: 'signal norm ‖µ‖',
  muTildeNorm: 'second-modality signal norm ‖µ~‖',
  evalEvery: 'evaluate the probe every this many steps',
  nTest: 'number of OOD test samples',
  engine: "'reduced' (Gram-space, fast) or 'dense' (full weights)",
} as const satisfies Partial<Record<keyof InfomaxConfig, string>>;

type ModelFlag = keyof typeof MODEL_FLAGS;

/**
 * Adds the model flags to `command`; `skip` leaves out keys the command sets itself, `shownDefaults` replaces the
 * engine default shown in --help where the command uses its own.
 */
export function addModelOptions(command: Command, skip: readonly ModelFlag[] = [], shownDefaults: Partial<Record<ModelFlag, string>> = {}): Command {
  for (const [key, help] of Object.entries(MODEL_FLAGS) as [ModelFlag, string][]) {
    if (skip.includes(key)) continue;
    const value = key === 'engine' ? '<name>' : '<x>';
    command.addOption(new Option(`${flagOf(key)} ${value}`, `${help} (default: ${shownDefaults[key] ?? String(defaultConfig[key])})`));
  }
  return command;
}

/** The zod shape of the model flags plus the free-form "model" object of the --config file. */
export const modelOptionsShape = {
  d: positiveIntField().optional(),
  n: positiveIntField().optional(),
  m: positiveIntField().optional(),
  steps: positiveIntField().optional(),
  eta: numberField().optional(),
  tau: numberField().optional(),
  sigma0: numberField().optional(),
  muNorm: numberField().optional(),
  muTildeNorm: numberField().optional(),
  evalEvery: positiveIntField().optional(),
  nTest: positiveIntField().optional(),
  engine: z.string().optional(),
  model: z.record(z.string(), z.unknown()).optional(),
};

/** The engine overrides chosen by the user: the --config "model" object, then the flags. */
export function modelOverrides(options: Record<string, unknown>): Record<string, unknown> {
  const overrides: Record<string, unknown> = { ...((options.model as Record<string, unknown> | undefined) ?? {}) };
  for (const key of Object.keys(MODEL_FLAGS)) if (options[key] !== undefined) overrides[key] = options[key];
  return overrides;
}

/** resolveConfig with its ConfigError turned into a one-line CliError naming the flag or the config key. */
export function resolveModel(raw: Record<string, unknown>): InfomaxConfig {
  try {
    return resolveConfig(raw);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const problem = err.message.replace(/^config\.[^:]*:\s*/, '');
    const field = err.key in MODEL_FLAGS ? flagOf(err.key) : `model.${err.key}`;
    throw new CliError(field, problem, `set ${field} to a valid value (engine defaults: spec §7.1)`);
  }
}
