/**
 * `mmcl verify CONFIG.json [--out DIR]`: simulate a paper-1 configuration and check every assumption, lemma and
 * theorem of Huang et al. (2024) on its trajectory (@mmcl/theory). Prints the table (statement, holds, margin,
 * location) and writes verify.json and verify.md to DIR. Exit code 0 unless --strict is given and a statement failed.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '@mmcl/infomax';
import { renderMarkdown, renderTable, reportToJson, verify } from '@mmcl/theory';
import { readConfigFile } from '../config.js';
import { CliError, EXIT_BAD_INPUT, EXIT_RUN_FAILED } from '../errors.js';
import { stageOutput } from '../output.js';
import { createProgress } from '../progress.js';
import { addMemoryOption, checkMemory, simulationMemory } from '../memory.js';

interface VerifyFlags {
  out?: string;
  epsilon: string;
  delta?: string;
  crossEngine: string;
  strict: boolean;
  quiet: boolean;
  overwrite: boolean;
  maxMemory?: string;
}

function positiveNumber(flag: string, text: string, upper = Number.POSITIVE_INFINITY): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= upper)
    throw new CliError(
      flag,
      `must be ${Number.isFinite(upper) ? `a number in (0, ${upper})` : 'a positive number'} (got ${JSON.stringify(text)})`,
      `pass e.g. ${flag} 0.05`,
      EXIT_BAD_INPUT,
    );
  return value;
}

export function register(program: Command): void {
  const command = program
    .command('verify')
    .description(
      'Simulate CONFIG.json (@mmcl/infomax keys; omitted keys get the Figure-1 defaults) and check Assumption 4.1 and ' +
        'every lemma and theorem of paper 1 on the trajectory. Prints statement / holds / margin / location and writes ' +
        'verify.json and verify.md to --out. See docs/theory.md.',
    )
    .argument('<config>', 'JSON file of configuration keys, e.g. {"mode": "multi", "seed": 1}')
    .option('--out <dir>', 'folder for verify.json and verify.md (default: runs/verify/<config name>)')
    .option('--epsilon <value>', 'target training loss ϵ of the theorems', '0.05')
    .option('--delta <value>', 'failure probability δ of the lemmas (default 1/d)')
    .option('--cross-engine <when>', 'also run the other engine and compare coefficients: auto | always | never', 'auto')
    .option('--overwrite', "replace mmcl's own earlier result in --out (never a folder holding files mmcl did not write)", false)
    .option('--strict', 'exit with code 1 when any statement fails', false)
    .option('--quiet', 'no progress bar and no table', false);
  addMemoryOption(command).action((configPath: string, flags: VerifyFlags) => {
      verifyCommand(configPath, flags);
    });
}

function verifyCommand(configPath: string, flags: VerifyFlags): void {
  const config = resolveConfig(readConfigFile(configPath)); // ConfigError: one line naming the key, exit code 2
  const epsilon = positiveNumber('--epsilon', flags.epsilon);
  const delta = flags.delta === undefined ? undefined : positiveNumber('--delta', flags.delta, 1);
  const when = flags.crossEngine;
  if (when !== 'auto' && when !== 'always' && when !== 'never')
    throw new CliError('--cross-engine', `must be auto, always or never (got ${JSON.stringify(when)})`, 'pass e.g. --cross-engine never', EXIT_BAD_INPUT);
  const crossEngine = when === 'auto' ? 'auto' : when === 'always';
  const runs = crossEngine === false ? 1 : 2;
  // Both engines' trajectories are kept for the comparison; the dense one also holds d-dimensional weights.
  checkMemory(simulationMemory(config), { maxMemory: flags.maxMemory, concurrent: runs, where: configPath });
  const out = stageOutput(flags.out ?? `runs/verify/${basename(configPath).replace(/\.json$/i, '')}`, {
    command: 'verify',
    options: { config: configPath, ...flags },
    overwrite: flags.overwrite,
  });

  const progress = createProgress('verify', runs * (config.steps + 1), { quiet: flags.quiet });
  let report;
  try {
    report = verify(config, { epsilon, ...(delta === undefined ? {} : { delta }), crossEngine, onStep: () => progress.increment() });
  } catch (error) {
    out.discard();
    throw error;
  } finally {
    progress.stop();
  }
  out.write('verify.json', reportToJson(report));
  out.write('verify.md', renderMarkdown(report));
  out.commit();
  if (!flags.quiet) process.stdout.write(`${renderTable(report)}\n→ ${out.final}/verify.{json,md}\n`);
  if (flags.strict && report.summary.failed > 0) {
    const failed = report.checks.filter((c) => c.holds === false).map((c) => c.id);
    throw new CliError('--strict', `${failed.length} statement(s) failed: ${failed.join(', ')}`, `see ${out.final}/verify.md`, EXIT_RUN_FAILED);
  }
}
