/**
 * Configurations inside Assumption 4.1 with every Θ̃/Õ/Ω̃ factor instantiated as 1, small enough to simulate in
 * well under a second. The explicit proof constants that need thousands of samples or d ≫ 10⁴ (n ≥ 2500 log(4/δ),
 * d > 10000 log(6n²/δ), the anti-concentration bound of Lemma B.2, M ≥ 100) cannot be met at this size and are
 * left violated; docs/theory.md lists them.
 */
import { resolveConfig, type InfomaxConfig, type Sampler } from '@mmcl/infomax';
import { stageOneTime } from './stageTimes.js';

/**
 * The free parameters of a configuration inside the assumptions.
 * @category Assumptions
 */
export interface RegimeParameters {
  mode: 'single' | 'multi';
  n: number;
  m: number;
  /** σ_0 σ_ξ √d ∈ (0, 1]: the initial noise projection scale; σ_0 ≤ 1/(σ_ξ√d) is 4.1(3) with Õ = 1. */
  initScale: number;
  /** d = ⌈dFactor · n²/initScale²⌉ with dFactor ≥ 1, so that d ≥ n² and d ≥ n/(σ_0σ_ξ) (4.1(1)). */
  dFactor: number;
  /** n·SNR² ∈ [1.7, 1.8], the band both proofs need (4.1(6)). */
  nSnr2: number;
  /** C_µ ≥ 2.66 (4.1(7)). */
  cMu: number;
  /** η = etaFraction · (1/12) n m τ/(σ_ξ² d), etaFraction ∈ (0, 1] (the proofs' explicit step size). */
  etaFraction: number;
  tau: number;
  /** Steps beyond ⌈T1⌉ (the second stage). */
  extraSteps: number;
  seed: number;
  /** How the inputs are drawn (default "explicit"); "gram" makes any d affordable (../shared/spec/gram-sampler.md). */
  sampler?: Sampler;
}

/**
 * A resolved configuration inside Assumption 4.1 (Θ̃ = 1): σ_ξ = 1, σ_ϵ = σ_ξ/200, ν nearly orthogonal to µ
 * (the theory's test distribution), and T = ⌈T1⌉ + extraSteps.
 *
 * @example
 * import { configInsideAssumptions } from '@mmcl/theory';
 * const config = configInsideAssumptions({ mode: 'single', n: 8, m: 4, initScale: 0.5, dFactor: 1, nSnr2: 1.75, cMu: 3, etaFraction: 1, tau: 0.5, extraSteps: 50, seed: 0 });
 * config.d >= config.n * config.n; // → true
 * @category Assumptions
 */
export function configInsideAssumptions(p: RegimeParameters): InfomaxConfig {
  const d = Math.ceil((p.dFactor * p.n * p.n) / (p.initScale * p.initScale));
  const sigmaXi = 1;
  const muNorm = Math.sqrt((p.nSnr2 * sigmaXi * sigmaXi * d) / p.n);
  const base = resolveConfig({
    mode: p.mode,
    d,
    n: p.n,
    m: p.m,
    steps: 1,
    eta: (p.etaFraction * p.n * p.m * p.tau) / (12 * sigmaXi * sigmaXi * d),
    tau: p.tau,
    sigma0: p.initScale / (sigmaXi * Math.sqrt(d)),
    sigmaXi,
    sigmaEps: sigmaXi / 200,
    muNorm,
    muTildeNorm: p.cMu * muNorm,
    seed: p.seed,
    testNu: 'theory',
    nTest: 200,
    probeTrainSize: 100,
    evalEvery: 1000000,
    populationSamples: 0,
    sampler: p.sampler ?? 'explicit',
  });
  return { ...base, steps: Math.ceil(stageOneTime(base)) + p.extraSteps };
}
