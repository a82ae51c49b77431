/**
 * `mmcl run CONFIG.json --out DIR`: one paper-1 simulation (Huang et al. 2024) from a JSON configuration of
 * @mmcl/infomax keys, written as a run directory (docs/run-directory.md). Bad input fails before any work with one
 * line naming the key; nothing is left at DIR unless the run completed.
 */
import type { Command } from 'commander';
import { resolveConfig, simulate, noiseMemorization, signalLearning } from '@mmcl/infomax';
import { writeRunContents } from '@mmcl/infomax/internal';
import { readConfigFile } from '../config.js';
import { stageOutput } from '../output.js';
import { createProgress } from '../progress.js';
import { addDivergenceOptions, recordDivergence, reportDivergence } from '../divergence.js';
import { numberField } from '../config.js';
import { CliError } from '../errors.js';
import { addMemoryOption, checkMemory, simulationMemory } from '../memory.js';

interface RunOptions {
  out: string;
  quiet: boolean;
  overwrite: boolean;
  divergenceFactor: string | number;
  strict: boolean;
  maxMemory?: string;
}

export function register(program: Command): void {
  const command = program
    .command('run')
    .description(
      'One paper-1 simulation (single- or multi-modal InfoMax) from CONFIG.json (@mmcl/infomax keys; omitted keys get ' +
        'the Figure-1 defaults). Writes config.json, inputs/*.npy, trajectory/*.npy and summary.json to --out.',
    )
    .argument('<config>', 'JSON file of configuration keys, e.g. {"mode": "multi", "seed": 1}')
    .requiredOption('--out <dir>', 'run directory to create (must not exist or be empty)')
    .option('--overwrite', "replace mmcl's own earlier result in --out (never a folder holding files mmcl did not write)", false)
    .option('--quiet', 'no progress bar and no summary line', false);
  addMemoryOption(addDivergenceOptions(command)).action((configPath: string, options: RunOptions) => {
    runCommand(configPath, options);
  });
}

/** --divergence-factor as a number > 1, or a one-line error naming it. */
function divergenceFactorOf(value: string | number): number {
  const parsed = numberField().safeParse(value);
  if (!parsed.success || !(parsed.data > 1)) throw new CliError('--divergence-factor', `must be a number greater than 1 (got ${JSON.stringify(value)})`, 'pass e.g. --divergence-factor 1e6');
  return parsed.data;
}

function runCommand(configPath: string, options: RunOptions): void {
  const config = resolveConfig(readConfigFile(configPath)); // ConfigError: one line naming the key, exit code 2
  const factor = divergenceFactorOf(options.divergenceFactor);
  checkMemory(simulationMemory(config), { maxMemory: options.maxMemory, where: configPath });
  // Checked before simulating: an --out that is a file, unwritable, or holds anything but mmcl's own output.
  const output = stageOutput(options.out, { command: 'run', options: { config: configPath, ...options }, overwrite: options.overwrite });
  const progress = createProgress('run', config.steps + 1, { quiet: options.quiet });
  let result;
  let diverged;
  try {
    result = simulate(config, { onStep: () => progress.increment() });
    writeRunContents(result, output.staging);
    diverged = recordDivergence(output.staging, result.loss, factor);
    output.commit();
  } catch (error) {
    output.discard();
    throw error;
  } finally {
    progress.stop();
  }
  if (!options.quiet) {
    const { steps } = config;
    const signal = signalLearning(result.h)[steps];
    const noise = noiseMemorization(result.h)[steps];
    const accuracy = result.testAccuracy[result.testAccuracy.length - 1];
    process.stdout.write(
      `mmcl run: ${config.mode}-modal, ${config.engine} engine, seed ${config.seed}, ${steps} steps in ${(result.wallTimeMs / 1000).toFixed(1)} s: ` +
        `loss ${result.loss[steps].toPrecision(4)}, signal ${signal.toPrecision(4)}, noise ${noise.toPrecision(4)}, ` +
        `test accuracy ${accuracy.toFixed(3)} → ${options.out}\n`,
    );
  }
  reportDivergence([{ name: `seed ${config.seed}`, diverged: diverged ?? false }], options.strict);
}
