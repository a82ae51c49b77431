/**
 * Two-sample Kolmogorov–Smirnov tests between the explicit and the Gram sampler (gram-sampler.md §4.2) at d = 2000,
 * n = 40, where both run: final loss, max_r |γ_r|, mean noise memorisation and test accuracy, on disjoint fixed seed
 * sets. Each statistic passes (p ≥ 10⁻³) for the Gram sampler and fails for a deliberately wrong one (observed at
 * 16 seeds: d/2 dof is caught by loss, γ and accuracy, the missing scales by loss, γ and noise memorisation). The default suite
 * uses SEEDS seeds per sampler with m = 20; MMCL_LONG=1 runs the spec's 200 seeds at the Figure-1 width m = 50.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { noiseMemorization, resolveConfig, signalLearning, simulate, type InfomaxConfig, type InfomaxInputs } from '@mmcl/infomax';
import { ksTwoSample } from './statistics.js';
import { wrongInputs, type WrongKind } from './wrongSamplers.js';

const long = process.env.MMCL_LONG === '1';
const SEEDS = long ? 200 : 16;
const base = { d: 2000, n: 40, m: long ? 50 : 20, populationSamples: 0, evalEvery: 200 };
const STATISTICS = ['final loss', 'max_r |γ_r|', 'mean noise memorisation', 'test accuracy'] as const;
type Summary = Record<(typeof STATISTICS)[number], number[]>;

function summarise(configs: InfomaxConfig[], inputsOf?: (config: InfomaxConfig) => InfomaxInputs): Summary {
  const out: Summary = { 'final loss': [], 'max_r |γ_r|': [], 'mean noise memorisation': [], 'test accuracy': [] };
  for (const config of configs) {
    let result;
    try {
      result = simulate(config, { inputs: inputsOf?.(config) });
    } catch (error) {
      if ((error as { key?: string }).key === 'seed') continue; // all labels equal: no hard negatives (rare at n = 40)
      throw error;
    }
    const { m, n, steps } = config;
    out['final loss'].push(result.loss[steps]);
    out['max_r |γ_r|'].push(signalLearning(result.h)[steps]);
    out['mean noise memorisation'].push(noiseMemorization(result.h)[steps]);
    out['test accuracy'].push(result.testAccuracy[result.testAccuracy.length - 1]);
  }
  return out;
}

const seeds = (offset: number) => Array.from({ length: SEEDS }, (_, k) => offset + k);
const explicitConfigs = seeds(0).map((seed) => resolveConfig({ ...base, seed }));
const gramConfigs = seeds(100_000).map((seed) => resolveConfig({ ...base, seed, sampler: 'gram' }));

const explicit = summarise(explicitConfigs);

function pValues(other: Summary): Record<string, number> {
  return Object.fromEntries(STATISTICS.map((name) => [name, ksTwoSample(explicit[name], other[name]).pValue]));
}

test(`KS (${SEEDS} seeds each): explicit vs Gram sampler, p ≥ 1e-3 for every statistic`, () => {
  const p = pValues(summarise(gramConfigs));
  console.log('  KS p-values, explicit vs gram:', JSON.stringify(p));
  for (const name of STATISTICS) assert.ok(p[name] >= 1e-3, `${name}: p = ${p[name]}`);
});

test('KS: every statistic fails (p < 1e-3) for a deliberately wrong sampler, and each wrong sampler is caught', () => {
  const wrong = Object.fromEntries(
    (['half-dof', 'no-scale'] as WrongKind[]).map((kind) => [kind, pValues(summarise(gramConfigs, (config) => wrongInputs(config, kind)))]),
  );
  console.log('  KS p-values, explicit vs wrong samplers:', JSON.stringify(wrong));
  for (const name of STATISTICS) {
    const caught = Object.values(wrong).some((p) => p[name] < 1e-3);
    assert.ok(caught, `${name}: no wrong sampler is caught (${JSON.stringify(Object.values(wrong).map((p) => p[name]))})`);
  }
  for (const [kind, p] of Object.entries(wrong)) assert.ok(Object.values(p).some((v) => v < 1e-3), `${kind} passes every statistic`);
});

test.run();
