/**
 * The Gram-space sampler (../shared/spec/gram-sampler.md): the inner products among µ, ν and the Gaussian vectors of a
 * run (ξ_i, ϵ_i, w_r^(0), ζ_k; µ~, ξ~_i, w~_r^(0)), drawn exactly in distribution in O(k³) work and O(k²) memory for
 * k Gaussian vectors, whatever d is. No d-dimensional array is ever allocated, so d = 10¹² costs what d = 10⁴ costs.
 *
 * Why it is exact: rotate so that µ and ν lie in the first two coordinates; each Gaussian vector is g_j = σ_j z_j with
 * z_j ~ N(0, I_d). Then ⟨µ, g_j⟩ and ⟨ν, g_j⟩ use only the first two coordinates Z_F, and G Gᵀ = S(Z_F Z_Fᵀ + Z_R Z_Rᵀ)S
 * with Z_R Z_Rᵀ ~ Wishart_k(d − 2, I), drawn by its Bartlett factor (χ²(d − 2 − j) on the diagonal of row j, N(0, 1)
 * below it) when d − 2 ≥ k, and from an explicit k×(d − 2) Z_R otherwise.
 */
import { createStreams, type RandomStream } from '@mmcl/autodiff';
import { drawNegatives, rademacher } from './data.js';
import { chiSquareDraw } from './gamma.js';
import type { GramBlock, InfomaxConfig, InfomaxInputs } from './types.js';

/**
 * A deterministic vector lying in the first two (rotated) coordinates: v = v1 e_1 + v2 e_2.
 * @category Gram-space sampler
 */
export interface FixedVector {
  name: string;
  coordinates: [number, number];
}

/**
 * `count` i.i.d. N(0, scale² I_d) vectors.
 * @category Gram-space sampler
 */
export interface GaussianRows {
  name: string;
  count: number;
  scale: number;
}

/**
 * Z_R Z_Rᵀ for a k×(d − 2) matrix Z_R of N(0, 1) entries, in distribution: the Bartlett factor L (lower, row by row:
 * L_jj = √χ²(dof − j), then L_j0 … L_j,j−1 ~ N(0, 1)) and L Lᵀ when dof ≥ k; otherwise the explicit product (dof < k
 * is small). Returns the k×k matrix, row-major.
 *
 * @example
 * import { randomStream } from '@mmcl/autodiff';
 * import { wishartSample } from '@mmcl/infomax/internal';
 * const W = wishartSample(randomStream(0, 'data'), 3, 1e9);
 * Math.abs(W[0] / 1e9 - 1) < 1e-3; // → true
 * @category Gram-space sampler
 */
export function wishartSample(stream: RandomStream, k: number, dof: number): Float64Array {
  const W = new Float64Array(k * k);
  if (dof >= k) {
    const L = new Float64Array(k * k);
    for (let j = 0; j < k; j++) {
      L[j * k + j] = Math.sqrt(chiSquareDraw(stream, dof - j));
      for (let l = 0; l < j; l++) L[j * k + l] = stream.nextNormal();
    }
    // (L Lᵀ)_ij = Σ_{l ≤ min(i,j)} L_il L_jl: the lower triangle, O(k³/6) multiply-adds, mirrored.
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let l = 0; l <= j; l++) s += L[i * k + l] * L[j * k + l];
        W[i * k + j] = s;
        W[j * k + i] = s;
      }
    }
    return W;
  }
  const Z = stream.normal(k * dof);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = 0; l < dof; l++) s += Z[i * dof + l] * Z[j * dof + l];
      W[i * k + j] = s;
      W[j * k + i] = s;
    }
  }
  return W;
}

/**
 * The full Gram matrix of the fixed vectors followed by the Gaussian rows, in d dimensions. Draws, in this order
 * from `stream`: Z_F (row by row, two normals per Gaussian vector), then the Wishart part ({@link wishartSample}).
 *
 * @example
 * import { randomStream } from '@mmcl/autodiff';
 * import { sampleGramBlock } from '@mmcl/infomax/internal';
 * const block = sampleGramBlock(randomStream(0, 'data'), 1e6, [{ name: 'mu', coordinates: [5, 0] }], [{ name: 'xi', count: 4, scale: 1 }]);
 * block.matrix[0]; // → 25
 * @category Gram-space sampler
 */
export function sampleGramBlock(stream: RandomStream, d: number, fixed: FixedVector[], gaussians: GaussianRows[]): GramBlock {
  const f = fixed.length;
  const index: GramBlock['index'] = {};
  fixed.forEach((v, k) => (index[v.name] = { start: k, count: 1 }));
  const scales: number[] = [];
  for (const rows of gaussians) {
    index[rows.name] = { start: f + scales.length, count: rows.count };
    for (let j = 0; j < rows.count; j++) scales.push(rows.scale);
  }
  const k = scales.length;
  const size = f + k;
  const ZF = stream.normal(2 * k);
  const W = wishartSample(stream, k, d - 2);
  const G = new Float64Array(size * size);
  const set = (i: number, j: number, value: number) => {
    G[i * size + j] = value;
    G[j * size + i] = value;
  };
  for (let a = 0; a < f; a++) {
    const [a1, a2] = fixed[a].coordinates;
    for (let b = 0; b <= a; b++) set(a, b, a1 * fixed[b].coordinates[0] + a2 * fixed[b].coordinates[1]);
    for (let j = 0; j < k; j++) set(f + j, a, scales[j] * (a1 * ZF[2 * j] + a2 * ZF[2 * j + 1]));
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const shared = ZF[2 * i] * ZF[2 * j] + ZF[2 * i + 1] * ZF[2 * j + 1] + W[i * k + j];
      set(f + i, f + j, scales[i] * scales[j] * shared);
    }
  }
  return { size, matrix: G, index };
}

/**
 * (ν_1, ν_2) of the downstream direction ν in the rotated frame where µ = ‖µ‖ e_1 (data.ts's drawTestSet):
 * "experiment": ν = ‖ν‖ µ/‖µ‖; "theory": ν = ‖ν‖ u + (‖µ‖/√d) µ/‖µ‖ with u a unit vector orthogonal to µ.
 */
function nuCoordinates(config: InfomaxConfig): [number, number] {
  return config.testNu === 'experiment' ? [config.nuNorm, 0] : [config.muNorm / Math.sqrt(config.d), config.nuNorm];
}

const EMPTY = new Float64Array(0);

/**
 * The inputs of a run drawn by the Gram sampler (config.sampler = "gram"): labels, negatives and test labels as the
 * explicit sampler draws them (same streams), and, in place of the d-dimensional vectors (left empty), the Gram
 * blocks `gram.h` (encoder h's modality: rows µ, ν, ξ, ϵ (single-modal), w^(0), ζ) and, multi-modal, `gram.g` (encoder g's: µ~, ξ~, w~^(0)).
 * Seed order: the data stream gives y, then modality 1's Z_F and Bartlett factor, then modality 2's; the test
 * stream gives the test labels. Memory: 8·(k + 2)² bytes per block with k = 2n + m + nTest (single-modal).
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { sampleGramInputs } from '@mmcl/infomax/internal';
 * const inputs = sampleGramInputs(resolveConfig({ d: 1e12, n: 10, m: 4, nTest: 20, probeTrainSize: 10, sampler: 'gram' }));
 * inputs.gram.h.size; // → 2 + 10 + 10 + 4 + 20
 * @category Gram-space sampler
 */
export function sampleGramInputs(config: InfomaxConfig): InfomaxInputs & { gram: NonNullable<InfomaxInputs['gram']> } {
  const { d, n, m, mode } = config;
  const streams = createStreams(config.seed);
  const y = rademacher(streams.data, n);
  const first = sampleGramBlock(
    streams.data,
    d,
    [
      { name: 'mu', coordinates: [config.muNorm, 0] },
      { name: 'nu', coordinates: nuCoordinates(config) },
    ],
    [
      { name: 'xi', count: n, scale: config.sigmaXi },
      ...(mode === 'single' ? [{ name: 'eps', count: n, scale: config.sigmaEps }] : []),
      { name: 'w0', count: m, scale: config.sigma0 },
      { name: 'zeta', count: config.nTest, scale: config.sigmaXi },
    ],
  );
  const second = mode === 'multi'
    ? sampleGramBlock(streams.data, d, [{ name: 'mu', coordinates: [config.muTildeNorm, 0] }], [
      { name: 'xi', count: n, scale: config.sigmaXi },
      { name: 'w0', count: m, scale: config.sigma0 },
    ])
    : undefined;
  const { negatives, negativeOffsets } = drawNegatives(config, y, streams.negatives);
  const yTest = rademacher(streams.test, config.nTest);
  return {
    y,
    mu: EMPTY,
    xi: EMPTY,
    eps: EMPTY,
    W0: EMPTY,
    negatives,
    negativeOffsets,
    test: { nu: EMPTY, y: yTest, zeta: EMPTY },
    gram: { h: first, g: second },
  };
}
