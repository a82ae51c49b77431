/**
 * Statistics for the sampler tests: z-scores of a sample mean and the two-sample Kolmogorov–Smirnov test. No npm
 * package offers a two-sample KS test (stdlib's kstest is one-sample), so it is written here, from the textbook
 * formulas, and checked in statistics.test.ts against values computed with scipy.stats.ks_2samp.
 */

/** (mean(x) − expected)/(sd(x)/√N): the z-score of the sample mean of i.i.d. draws against their exact mean. */
export function meanZScore(x: number[], expected: number): number {
  const count = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / count;
  const variance = x.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (count - 1);
  return (mean - expected) / Math.sqrt(variance / count);
}

/**
 * Two-sample KS: D = sup |F_a − F_b| and its asymptotic p-value Q_KS(λ), λ = (√N_e + 0.12 + 0.11/√N_e)·D with
 * N_e = ab/(a + b) (Stephens 1970; Numerical Recipes §14.3), Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}.
 */
export function ksTwoSample(a: number[], b: number[]): { statistic: number; pValue: number } {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    statistic = Math.max(statistic, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * statistic;
  if (lambda < 0.2) return { statistic, pValue: 1 };
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-16) break;
  }
  return { statistic, pValue: Math.min(1, Math.max(0, sum)) };
}
