/**
 * `mmcl phase`: the phase diagram of spec §9.10. Sweeps n·SNR² (through ‖µ‖) and C_µ (through ‖µ~‖) on a
 * geometric grid, single- and multi-modal, several seeds per point, on every core. `--shard K/N` runs only its
 * share of the grid into a shard folder; `mmcl merge` combines the shards into the figure.
 */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { PHASE_DEFAULT_STEPS } from '@mmcl/infomax';
import { positiveIntField, resolveOptions } from '../config.js';
import { addModelOptions, modelOptionsShape, modelOverrides, resolveModel } from '../model-options.js';
import { addRunOptions, runOptionsShape } from '../options.js';
import { axisField, phasePoints, phaseResult, pointConfig, writePhaseOutputs, type PhaseGrid, type PhasePoint, type PhaseResult } from '../phase-grid.js';
import { parseShard, WHOLE } from '../sweep/shard.js';
import { runSimulations } from '../simulations.js';
import type { SweepKind } from '../sweep/merge.js';
import type { RunSummary } from '../summary.js';
import { addDivergenceOptions, divergenceShape } from '../divergence.js';
import { addMemoryOption, memoryShape } from '../memory.js';

/** The defaults of the sweep; see docs/cli.md for their run time. */
export const PHASE_DEFAULTS = { snr: '0.25:8:12', cMu: '0.25:8:12', seeds: 3, steps: PHASE_DEFAULT_STEPS };

const schema = z.strictObject({
  snr: axisField(),
  cMu: axisField(),
  seeds: positiveIntField(),
  shard: z.string().optional(),
  ...runOptionsShape,
  ...modelOptionsShape,
  ...divergenceShape,
  ...memoryShape,
});

export function register(program: Command): void {
  const command = program
    .command('phase')
    .description(
      'Phase diagram (spec §9.10): final test accuracy and signal/noise coefficient ratio over n·SNR² × C_µ, ' +
        'single- and multi-modal, with the heuristic boundaries and the paper constants. Writes phase.svg, phase.csv, phase-runs.csv.',
    )
    .option('--snr <min:max:points>', 'n·SNR² axis (geometric)', PHASE_DEFAULTS.snr)
    .option('--c-mu <min:max:points>', 'C_µ = ‖µ~‖/‖µ‖ axis (geometric)', PHASE_DEFAULTS.cMu)
    .addOption(new Option('--seeds <n>', 'seeds per grid point (seeds 0..n−1)').default(PHASE_DEFAULTS.seeds))
    .option('--shard <K/N>', 'run only the K-th of N shares of the grid (for cluster job arrays; combine with mmcl merge)');
  addModelOptions(command, ['muNorm', 'muTildeNorm'], { steps: String(PHASE_DEFAULTS.steps), evalEvery: 'steps (final accuracy only)' });
  addRunOptions(command, 'runs/phase');
  addDivergenceOptions(command);
  addMemoryOption(command);
  command.action(async (options: Record<string, unknown>, self: Command) => {
    await runPhase(resolveOptions(self, options, schema));
  });
}

async function runPhase(options: z.infer<typeof schema>): Promise<void> {
  const shard = options.shard === undefined ? WHOLE : parseShard(options.shard);
  const overrides = modelOverrides(options);
  // Only the final accuracy is reported, so by default the probe runs at t = 0 and t = T only, and the population
  // error (10⁴ fresh d-dimensional samples per run) is skipped.
  // 100 steps instead of Figure 1's 200 halve the sweep; by then the loss has converged and the signal/noise
  // ordering is settled (docs/cli.md). --steps 200 restores the Figure-1 horizon.
  const steps = Number(overrides.steps ?? PHASE_DEFAULTS.steps);
  const base = resolveModel({ evalEvery: steps, populationSamples: 0, ...overrides, steps });
  const grid: PhaseGrid = { snr: options.snr, cMu: options.cMu, seeds: options.seeds, base };
  const points = phasePoints(grid);
  const byName = new Map(points.map((point) => [point.name, point]));
  await runSimulations({
    kind: PHASE_SWEEP,
    options,
    sweep: grid,
    runs: points.map((point) => ({ name: point.name, config: resolveModel(pointConfig(grid, point) as unknown as Record<string, unknown>) })),
    shard,
    label: shard.count > 1 ? `phase ${shard.index}/${shard.count}` : 'phase',
    describe: (name) => describePoint(byName.get(name)!),
  });
}

/** A grid point by its values, as a user reads the figure: "multi-modal n·SNR² = 2, C_µ = 1.5, seed 0". */
export function describePoint(point: PhasePoint): string {
  const snr = `n·SNR² = ${point.nSnr2.toPrecision(4).replace(/\.?0+$/, '')}`;
  const cMu = point.mode === 'multi' ? `, C_µ = ${point.cMu.toPrecision(4).replace(/\.?0+$/, '')}` : '';
  return `${point.mode}-modal ${snr}${cMu}, seed ${point.seed}`;
}

/** The phase sweep's outputs, written by `mmcl phase` and by `mmcl merge` from its shards. */
export const PHASE_SWEEP: SweepKind<PhaseGrid, RunSummary> = {
  command: 'phase',
  files: 'phase.svg, phase.csv, phase-runs.csv',
  write: (grid, summaries, output) => {
    const results: PhaseResult[] = phasePoints(grid).map((point) => phaseResult(grid, point, summaries.get(point.name)!));
    return writePhaseOutputs(grid, results, output);
  },
};
