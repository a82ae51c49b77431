/**
 * Simulate the single- and multi-modal InfoMax dynamics of Huang et al. (2024) and read γ and ρ.
 *
 * Run: node --conditions=source --import tsx docs/examples/02-simulate-paper1.ts
 */
import { noiseMemorization, signalLearning, simulate } from '@mmcl/infomax';

// A small version of the Figure-1 configuration (every omitted key takes its Figure-1 default).
const base = { d: 400, n: 40, m: 20, steps: 60, muNorm: 3.2, muTildeNorm: 9.6, seed: 1 };

for (const mode of ['single', 'multi'] as const) {
  const run = simulate({ ...base, mode });
  const { steps } = run.config;
  // Encoder h (weights W); run.g is encoder g (weights W~) of multi-modal runs. γ is (T+1)×m, ρ is (T+1)×m×n.
  const gammaFinal = run.h.gamma.get(steps, 0); // γ_1^(T)
  const rhoFinal = run.h.rho.get(steps, 0, 0); // ρ_{1,1}^(T)
  const signal = signalLearning(run.h); // max_r |γ_r^(t)|, t = 0..T
  const noise = noiseMemorization(run.h); // mean_i max_r ρ_{r,i}^(t)
  console.log(
    `${mode.padEnd(6)} loss ${run.loss[0].toFixed(3)} → ${run.loss[steps].toFixed(3)}; ` +
      `γ_1^(T) = ${gammaFinal.toFixed(4)}, ρ_{1,1}^(T) = ${rhoFinal.toFixed(4)}; ` +
      `signal ${signal[steps].toFixed(3)}, noise ${noise[steps].toFixed(3)}, ` +
      `test accuracy ${run.testAccuracy[run.testAccuracy.length - 1].toFixed(3)}`,
  );
}
