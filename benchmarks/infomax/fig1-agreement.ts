/**
 * Dense vs reduced on the full Figure-1 configuration (d = 2000, n = 100, m = 50, 200 steps), single and multi:
 * wall times (same process, alternated) and the maximum normwise relative difference of loss, γ, ρ (γ~, ρ~) over all
 * steps. After a short warm-up, the reduced engine runs before and after each dense run and its median time is used,
 * so that the ratio is measured under the same load (the machine is shared).
 * Usage: node --conditions=source --import tsx benchmarks/infomax/fig1-agreement.ts [seed] [steps] [denseReps]
 */
import { simulate, type SimulationResult } from '@mmcl/infomax';
import { median, relativeDifference } from '../harness/stats.js';

/** The largest per-step normwise relative difference (each step t compared on its own scale). */
function perStep(a: Float64Array, b: Float64Array, points: number): number {
  const size = a.length / points;
  let worst = 0;
  for (let t = 0; t < points; t++) {
    worst = Math.max(worst, relativeDifference(a.subarray(t * size, (t + 1) * size), b.subarray(t * size, (t + 1) * size)));
  }
  return worst;
}

const seed = Number(process.argv[2] ?? 0);
const steps = Number(process.argv[3] ?? 200);
const denseReps = Number(process.argv[4] ?? 1);

/** A simulation with its wall time and its process CPU time (user + system), in ms. Under an oversubscribed machine
 * the CPU time is the fairer measure of a single-threaded engine; unloaded, the two coincide. */
function run(config: Record<string, unknown>): { result: SimulationResult; wallMs: number; cpuMs: number } {
  const before = process.cpuUsage();
  const result = simulate(config);
  const cpu = process.cpuUsage(before);
  return { result, wallMs: result.wallTimeMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
for (const mode of ['single', 'multi'] as const) {
  const base = { mode, seed, steps, populationSamples: 0, evalEvery: steps };
  run({ ...base, engine: 'reduced', steps: 5 }); // warm-up: compile the reduced path before timing it
  const reducedRuns = [run({ ...base, engine: 'reduced' })];
  const denseRuns: ReturnType<typeof run>[] = [];
  for (let rep = 0; rep < denseReps; rep++) {
    denseRuns.push(run({ ...base, engine: 'dense' }));
    reducedRuns.push(run({ ...base, engine: 'reduced' }));
  }
  if (denseRuns.length === 0) throw new Error('denseReps must be ≥ 1');
  const dense = denseRuns[0].result;
  const reduced = reducedRuns[0].result;
  const points = steps + 1;
  const diffs: Record<string, number> = {
    loss: perStep(dense.loss, reduced.loss, points),
    gamma: perStep(dense.h.gamma.data, reduced.h.gamma.data, points),
    rho: perStep(dense.h.rho.data, reduced.h.rho.data, points),
  };
  if (dense.g && reduced.g) {
    diffs.gammaTilde = perStep(dense.g.gamma.data, reduced.g.gamma.data, points);
    diffs.rhoTilde = perStep(dense.g.rho.data, reduced.g.rho.data, points);
  }
  const wall = (runs: typeof denseRuns) => runs.map((r) => Math.round(r.wallMs));
  const cpu = (runs: typeof denseRuns) => runs.map((r) => Math.round(r.cpuMs));
  console.log(JSON.stringify({
    mode, seed, steps,
    denseWallMs: wall(denseRuns), reducedWallMs: wall(reducedRuns),
    denseCpuMs: cpu(denseRuns), reducedCpuMs: cpu(reducedRuns),
    wallRatio: +(median(wall(denseRuns)) / median(wall(reducedRuns))).toFixed(1),
    cpuRatio: +(median(cpu(denseRuns)) / median(cpu(reducedRuns))).toFixed(1),
    maxRelativeDifference: diffs,
  }));
}
