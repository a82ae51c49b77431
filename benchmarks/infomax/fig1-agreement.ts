/**
 * Dense vs reduced on the full Figure-1 configuration (d = 2000, n = 100, m = 50, 200 steps), single and multi:
 * wall times (same process, alternated) and the maximum normwise relative difference of loss, γ, ρ (γ~, ρ~) over all
 * steps. Usage: node --conditions=source --import tsx benchmarks/infomax/fig1-agreement.ts [seed] [steps]
 */
import { simulate, type SimulationResult } from '@mmcl/infomax';

/** max_t |a_t − b_t| / max_t |b_t| over one trajectory (normwise, so exact zeros do not blow it up). */
function relative(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < a.length; k++) {
    num = Math.max(num, Math.abs(a[k] - b[k]));
    den = Math.max(den, Math.abs(b[k]));
  }
  return den === 0 ? num : num / den;
}

/** The largest per-step normwise relative difference (each step t compared on its own scale). */
function perStep(a: Float64Array, b: Float64Array, points: number): number {
  const size = a.length / points;
  let worst = 0;
  for (let t = 0; t < points; t++) worst = Math.max(worst, relative(a.subarray(t * size, (t + 1) * size), b.subarray(t * size, (t + 1) * size)));
  return worst;
}

const seed = Number(process.argv[2] ?? 0);
const steps = Number(process.argv[3] ?? 200);
for (const mode of ['single', 'multi'] as const) {
  const base = { mode, seed, steps, populationSamples: 0, evalEvery: steps };
  const reduced = simulate({ ...base, engine: 'reduced' });
  const dense: SimulationResult = simulate({ ...base, engine: 'dense' });
  const points = steps + 1;
  const diffs: Record<string, number> = {
    loss: perStep(dense.loss, reduced.loss, points),
    gamma: perStep(dense.first.gamma, reduced.first.gamma, points),
    rho: perStep(dense.first.rho, reduced.first.rho, points),
  };
  if (dense.second && reduced.second) {
    diffs.gammaTilde = perStep(dense.second.gamma, reduced.second.gamma, points);
    diffs.rhoTilde = perStep(dense.second.rho, reduced.second.rho, points);
  }
  const ratio = dense.wallTimeMs / reduced.wallTimeMs;
  console.log(JSON.stringify({ mode, seed, steps, denseMs: Math.round(dense.wallTimeMs), reducedMs: Math.round(reduced.wallTimeMs), ratio: +ratio.toFixed(1), maxRelativeDifference: diffs }));
}
