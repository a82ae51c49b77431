/**
 * `mmcl run CONFIG.json --out DIR`: one paper-1 simulation (Huang et al. 2024) from a JSON configuration of
 * @mmcl/infomax keys, written as a run directory (docs/run-directory.md). Bad input fails before any work with one
 * line naming the key; nothing is left at DIR unless the run completed.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveConfig, simulate, writeRunDirectory, noiseMemorization, signalLearning } from '@mmcl/infomax';
import { readConfigFile } from '../config.js';
import { CliError, EXIT_BAD_INPUT } from '../errors.js';
import { createProgress } from '../progress.js';

interface RunOptions {
  out: string;
  quiet: boolean;
}

export function register(program: Command): void {
  program
    .command('run')
    .description(
      'One paper-1 simulation (single- or multi-modal InfoMax) from CONFIG.json (@mmcl/infomax keys; omitted keys get ' +
        'the Figure-1 defaults). Writes config.json, inputs/*.npy, trajectory/*.npy and summary.json to --out.',
    )
    .argument('<config>', 'JSON file of configuration keys, e.g. {"mode": "multi", "seed": 1}')
    .requiredOption('--out <dir>', 'run directory to create (must not exist or be empty)')
    .option('--quiet', 'no progress bar and no summary line', false)
    .action((configPath: string, options: RunOptions) => {
      runCommand(configPath, options);
    });
}

function runCommand(configPath: string, options: RunOptions): void {
  const config = resolveConfig(readConfigFile(configPath)); // ConfigError: one line naming the key, exit code 2
  if (existsSync(options.out) && readdirSync(options.out).length > 0)
    throw new CliError('--out', `${options.out} already exists and is not empty`, 'choose another --out or remove it', EXIT_BAD_INPUT);
  const progress = createProgress('run', config.steps + 1, { quiet: options.quiet });
  let result;
  try {
    result = simulate(config, { onStep: () => progress.increment() });
  } finally {
    progress.stop();
  }
  writeRunDirectory(result, options.out);
  if (!options.quiet) {
    const { m, n, steps } = config;
    const signal = signalLearning(result.first, m, n)[steps];
    const noise = noiseMemorization(result.first, m, n)[steps];
    const accuracy = result.testAccuracy[result.testAccuracy.length - 1];
    process.stdout.write(
      `mmcl run: ${config.mode}-modal, ${config.engine} engine, seed ${config.seed}, ${steps} steps in ${(result.wallTimeMs / 1000).toFixed(1)} s: ` +
        `loss ${result.loss[steps].toPrecision(4)}, signal ${signal.toPrecision(4)}, noise ${noise.toPrecision(4)}, ` +
        `test accuracy ${accuracy.toFixed(3)} → ${options.out}\n`,
    );
  }
}
