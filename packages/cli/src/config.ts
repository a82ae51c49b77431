/**
 * Command options from three layers, later ones winning: the defaults declared on the commander options, a JSON
 * configuration file (--config FILE), and the flags given on the command line. The merged object is validated with
 * a zod schema; a failure names the field the way the user wrote it (`--seeds`, or `seeds in cfg.json`).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from './errors.js';

/** The flag spelling of an option key: `muNorm` → `--mu-norm`. */
export function flagOf(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/**
 * Reads and parses a JSON file, or throws a one-line CliError on `field`. By default the field is the file itself,
 * as for the CONFIG.json argument of `mmcl run` and `mmcl verify` (a file of @mmcl/infomax keys); the value is
 * returned as parsed, for resolveConfig to validate naming the key.
 */
export function readConfigFile(path: string, field = path): unknown {
  // The problem names the file only when the field does not already.
  const file = field === path ? 'the configuration file' : path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(field, `cannot read ${file} (${code})`, 'pass the path of an existing JSON file');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(field, `${file} is not valid JSON (${(error as Error).message})`, 'fix the JSON syntax');
  }
}

/** The --config file of the long-running commands, as a plain object. */
function readOptionsFile(path: string): Record<string, unknown> {
  const value = readConfigFile(path, '--config');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError('--config', `${path} must hold a JSON object`, 'write the options as { "key": value, ... }');
  }
  return value as Record<string, unknown>;
}

/** Describes one zod issue in words a user of the command line understands. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return issue.message;
}

/**
 * Merges defaults, the --config file and command-line flags, and validates the result with `schema`.
 * `options` is the object commander passes to the action. The `config` key itself is not part of the result.
 */
export function resolveOptions<S extends z.ZodType>(
  command: Command,
  options: Record<string, unknown>,
  schema: S,
): z.infer<S> {
  const defaults: Record<string, unknown> = {};
  const flags: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'config') continue;
    if (command.getOptionValueSource(key) === 'cli') flags[key] = value;
    else defaults[key] = value;
  }
  const configPath = typeof options.config === 'string' ? options.config : undefined;
  const file = configPath === undefined ? {} : readOptionsFile(configPath);
  const merged = { ...defaults, ...file, ...flags };
  const parsed = schema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? '');
  const where =
    key in flags ? flagOf(key) : configPath !== undefined && key in file ? `${issue.path.join('.') || key} in ${configPath}` : key;
  const fix =
    issue.code === 'unrecognized_keys'
      ? `remove it; the valid keys are listed by 'mmcl ${command.name()} --help'`
      : `set a valid value with ${flagOf(key)} or in the --config file`;
  const value = merged[key as keyof typeof merged] as unknown;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  const got = key in merged && issue.code !== 'unrecognized_keys' ? ` (got ${shown})` : '';
  throw new CliError(where || 'options', describeIssue(issue) + got, fix);
}

/** A flag arrives as a string: a non-blank one becomes a number for zod to check; JSON values pass as they are. */
const fromFlag = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v);

/** A zod number parsed from a flag string or taken from JSON, rejecting '', NaN and ±Infinity. */
export const numberField = () => z.preprocess(fromFlag, z.number().refine(Number.isFinite, 'must be a finite number'));

/** A positive integer field (sizes, counts, seeds). */
export const positiveIntField = () => z.preprocess(fromFlag, z.number().int('must be a whole number').positive('must be positive'));
