/**
 * The Gram sampler's moments (gram-sampler.md §4.1): z-scores against the exact values over many seeds, for the
 * Bartlett path (d − 2 ≥ k) and the explicit-Z_R path (d − 2 < k), each shown to fail for deliberately wrong samplers
 * (d/2 degrees of freedom; the scales S left out). The wrong samplers live here only, built from the exported pieces.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import {
  generateInputs,
  resolveConfig,
  simulate,
  type GramBlock,
  type InfomaxConfig,
} from '@mmcl/infomax';
import { sampleGramInputs } from '@mmcl/infomax/internal';
import { meanZScore } from './statistics.js';
import { wrongBlock } from './wrongSamplers.js';

const SEEDS = 1500;
const base = { n: 3, m: 2, nTest: 4, probeTrainSize: 2, sigmaXi: 2, sigma0: 0.3, sigmaEps: 0.5, muNorm: 5, nuNorm: 2, sampler: 'gram' } as const;

type Sampler = (config: InfomaxConfig) => GramBlock;
const correct: Sampler = (config) => sampleGramInputs(config).gram.h;
const halfDof: Sampler = (config) => wrongBlock(config, 'half-dof');
const noScale: Sampler = (config) => wrongBlock(config, 'no-scale');

function allLabelsEqual(config: InfomaxConfig): boolean {
  const stream = createStreams(config.seed).data;
  const first = stream.sign();
  for (let i = 1; i < config.n; i++) if (stream.sign() !== first) return false;
  return true;
}

const entry = (b: GramBlock, row: string, i: number, col: string, j: number) =>
  b.matrix[(b.index[row].start + i) * b.size + b.index[col].start + j];

/**
 * The five moments of gram-sampler.md §4.1 as z-scores over SEEDS seeds (per-seed averages are the i.i.d. units), plus
 * E⟨ν,ζ⟩² = σ_ξ²‖ν‖², which with testNu "theory" (ν mostly along the second rotated axis) checks Z_F's second column.
 */
function momentZScores(d: number, sampler: Sampler, testNu: 'experiment' | 'theory' = 'experiment'): Record<string, number> {
  const units: Record<string, number[]> = { norm: [], normVar: [], cross: [], initSignal: [], test: [], nu: [] };
  let config = resolveConfig({ ...base, d, testNu });
  const { n, m, nTest, sigmaXi: s, sigma0, muNorm, nuNorm } = config;
  const nuMu = testNu === 'experiment' ? nuNorm * muNorm : (muNorm * muNorm) / Math.sqrt(d); // ⟨ν, µ⟩
  const nuNorm2 = testNu === 'experiment' ? nuNorm * nuNorm : nuNorm * nuNorm + (muNorm * muNorm) / d; // ‖ν‖²
  for (let seed = 0; seed < SEEDS; seed++) {
    config = { ...config, seed };
    if (allLabelsEqual(config)) continue; // no hard negatives exist: sampleGramInputs refuses the seed
    const b = sampler(config);
    const avg = (f: (i: number) => number, count: number) => Array.from({ length: count }, (_, i) => f(i)).reduce((x, y) => x + y, 0) / count;
    units.norm.push(avg((i) => entry(b, 'xi', i, 'xi', i), n));
    units.normVar.push(avg((i) => (entry(b, 'xi', i, 'xi', i) - d * s * s) ** 2, n));
    units.cross.push(entry(b, 'xi', 0, 'xi', 1) ** 2);
    units.initSignal.push(avg((r) => entry(b, 'w0', r, 'mu', 0) ** 2, m));
    units.test.push(avg((k) => entry(b, 'nu', 0, 'zeta', k) * entry(b, 'mu', 0, 'zeta', k), nTest));
    units.nu.push(avg((k) => entry(b, 'nu', 0, 'zeta', k) ** 2, nTest));
  }
  return {
    'E⟨ξ,ξ⟩ = dσ²': meanZScore(units.norm, d * s * s),
    'Var⟨ξ,ξ⟩ = 2dσ⁴': meanZScore(units.normVar, 2 * d * s ** 4),
    'E⟨ξ_i,ξ_j⟩² = dσ⁴': meanZScore(units.cross, d * s ** 4),
    'E⟨w^(0),µ⟩² = σ_0²‖µ‖²': meanZScore(units.initSignal, sigma0 * sigma0 * muNorm * muNorm),
    'E⟨ν,ζ⟩⟨µ,ζ⟩ = σ_ξ²⟨ν,µ⟩': meanZScore(units.test, s * s * nuMu),
    'E⟨ν,ζ⟩² = σ_ξ²‖ν‖²': meanZScore(units.nu, s * s * nuNorm2),
  };
}

// d = 10 000 and 10¹²: the Bartlett factor (k = 12 Gaussian rows ≤ d − 2); d = 7: Z_R drawn explicitly (d − 2 < k).
for (const d of [7, 10_000, 1e12]) {
  test(`moments at d = ${d}: |z| ≤ 5 for the Gram sampler; the wrong samplers fail`, () => {
    for (const testNu of ['experiment', 'theory'] as const)
      for (const [name, z] of Object.entries(momentZScores(d, correct, testNu))) assert.ok(Math.abs(z) <= 5, `${testNu} ${name}: z = ${z}`);
    if (d === 7) return; // the wrong samplers below are judged at the Bartlett sizes
    const half = momentZScores(d, halfDof);
    const unscaled = momentZScores(d, noScale);
    // d/2 degrees of freedom shows in the three noise-geometry moments; dropping S shows in all five.
    for (const name of ['E⟨ξ,ξ⟩ = dσ²', 'Var⟨ξ,ξ⟩ = 2dσ⁴', 'E⟨ξ_i,ξ_j⟩² = dσ⁴'])
      assert.ok(Math.abs(half[name]) > 5, `d/2 sampler not caught by ${name}: z = ${half[name]}`);
    for (const [name, z] of Object.entries(unscaled)) assert.ok(Math.abs(z) > 5, `unscaled sampler not caught by ${name}: z = ${z}`);
  });
}

test('same seed, same bits; blocks, index and fixed rows as documented; nothing d-dimensional', () => {
  const config = resolveConfig({ ...base, d: 1e12, mode: 'multi' });
  const a = sampleGramInputs(config);
  const b = sampleGramInputs(config);
  assert.equal(Array.from(a.gram.h.matrix), Array.from(b.gram.h.matrix));
  assert.equal(Array.from(a.gram.g!.matrix), Array.from(b.gram.g!.matrix));
  assert.equal(Object.keys(a.gram.h.index), ['mu', 'nu', 'xi', 'w0', 'zeta']); // no ϵ in a multi-modal run
  assert.equal(Object.keys(a.gram.g!.index), ['mu', 'xi', 'w0']);
  assert.is(a.gram.h.size, 2 + 3 + 2 + 4);
  assert.is(entry(a.gram.h, 'mu', 0, 'mu', 0), 25);
  assert.is(entry(a.gram.g!, 'mu', 0, 'mu', 0), config.muTildeNorm ** 2);
  assert.is(entry(a.gram.h, 'mu', 0, 'nu', 0), 5 * 2); // ⟨µ, ν⟩ = ‖µ‖‖ν‖ (testNu "experiment")
  assert.is(a.xi.length + a.W0.length + a.mu.length, 0);
  // The labels and negatives are the explicit sampler's (same streams).
  const explicit = resolveConfig({ ...base, d: 50, mode: 'multi', sampler: 'explicit' });
  const e = generateInputs(explicit);
  assert.equal(Array.from(a.y), Array.from(e.y));
});

test('a d = 10¹² single-modal run: finite, no d-sized allocation, population error from W Wᵀ', () => {
  const before = process.memoryUsage().arrayBuffers;
  const result = simulate({ ...base, n: 20, m: 5, nTest: 40, probeTrainSize: 20, sigmaXi: 1, sigma0: 1e-6, d: 1e12, steps: 5, eta: 1e-12, populationSamples: 2000 });
  assert.ok(process.memoryUsage().arrayBuffers - before < 50e6);
  assert.ok(result.loss.every(Number.isFinite));
  assert.ok(result.populationError >= 0 && result.populationError <= 1);
});

test('config: sampler is validated, refused for the dense engine and with resampleEps', () => {
  assert.throws(() => resolveConfig({ sampler: 'wishart' }), /config\.sampler: must be "explicit" or "gram"/);
  assert.throws(() => resolveConfig({ sampler: 'gram', engine: 'dense' }), /config\.sampler: "gram" serves the reduced engine only/);
  assert.throws(() => resolveConfig({ sampler: 'gram', resampleEps: true }), /config\.sampler: .*resampleEps/);
  assert.is(resolveConfig({}).sampler, 'explicit');
});

test.run();
