/**
 * A researcher's script: one multi-modal simulation read through γ and ρ by index names, Figure 1 rebuilt through
 * the library, and Theorems 4.2 / 4.3 checked on the runs. No cast, no hand index arithmetic.
 *
 * Run: node --conditions=source --import tsx docs/examples/06-researcher-script.ts
 */
import { figure1, noiseMemorization, signalLearning, simulate } from '@mmcl/infomax';
import { checkTheorems, trajectoryContext } from '@mmcl/theory';

// A small version of the Figure-1 configuration (every omitted key takes its Figure-1 default).
const config = { d: 400, n: 40, m: 20, steps: 60, muNorm: 3.2, muTildeNorm: 9.6, populationSamples: 2000 };

// 1. One multi-modal run: `run.g` is typed as present because mode is 'multi'.
const run = simulate({ ...config, mode: 'multi', seed: 1 });
const T = run.config.steps;
const [, m, n] = run.h.rho.shape;
let strongest = 0;
for (let r = 1; r < m; r++) if (Math.abs(run.h.gamma.get(T, r)) > Math.abs(run.h.gamma.get(T, strongest))) strongest = r;
let memorised = 0;
for (let i = 0; i < n; i++) memorised += Math.max(...Array.from({ length: m }, (_, r) => run.g.rho.get(T, r, i)));
console.log(`h: strongest neuron r = ${strongest}, γ_r^(T) = ${run.h.gamma.get(T, strongest).toFixed(4)}`);
console.log(`h: max_r |γ_r^(T)| by hand equals signalLearning: ${Math.abs(run.h.gamma.get(T, strongest)) === signalLearning(run.h)[T]}`);
console.log(`g: (1/n) Σ_i max_r ρ~_{r,i}^(T) by hand equals noiseMemorization: ${memorised / n === noiseMemorization(run.g)[T]}`);

// 2. Figure 1 through the library (mmcl fig1 runs the same plan on every core and draws it).
const { curves, seeds } = figure1({ seeds: 2, config });
for (const curve of curves) {
  const last = (s: { mean: number[] }) => s.mean[s.mean.length - 1].toFixed(3);
  console.log(`figure 1, ${curve.mode}-modal, mean over ${seeds} seeds at t = ${T}: loss ${last(curve.loss)}, ` +
    `test accuracy ${last(curve.accuracy)}, signal ${last(curve.signal)}, noise ${last(curve.noise)}`);
}

// 3. Theorems 4.2 (single-modal: Θ(1) downstream error) and 4.3 (multi-modal: o(1) error) on seed-1 runs. Part (1),
// training loss ≤ ϵ at T*, needs the convergence horizon: after these 60 steps it is reported as not holding.
for (const mode of ['single', 'multi'] as const) {
  for (const check of checkTheorems(trajectoryContext(simulate({ ...config, mode, seed: 1 })))) {
    console.log(`${mode}: ${check.id} ${check.statement} → holds: ${check.holds}`);
  }
}
