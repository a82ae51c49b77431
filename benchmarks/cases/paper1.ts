/**
 * Paper 1 (Huang et al. 2024): mmcl's dense and reduced engines against the PyTorch float64 reference, on the
 * same inputs (the reference loads the run directory mmcl writes), alternated on the same machine.
 *
 * Both sides produce the same thing: the loss at t = 0..T and γ, ρ of every encoder at t = 0..T. The downstream
 * probe is reduced to its minimum on the mmcl side (4 test samples, evaluated at t = 0 and T only, no population
 * error) because the reference has no probe; what is timed is the training dynamics and its decomposition, from
 * inputs in memory.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateInputs, resolveConfig, simulate, writeRunDirectory, type InfomaxConfig, type SimulationResult } from '@mmcl/infomax';
import { decodeArray, type EncodedArray, type ReferenceServer } from '../harness/reference.js';
import type { Report, Row } from '../harness/report.js';
import { alternate, formatMs, median, relativeDifference, timed } from '../harness/stats.js';

/** The tolerance for paper-1 trajectories (loss, γ, ρ). */
export const PAPER1_TOLERANCE = 1e-9;

export interface Paper1Case {
  name: string;
  overrides: Partial<InfomaxConfig>;
  /** Which engines to time against the reference. */
  engines: Array<'dense' | 'reduced'>;
  reps: number;
  /** Speed-up targets by engine (issue 13: reduced end to end, dense per step). */
  targets?: Partial<Record<'dense' | 'reduced', number>>;
  /** Length of the runs that time the dense engine per step (default min(steps, 20)). */
  perStepSteps?: number;
}

interface ReferenceReply {
  ms: number;
  arrays: Record<string, EncodedArray>;
}

/** The keys of the configuration the reference reads (the rest only shapes mmcl's data draw and probe). */
function referenceConfig(c: InfomaxConfig): Record<string, unknown> {
  return { mode: c.mode, d: c.d, n: c.n, m: c.m, steps: c.steps, eta: c.eta, tau: c.tau };
}

function compare(result: SimulationResult, ref: Record<string, EncodedArray>): Record<string, number> {
  const out: Record<string, number> = {
    loss: relativeDifference(result.loss, decodeArray(ref.loss).data),
    'γ': relativeDifference(result.h.gamma.data, decodeArray(ref.gamma).data),
    'ρ': relativeDifference(result.h.rho.data, decodeArray(ref.rho).data),
  };
  if (result.g && ref.gamma_tilde) {
    out['γ~'] = relativeDifference(result.g.gamma.data, decodeArray(ref.gamma_tilde).data);
    out['ρ~'] = relativeDifference(result.g.rho.data, decodeArray(ref.rho_tilde).data);
  }
  return out;
}

export async function runPaper1Case(spec: Paper1Case, server: ReferenceServer, report: Report, workDir: string): Promise<void> {
  const configs = Object.fromEntries(spec.engines.map((engine) => [engine, resolveConfig({
    // The reference has no downstream probe, so mmcl's is kept to its minimum (4 test samples, fitted at t = 0 and
    // T only; the test set has its own random stream, so the training inputs are unchanged).
    nTest: 4, probeTrainSize: 2, ...spec.overrides, engine, populationSamples: 0, evalEvery: spec.overrides.steps ?? 200,
  })])) as Record<'dense' | 'reduced', InfomaxConfig>;
  const base = configs[spec.engines[0]];
  const dir = join(workDir, `paper1-${spec.name.replace(/[^a-z0-9]+/gi, '-')}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  // The data are drawn once, outside the timed region, as the reference loads them outside its timed region.
  const inputs = generateInputs(base);
  const run = (engine: 'dense' | 'reduced', steps = base.steps) => simulate({ ...configs[engine], steps, evalEvery: steps }, { inputs });
  // First runs: results for the agreement check (and warm-up of both sides' code paths).
  const results: Partial<Record<'dense' | 'reduced', SimulationResult>> = {};
  const firstMs: Partial<Record<'dense' | 'reduced', number>> = {};
  for (const engine of spec.engines) {
    const t = await timed(() => run(engine));
    results[engine] = t.value;
    firstMs[engine] = t.ms;
  }
  writeRunDirectory(results[spec.engines[0]]!, dir);
  const request = { cmd: 'paper1', dir, config: referenceConfig(base), record: true };
  const first = await server.request<ReferenceReply>(request);

  // End to end: the reduced engine against the reference, whole trajectories, alternated. The dense engine is
  // ~10× slower than the reference, so its whole trajectory is timed once (the agreement run above) and its
  // speed is measured per step on shorter runs, alternated with bare PyTorch GD steps.
  const endToEnd: Record<string, () => Promise<number>> = {
    reference: async () => (await server.request<ReferenceReply>(request)).ms,
  };
  if (spec.engines.includes('reduced')) endToEnd.reduced = async () => (await timed(() => run('reduced'))).ms;
  const times = await alternate(spec.reps, endToEnd);
  const perStep = spec.perStepSteps ?? Math.min(base.steps, 20);
  const stepTimes = spec.engines.includes('dense')
    ? await alternate(spec.reps, {
      dense: async () => (await timed(() => run('dense', perStep))).ms / perStep,
      reference: async () => (await server.request<{ ms: number }>({ cmd: 'paper1_steps', dir, config: referenceConfig(base), steps: perStep })).ms / perStep,
    })
    : undefined;

  // The reduced engine's per-step cost once its Gram matrices are built: the difference of two run lengths.
  const extra = Math.max(50, base.steps);
  const reducedStep = spec.engines.includes('reduced')
    ? await alternate(spec.reps, {
      short: async () => (await timed(() => run('reduced'))).ms,
      long: async () => (await timed(() => run('reduced', base.steps + extra))).ms,
      oneStep: async () => (await timed(() => run('reduced', 1))).ms,
    })
    : undefined;

  const { d, n, m, steps, mode } = base;
  const shape = `${mode}, d = ${d}, n = ${n}, m = ${m}`;
  for (const engine of spec.engines) {
    const row: Row = {
      section: `paper 1 ${spec.name}`,
      name: `${engine} engine (${shape})`,
      unit: `${steps} steps, loss+γ+ρ trajectory, end to end`,
      mmclMs: engine === 'reduced' ? times.reduced : [firstMs.dense!],
      referenceMs: times.reference,
      agreement: { differences: compare(results[engine]!, first.arrays), tolerance: PAPER1_TOLERANCE },
      target: engine === 'reduced' ? spec.targets?.reduced : undefined,
      note: engine === 'dense' ? 'mmcl timed once (the agreement run, JIT warm-up included); see the per-step row' : undefined,
    };
    report.add(row);
    if (engine === 'reduced' && reducedStep && stepTimes) {
      // Paired differences (short and long run of the same repetition, back to back) cancel slow load drifts.
      const reducedPerStep = reducedStep.long.map((t, r) => (t - reducedStep.short[r]) / extra);
      report.add({
        section: `paper 1 ${spec.name}`,
        name: `reduced engine per step after its Gram set-up (${shape})`,
        unit: `one GD step: (${steps + extra}-step run − ${steps}-step run) / ${extra}, paired per repetition (PyTorch: bare autograd step)`,
        mmclMs: reducedPerStep,
        referenceMs: stepTimes.reference,
        note: `a 1-step run (set-up: data projections, Gram matrices, probe at t = 0 and 1) takes ${formatMs(median(reducedStep.oneStep))}`,
      });
    }
    if (engine === 'dense' && stepTimes) {
      report.add({
        section: `paper 1 ${spec.name}`,
        name: `dense engine per step (${shape})`,
        unit: `one GD step: ${perStep}-step run / ${perStep} (mmcl: simulate incl. set-up and γ, ρ; PyTorch: bare autograd steps)`,
        mmclMs: stepTimes.dense,
        referenceMs: stepTimes.reference,
        target: spec.targets?.dense,
      });
    }
  }
}
