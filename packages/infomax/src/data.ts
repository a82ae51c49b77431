/**
 * Data model of spec §1: labels, signal vectors, noise patches, augmentation noise, initial weights, hard negatives
 * and the downstream OOD set, all drawn from seeded streams split by purpose.
 */
import { createStreams, type RandomStream } from '@mmcl/autodiff';
import { ConfigError } from './config.js';
import { sampleGramInputs } from './gramSampler.js';
import type { InfomaxConfig, InfomaxInputs, TestSet } from './types.js';

type Stream = RandomStream;

/** Rademacher labels, one stream draw each. Internal (also used by gramSampler.ts). */
export function rademacher(stream: Stream, count: number): Float64Array {
  const y = new Float64Array(count);
  for (let k = 0; k < count; k++) y[k] = stream.sign();
  return y;
}

function axisVector(d: number, axis: number, norm: number): Float64Array {
  const v = new Float64Array(d);
  v[axis] = norm;
  return v;
}

/** norm · u/‖u‖ for a standard normal u drawn from `stream`. */
function randomVector(stream: Stream, d: number, norm: number): Float64Array {
  const u = stream.normal(d);
  let norm2 = 0;
  for (let k = 0; k < d; k++) norm2 += u[k] * u[k];
  const scale = norm / Math.sqrt(norm2);
  for (let k = 0; k < d; k++) u[k] *= scale;
  return u;
}

/**
 * µ and µ~: along the coordinate axes muAxis, muTildeAxis (Figure 1) or, with muDirection "random", along two
 * independent seeded random unit directions (the seed's 'directions' stream, so data and initialisation are those of
 * the axis-aligned run).
 */
function signalVectors(config: InfomaxConfig): { mu: Float64Array; muTilde: Float64Array } {
  const { d } = config;
  if (config.muDirection === 'axis')
    return { mu: axisVector(d, config.muAxis, config.muNorm), muTilde: axisVector(d, config.muTildeAxis, config.muTildeNorm) };
  const stream = createStreams(config.seed).stream('directions');
  const mu = randomVector(stream, d, config.muNorm);
  return { mu, muTilde: randomVector(stream, d, config.muTildeNorm) };
}

/**
 * Hard negatives N_i (spec §8.3): all j with y_j ≠ y_i in increasing order, or, when config.negatives = M, a fixed
 * seeded subset of M of them (partial Fisher–Yates, then sorted so that summation order is fixed). Internal (also
 * used by gramSampler.ts).
 */
export function drawNegatives(config: InfomaxConfig, y: Float64Array, stream: Stream) {
  const { n, negatives } = config;
  const lists: number[][] = [];
  for (let i = 0; i < n; i++) {
    const opposite: number[] = [];
    for (let j = 0; j < n; j++) if (y[j] !== y[i]) opposite.push(j);
    if (opposite.length === 0)
      throw new ConfigError(
        'seed',
        `all ${n} drawn labels are ${y[i] > 0 ? '+1' : '−1'}, so anchor ${i} has no opposite-label negatives; increase n or change the seed`,
      );
    if (negatives === 'all') {
      lists.push(opposite);
      continue;
    }
    if (negatives > opposite.length)
      throw new ConfigError(
        'negatives',
        `M = ${negatives} exceeds the ${opposite.length} opposite-label samples of anchor ${i}; use M ≤ ${opposite.length} or "all"`,
      );
    for (let k = 0; k < negatives; k++) {
      const pick = k + stream.int(opposite.length - k);
      [opposite[k], opposite[pick]] = [opposite[pick], opposite[k]];
    }
    lists.push(opposite.slice(0, negatives).sort((a, b) => a - b));
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + lists[i].length;
  const flat = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) flat.set(lists[i], offsets[i]);
  return { negatives: flat, negativeOffsets: offsets };
}

/**
 * The downstream set of spec §1.4 / §7.1: x_test = [y ν, ζ]. "experiment": ν = nuNorm · µ/‖µ‖ (Figure 1,
 * ν = [2, 0, …]). "theory": ν = nuNorm · u + (‖µ‖/√d) · µ/‖µ‖ with u a seeded random unit vector orthogonal to µ,
 * so that ⟨ν, µ⟩ = ‖µ‖² d^{−1/2} as §1.4 requires.
 */
function drawTestSet(config: InfomaxConfig, count: number, stream: Stream, mu: Float64Array): TestSet {
  const { d, muAxis, muNorm, nuNorm, sigmaXi } = config;
  let nu: Float64Array = new Float64Array(d);
  if (config.muDirection === 'random') {
    nu = rotatedNu(config, mu, stream);
  } else if (config.testNu === 'experiment') {
    nu[muAxis] = nuNorm;
  } else {
    const u = stream.normal(d);
    u[muAxis] = 0; // orthogonal to µ = muNorm · e_muAxis
    let norm2 = 0;
    for (let k = 0; k < d; k++) norm2 += u[k] * u[k];
    const scale = nuNorm / Math.sqrt(norm2);
    for (let k = 0; k < d; k++) nu[k] = u[k] * scale;
    nu[muAxis] = muNorm / Math.sqrt(d);
  }
  const y = rademacher(stream, count);
  const zeta = stream.normal(count * d, sigmaXi);
  return { nu, y, zeta };
}

/** ν for a µ along a random direction µ̂: nuNorm · µ̂ ("experiment"), or nuNorm · u + (‖µ‖/√d) µ̂ with u ⟂ µ ("theory"). */
function rotatedNu(config: InfomaxConfig, mu: Float64Array, stream: Stream): Float64Array {
  const { d, muNorm, nuNorm } = config;
  const unit = mu.map((x) => x / muNorm);
  if (config.testNu === 'experiment') return unit.map((x) => x * nuNorm);
  const u = stream.normal(d);
  let along = 0;
  for (let k = 0; k < d; k++) along += u[k] * unit[k];
  for (let k = 0; k < d; k++) u[k] -= along * unit[k];
  let norm2 = 0;
  for (let k = 0; k < d; k++) norm2 += u[k] * u[k];
  const scale = nuNorm / Math.sqrt(norm2);
  return u.map((x, k) => x * scale + (muNorm / Math.sqrt(d)) * unit[k]);
}

/**
 * Draw the inputs of one run (spec §1, §2 initialisation, §8.3 negatives) from the seed's streams.
 * Single- and multi-modal runs with the same seed share y, µ, ξ, ϵ, W^(0), the negatives and the test set.
 * With config.sampler = "gram" the vectors are replaced by their Gram blocks ({@link sampleGramInputs}).
 * Throws a {@link ConfigError} when a class has no (or too few) opposite-label negatives.
 *
 * @example
 * import { resolveConfig, generateInputs } from '@mmcl/infomax';
 * const inputs = generateInputs(resolveConfig({ d: 50, n: 10, m: 4 }));
 * inputs.xi.length; // → 10 * 50
 * @category Data
 */
export function generateInputs(config: InfomaxConfig): InfomaxInputs {
  if (config.sampler === 'gram') return sampleGramInputs(config);
  const { d, n, m, mode } = config;
  const streams = createStreams(config.seed);
  const y = rademacher(streams.data, n);
  const xi = streams.data.normal(n * d, config.sigmaXi);
  const xiTilde = mode === 'multi' ? streams.data.normal(n * d, config.sigmaXi) : undefined;
  const W0 = streams.init.normal(m * d, config.sigma0);
  const W0Tilde = mode === 'multi' ? streams.init.normal(m * d, config.sigma0) : undefined;
  const eps = streams.augmentation.normal(n * d, config.sigmaEps);
  const { negatives, negativeOffsets } = drawNegatives(config, y, streams.negatives);
  const { mu, muTilde } = signalVectors(config);
  const test = drawTestSet(config, config.nTest, streams.test, mu);
  const inputs: InfomaxInputs = {
    y,
    mu,
    xi,
    eps,
    W0,
    negatives,
    negativeOffsets,
    test,
  };
  if (mode === 'multi') {
    inputs.muTilde = muTilde;
    inputs.xiTilde = xiTilde;
    inputs.W0Tilde = W0Tilde;
  }
  return inputs;
}

/**
 * Fresh D_test samples for the population error, drawn block by block from the seed's probe stream (independent of
 * the run's own test set), with the same ν as the run.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { populationSampler } from '@mmcl/infomax/internal';
 * const sampler = populationSampler(resolveConfig({ d: 50, n: 10 }));
 * sampler.next(1000).y.length; // → 1000
 * @category Data
 */
export function populationSampler(config: InfomaxConfig) {
  const streams = createStreams(config.seed);
  const { mu } = signalVectors(config);
  const nu = drawTestSet(config, 0, streams.test, mu).nu; // the ν of the run's test set
  const fresh = { ...config, testNu: 'experiment' as const, muDirection: 'axis' as const }; // draws no ν of its own
  return { nu, next: (count: number) => drawTestSet(fresh, count, streams.probe, mu) };
}
