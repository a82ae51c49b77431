/**
 * Item 7 of the theory issue: where, in n·SNR² and C_µ, single-modal learning stops memorising noise and
 * multi-modal learning starts learning signal, against the paper's sufficient constants (n·SNR² ≤ 1.8, ≥ 1.7,
 * C_µ ≥ 2.66, i.e. C_µ·n·SNR² ≳ 4.5) and the heuristic rates of spec §6.9 (n·SNR² < 2, C_µ·n·SNR² > 2).
 *
 * Outcome of a run: the signal share s = S/(S + N) at the last step, with S = max_r |γ_r| (signal learning) and
 * N = (1/n) Σ_i max_r ρ_{r,i} (noise memorisation) of encoder h, the Figure-1 metrics of spec §7.1.
 * s < ½: noise won; s > ½: signal won. The threshold is the n·SNR² where the seed-averaged s crosses ½ (linear
 * interpolation between grid points). n·SNR² is varied through ‖µ‖ at fixed d, n, σ_ξ.
 *
 * Usage: node --conditions=source --import tsx benchmarks/theory/thresholds.ts [seeds]   (about two minutes)
 */
import { noiseMemorization, signalLearning, simulate } from '@mmcl/infomax';

const seeds = Number(process.argv[2] ?? 2);
const base = { d: 2000, n: 50, m: 20, steps: 400, eta: 0.002, tau: 0.1, sigma0: 0.01, sigmaXi: 1, sigmaEps: 0.1, populationSamples: 0, evalEvery: 1000, nTest: 8, probeTrainSize: 4 };
const grid = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 5];

function signalShare(mode: 'single' | 'multi', nSnr2: number, cMu: number, seed: number): number {
  const muNorm = Math.sqrt((nSnr2 * base.sigmaXi ** 2 * base.d) / base.n);
  const result = simulate({ ...base, mode, muNorm, muTildeNorm: cMu * muNorm, seed });
  const { steps } = result.config;
  const signal = signalLearning(result.h)[steps];
  const noise = noiseMemorization(result.h)[steps];
  return signal / (signal + noise);
}

/** The grid value where the averaged share crosses ½ (NaN when it never does). */
function crossing(values: number[], shares: number[]): number {
  for (let k = 1; k < values.length; k++) {
    const [a, b] = [shares[k - 1] - 0.5, shares[k] - 0.5];
    if (a === 0) return values[k - 1];
    if (a < 0 !== b < 0) return values[k - 1] + ((values[k] - values[k - 1]) * a) / (a - b);
  }
  return Number.NaN;
}

function sweep(mode: 'single' | 'multi', cMu: number): { shares: number[]; threshold: number } {
  const shares = grid.map((nSnr2) => {
    let total = 0;
    for (let seed = 0; seed < seeds; seed++) total += signalShare(mode, nSnr2, cMu, seed);
    return total / seeds;
  });
  return { shares, threshold: crossing(grid, shares) };
}

const started = performance.now();
const rows: string[] = [];
const single = sweep('single', 1);
rows.push(`| single-modal | – | ${single.shares.map((s) => s.toFixed(2)).join(' | ')} | ${single.threshold.toFixed(2)} | – |`);
for (const cMu of [1, 1.5, 2, 3, 4]) {
  const multi = sweep('multi', cMu);
  rows.push(`| multi-modal | ${cMu} | ${multi.shares.map((s) => s.toFixed(2)).join(' | ')} | ${multi.threshold.toFixed(2)} | ${(cMu * multi.threshold).toFixed(2)} |`);
}
console.log(`d = ${base.d}, n = ${base.n}, m = ${base.m}, T = ${base.steps}, η = ${base.eta}, τ = ${base.tau}, σ_0 = ${base.sigma0}, ${seeds} seeds; signal share S/(S+N) at T:\n`);
console.log(`| mode | C_µ | ${grid.map((g) => `n·SNR² = ${g}`).join(' | ')} | crossing n·SNR² | crossing C_µ·n·SNR² |`);
console.log(`|---|---|${grid.map(() => '---').join('|')}|---|---|`);
for (const row of rows) console.log(row);
console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
