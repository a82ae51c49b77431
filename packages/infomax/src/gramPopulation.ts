/**
 * The population 0-1 error of a Gram-sampler run (gram-sampler.md §2): for a fresh ζ ~ N(0, σ_ξ² I), the vector
 * (⟨w_r^(T), ζ⟩)_r is N(0, σ_ξ² W Wᵀ), and W Wᵀ is known in Gram space, so each fresh sample costs O(m²) instead of
 * O(m d). ⟨w_r^(T), ν⟩ is exact (from the ν row of the Gram block).
 */
import { createStreams } from '@mmcl/autodiff';
import { rademacher } from './data.js';
import { errorOverBlocks } from './population.js';
import type { ProbeHead } from './probe.js';
import type { GramBlock, InfomaxConfig } from './types.js';

/**
 * W Wᵀ (m×m) for w_r = a_t w_r^(0) + (γ_r/‖µ‖²) µ + Σ_i (ρ_{r,i}/‖ξ_i‖²) ξ_i, from the Gram block of µ, ξ, w^(0):
 * C G_B Cᵀ with C = [γ/‖µ‖² | ρ̄ | a_t I] over the basis rows (µ, ξ_1..n, w_1^(0)..w_m^(0)). O(m (n + m)²). a_t, the
 * coefficient of W^(0), is 1 unless weight decay shrinks it.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { sampleGramInputs, weightGram } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 1e6, n: 4, m: 2, nTest: 6, probeTrainSize: 3, sampler: 'gram' });
 * const block = sampleGramInputs(config).gram.h;
 * // ‖w_1^(0)‖² ≈ d σ_0² = 100
 * Math.abs(weightGram(block, new Float64Array(2), new Float64Array(8))[0] / 100 - 1) < 0.5; // → true
 * @category Gram space
 */
export function weightGram(block: GramBlock, gamma: Float64Array, rho: Float64Array, initScale = 1): Float64Array {
  const names = ['mu', 'xi', 'w0'];
  const m = block.index.w0.count;
  const n = block.index.xi.count;
  const basis = 1 + n + m;
  const rows: number[] = names.flatMap((name) => Array.from({ length: block.index[name].count }, (_, k) => block.index[name].start + k));
  const a = block.matrix[block.index.mu.start * (block.size + 1)];
  const C = new Float64Array(m * basis);
  for (let r = 0; r < m; r++) {
    C[r * basis] = gamma[r] / a;
    for (let i = 0; i < n; i++) {
      const xi = rows[1 + i];
      C[r * basis + 1 + i] = rho[r * n + i] / block.matrix[xi * block.size + xi];
    }
    C[r * basis + 1 + n + r] = initScale;
  }
  // CG = C · G_B (m×basis), then (CG) Cᵀ; fixed loop orders.
  const CG = new Float64Array(m * basis);
  for (let r = 0; r < m; r++) {
    for (let p = 0; p < basis; p++) {
      const c = C[r * basis + p];
      if (c === 0) continue;
      const row = rows[p] * block.size;
      for (let q = 0; q < basis; q++) CG[r * basis + q] += c * block.matrix[row + rows[q]];
    }
  }
  const out = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    for (let s = 0; s <= r; s++) {
      let v = 0;
      for (let q = 0; q < basis; q++) v += CG[r * basis + q] * C[s * basis + q];
      out[r * m + s] = v;
      out[s * m + r] = v;
    }
  }
  return out;
}

/**
 * A lower factor L with L Lᵀ = A for a symmetric positive-semidefinite m×m A: Cholesky, with pivots at or below
 * rounding level (a rank-deficient W Wᵀ, e.g. d < m) set to a zero column.
 */
function semidefiniteFactor(A: Float64Array, m: number): Float64Array {
  const L = new Float64Array(m * m);
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, A[i * m + i]);
  const floor = 1e-13 * scale;
  for (let j = 0; j < m; j++) {
    let pivot = A[j * m + j];
    for (let k = 0; k < j; k++) pivot -= L[j * m + k] * L[j * m + k];
    if (!(pivot > floor)) continue; // column j stays zero
    const root = Math.sqrt(pivot);
    L[j * m + j] = root;
    for (let i = j + 1; i < m; i++) {
      let s = A[i * m + j];
      for (let k = 0; k < j; k++) s -= L[i * m + k] * L[j * m + k];
      L[i * m + j] = s / root;
    }
  }
  return L;
}

/**
 * Population 0-1 error of the head on `count` fresh D_test samples for a Gram-sampler run: labels and standard normals
 * e (m per sample) from the seed's probe stream, block by block, and ⟨w_r, ζ⟩ = σ_ξ (L e)_r with L Lᵀ = W Wᵀ
 * (`initScale` = a_t, the coefficient of W^(0)).
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { sampleGramInputs, gramPopulationError } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 1e6, n: 4, m: 2, nTest: 6, probeTrainSize: 3, sampler: 'gram' });
 * const block = sampleGramInputs(config).gram.h;
 * const head = { weights: new Float64Array(2), bias: 1, iterations: 0 };
 * Math.abs(gramPopulationError(config, block, new Float64Array(2), new Float64Array(8), new Float64Array(2), head, 1000) - 0.5) < 0.1; // → true
 * @category Gram space
 */
export function gramPopulationError(
  config: InfomaxConfig,
  block: GramBlock,
  gamma: Float64Array,
  rho: Float64Array,
  innerNu: Float64Array,
  head: ProbeHead,
  count: number,
  initScale = 1,
): number {
  const m = config.m;
  const L = semidefiniteFactor(weightGram(block, gamma, rho, initScale), m);
  const stream = createStreams(config.seed).probe;
  return errorOverBlocks(head, innerNu, count, (size) => {
    const y = rademacher(stream, size);
    const e = stream.normal(size * m);
    const innerZeta = new Float64Array(m * size);
    for (let k = 0; k < size; k++) {
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let l = 0; l <= r; l++) s += L[r * m + l] * e[k * m + l];
        innerZeta[r * size + k] = config.sigmaXi * s;
      }
    }
    return { y, innerZeta };
  });
}
