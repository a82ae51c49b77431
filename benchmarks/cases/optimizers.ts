/**
 * Optimizers on paper 1's model (issue #14, spec optimizers.md §5.3): each optimizer's mmcl run replayed by
 * torch.optim (SGD / Adam / AdamW / RMSprop, LambdaLR for the schedules; benchmarks/reference/optimizers.py) from
 * the run directory mmcl writes, agreement ≤ 1e-9 on the loss, a_t and γ, ρ, and the time per step of both sides.
 * The span-preserving optimizers run in mmcl's reduced engine, the coordinate-wise ones in the dense engine; PyTorch
 * always runs the d-dimensional weights, so the per-step ratio is the reduced engine's advantage for the former.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, writeRunDirectory } from '@mmcl/infomax';
import { decodeArray, type EncodedArray, type ReferenceServer } from '../harness/reference.js';
import type { Report } from '../harness/report.js';
import { formatMs, relativeDifference } from '../harness/stats.js';

/** The tolerance; Adam's documented moment-order difference (~1e-16 per step) stays far below it. */
export const OPTIMIZER_TOLERANCE = 1e-9;

/** The replayed optimizers: every PyTorch class, minibatches of both kinds, both decays and every schedule. */
const CASES: Array<{ name: string; mode: 'single' | 'multi'; eta?: number; optimizer: Record<string, unknown> }> = [
  { name: 'SGD B=20, momentum 0.9', mode: 'single', optimizer: { name: 'sgd', batchSize: 20, momentum: 0.9 } },
  { name: 'Nesterov 0.9, coupled decay, step schedule', mode: 'multi', optimizer: { name: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 0.1, schedule: 'step', stepEvery: 10, stepFactor: 0.5 } },
  { name: 'SGD B=25 whole-set negatives, decoupled decay, cosine + warm-up', mode: 'single', optimizer: { name: 'sgd', batchSize: 25, batchNegatives: 'all', weightDecay: 0.5, decoupledWeightDecay: true, schedule: 'cosine', warmupSteps: 5, minFactor: 0.1 } },
  { name: 'Adam', mode: 'single', eta: 1e-4, optimizer: { name: 'adam' } },
  { name: 'AdamW', mode: 'multi', eta: 1e-4, optimizer: { name: 'adamw', weightDecay: 0.1 } },
  { name: 'RMSprop B=20', mode: 'single', eta: 1e-4, optimizer: { name: 'rmsprop', batchSize: 20 } },
  { name: 'sign descent', mode: 'single', eta: 1e-4, optimizer: { name: 'signgd' } },
];

interface Reply {
  ms: number;
  arrays: Record<string, EncodedArray>;
}

/** Replays every case on the Figure-1 configuration (d = 2000, n = 100, m = 50) for `steps` steps. */
export async function runOptimizerCases(server: ReferenceServer, report: Report, workDir: string, steps: number, log: (line: string) => void): Promise<void> {
  for (const spec of CASES) {
    const coordinateWise = spec.optimizer.name !== 'sgd';
    const config = {
      mode: spec.mode, steps, nTest: 4, probeTrainSize: 2, evalEvery: steps, populationSamples: 0,
      engine: coordinateWise ? ('dense' as const) : ('reduced' as const), optimizer: spec.optimizer, ...(spec.eta ? { eta: spec.eta } : {}),
    };
    const result = simulate(config);
    const dir = join(workDir, `optimizer-${spec.name.replace(/[^a-z0-9]+/gi, '-')}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    writeRunDirectory(result, dir);
    const reply = await server.request<Reply>({ cmd: 'optimizer', dir });
    const ref = (k: string) => decodeArray(reply.arrays[k]).data;
    const differences: Record<string, number> = {
      loss: relativeDifference(result.loss, ref('loss')),
      a: relativeDifference(result.h.a!, ref('a')),
      'γ': relativeDifference(result.h.gamma.data, ref('gamma')),
      'ρ': relativeDifference(result.h.rho.data, ref('rho')),
    };
    if (result.g) {
      differences['γ~'] = relativeDifference(result.g.gamma.data, ref('gamma_tilde'));
      differences['ρ~'] = relativeDifference(result.g.rho.data, ref('rho_tilde'));
    }
    const mmclPerStep = result.wallTimeMs / steps;
    const referencePerStep = reply.ms / steps;
    report.add({
      section: 'optimizers',
      name: `${spec.name} (${config.engine} engine, ${spec.mode})`,
      unit: `one step of a ${steps}-step run with γ, ρ (mmcl: simulate incl. set-up; PyTorch: torch.optim replay + least squares)`,
      mmclMs: [mmclPerStep],
      referenceMs: [referencePerStep],
      agreement: { differences, tolerance: OPTIMIZER_TOLERANCE },
    });
    log(`  ${spec.name}: mmcl ${formatMs(mmclPerStep)}/step, PyTorch ${formatMs(referencePerStep)}/step`);
  }
}
