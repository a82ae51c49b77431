/**
 * The Figure-1 numbers of docs/paper1.md: the default configuration (spec §7.1), seeds 0–3, single vs multi, at
 * step 200: training loss (t = 0 and T), signal max_r |γ_r|, noise mean_i max_r ρ_{r,i}, encoder g's
 * signal, probe test accuracy and the population 0-1 error of the final probe (10⁴ fresh samples).
 * Usage: node --conditions=source --import tsx benchmarks/infomax/fig1-numbers.ts [seeds] [engine]
 */
import { noiseMemorization, signalLearning, simulate } from '@mmcl/infomax';

const seeds = Number(process.argv[2] ?? 4);
const engine = (process.argv[3] ?? 'reduced') as 'reduced' | 'dense';
const rows: string[] = ['| mode | seed | loss t=0 | loss t=200 | signal | noise | signal~ | noise~ | test acc. | population error |', '|---|---|---|---|---|---|---|---|---|---|'];
for (const mode of ['single', 'multi'] as const) {
  for (let seed = 0; seed < seeds; seed++) {
    const r = simulate({ mode, seed, engine });
    const { steps } = r.config;
    const signal = signalLearning(r.h)[steps];
    const noise = noiseMemorization(r.h)[steps];
    const signalTilde = r.g ? signalLearning(r.g)[steps].toFixed(3) : '–';
    const noiseTilde = r.g ? noiseMemorization(r.g)[steps].toFixed(3) : '–';
    const acc = r.testAccuracy[r.testAccuracy.length - 1];
    rows.push(`| ${mode} | ${seed} | ${r.loss[0].toFixed(3)} | ${r.loss[steps].toFixed(4)} | ${signal.toFixed(3)} | ${noise.toFixed(3)} | ${signalTilde} | ${noiseTilde} | ${acc.toFixed(2)} | ${r.populationError.toFixed(4)} |`);
    console.error(rows[rows.length - 1], `${(r.wallTimeMs / 1000).toFixed(1)} s`);
  }
}
console.log(rows.join('\n'));
