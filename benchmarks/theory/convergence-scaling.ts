/**
 * Spec §9.8: the number of iterations to reach training loss ϵ should scale like T* ∝ m n/(η σ_ξ² d ϵ) (Theorems
 * 4.2/4.3, Lemma C.18). Varies one of ϵ, η, m, n at a time around a base configuration and fits the log-log slope
 * of the first step with L ≤ ϵ; the theory's exponents are −1 (ϵ), −1 (η), +1 (m), +1 (n).
 *
 * Usage: node --conditions=source --import tsx benchmarks/theory/convergence-scaling.ts [single|multi]   (about a minute)
 */
import { simulate } from '@mmcl/infomax';
import { leastSquaresSlope } from '../harness/stats.js';

const mode = (process.argv[2] ?? 'single') as 'single' | 'multi';
const base = { mode, d: 2000, n: 50, m: 20, eta: 0.01, tau: 0.1, sigma0: 0.01, populationSamples: 0, evalEvery: 100000, nTest: 8, probeTrainSize: 4, seed: 0 };
const epsilon = 0.05;
const cap = 4000;

/** First step with L ≤ ϵ (NaN when not reached within `cap` steps). */
function stepsToReach(overrides: Record<string, number>, target: number): number {
  const result = simulate({ ...base, ...overrides, steps: cap });
  for (let t = 0; t <= cap; t++) if (result.loss[t] <= target) return t;
  return Number.NaN;
}

/** The log-log slope: the measured scaling exponent. */
function slope(xs: number[], ys: number[]): number {
  return leastSquaresSlope(xs.map(Math.log), ys.map(Math.log));
}

const sweeps: Array<[string, number[], number, (v: number) => [Record<string, number>, number]]> = [
  ['ϵ', [0.2, 0.1, 0.05, 0.025], -1, (v) => [{}, v]],
  ['η', [0.005, 0.01, 0.02], -1, (v) => [{ eta: v }, epsilon]],
  ['m', [10, 20, 40], 1, (v) => [{ m: v }, epsilon]],
  ['n', [26, 50, 100], 1, (v) => [{ n: v }, epsilon]],
];
const started = performance.now();
console.log(`${mode}-modal, base d = ${base.d}, n = ${base.n}, m = ${base.m}, η = ${base.eta}, τ = ${base.tau}, ϵ = ${epsilon}\n`);
console.log('| varied | values | steps to L ≤ ϵ | fitted exponent | theory |');
console.log('|---|---|---|---|---|');
for (const [name, values, theory, make] of sweeps) {
  const steps = values.map((v) => {
    const [overrides, target] = make(v);
    return stepsToReach(overrides, target);
  });
  console.log(`| ${name} | ${values.join(', ')} | ${steps.join(', ')} | ${slope(values, steps).toFixed(2)} | ${theory} |`);
}
console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
