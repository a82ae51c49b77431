/**
 * The plotted summary series of Figure 1 (spec §7.1 [choice]): 'signal learning' and 'noise memorization' along a
 * coefficient trajectory, with the alternative definitions of the spec selectable.
 */
import { innerProducts, type EncoderGram } from './gram.js';
import { flatTrajectory } from './shaped.js';
import { signalLevels } from './signsets.js';
import type { CoefficientTrajectory, EncoderTrajectory } from './types.js';

/**
 * 'maxAbsGamma' (default): max_r |γ_r|; 'maxAbsProjection': max_r |⟨w_r − w_r^(0), µ⟩| (the Lemma C.1 proxy);
 * 'maxLevel': max_r A_r.
 * @category Summaries
 */
export type SignalDefinition = 'maxAbsGamma' | 'maxAbsProjection' | 'maxLevel';
/**
 * 'meanMaxRho' (default): (1/n) Σ_i max_r ρ_{r,i}; 'maxRho': max_{r,i} ρ_{r,i};
 * 'meanMaxProjection': (1/n) Σ_i max_r ⟨w_r − w_r^(0), ξ_i⟩ (the Lemma C.1 proxy).
 * @category Summaries
 */
export type NoiseDefinition = 'meanMaxRho' | 'maxRho' | 'meanMaxProjection';

function steps(trajectory: CoefficientTrajectory, m: number): number {
  return trajectory.gamma.length / m;
}

function isShaped(trajectory: CoefficientTrajectory | EncoderTrajectory): trajectory is EncoderTrajectory {
  return !(trajectory.gamma instanceof Float64Array);
}

/** The flat arrays with m and n, from a shaped trajectory (shape read off) or a flat one (m, n passed). */
function flatten<D>(
  trajectory: CoefficientTrajectory | EncoderTrajectory,
  rest: unknown[],
): { flat: CoefficientTrajectory; m: number; n: number; definition?: D; gram?: EncoderGram } {
  if (isShaped(trajectory)) {
    const [, m, n] = trajectory.rho.shape;
    return { flat: flatTrajectory(trajectory), m, n, definition: rest[0] as D, gram: rest[1] as EncoderGram };
  }
  return { flat: trajectory, m: rest[0] as number, n: rest[1] as number, definition: rest[2] as D, gram: rest[3] as EncoderGram };
}

/**
 * Signal learning at every step (length T+1), of a shaped trajectory (`signalLearning(run.h)`) or of a flat one with
 * its width m and sample count n. The projection and level definitions need the encoder's Gram set.
 *
 * @example
 * import { signalLearning } from '@mmcl/infomax';
 * signalLearning({ gamma: new Float64Array([0, 0, 0.3, -0.5]), rho: new Float64Array(4) }, 2, 1); // → Float64Array [0, 0.5]
 * @category Summaries
 */
export function signalLearning(trajectory: EncoderTrajectory, definition?: SignalDefinition, gram?: EncoderGram): Float64Array;
export function signalLearning(
  trajectory: CoefficientTrajectory,
  m: number,
  n: number,
  definition?: SignalDefinition,
  gram?: EncoderGram,
): Float64Array;
export function signalLearning(trajectoryOrShaped: CoefficientTrajectory | EncoderTrajectory, ...rest: unknown[]): Float64Array {
  const { flat: trajectory, m, n, definition = 'maxAbsGamma', gram } = flatten<SignalDefinition>(trajectoryOrShaped, rest);
  const T1 = steps(trajectory, m);
  const out = new Float64Array(T1);
  if (definition !== 'maxAbsGamma' && !gram) throw new TypeError(`signalLearning: definition "${definition}" needs the encoder's Gram set`);
  for (let t = 0; t < T1; t++) {
    const gamma = trajectory.gamma.subarray(t * m, (t + 1) * m);
    let values: Float64Array = gamma;
    if (definition === 'maxLevel') values = signalLevels(gamma, gram!.onMu.w0);
    if (definition === 'maxAbsProjection') {
      const rho = trajectory.rho.subarray(t * m * n, (t + 1) * m * n);
      const u = innerProducts(gram!, gamma, rho, gram!.onMu);
      values = u.map((x, r) => x - gram!.onMu.w0[r]);
    }
    let best = -Infinity;
    for (let r = 0; r < m; r++) {
      const x = definition === 'maxLevel' ? values[r] : Math.abs(values[r]);
      if (x > best) best = x;
    }
    out[t] = best;
  }
  return out;
}

/**
 * Noise memorisation at every step (length T+1), of a shaped trajectory (`noiseMemorization(run.h)`) or of a flat
 * one with its width m and sample count n.
 *
 * @example
 * import { noiseMemorization } from '@mmcl/infomax';
 * // one step, m = 2, n = 2: ρ = [[1, 0], [3, -1]], so mean(max(1, 3), max(0, −1)) = 1.5
 * noiseMemorization({ gamma: new Float64Array(2), rho: new Float64Array([1, 0, 3, -1]) }, 2, 2); // → Float64Array [1.5]
 * @category Summaries
 */
export function noiseMemorization(trajectory: EncoderTrajectory, definition?: NoiseDefinition, gram?: EncoderGram): Float64Array;
export function noiseMemorization(
  trajectory: CoefficientTrajectory,
  m: number,
  n: number,
  definition?: NoiseDefinition,
  gram?: EncoderGram,
): Float64Array;
export function noiseMemorization(trajectoryOrShaped: CoefficientTrajectory | EncoderTrajectory, ...rest: unknown[]): Float64Array {
  const { flat: trajectory, m, n, definition = 'meanMaxRho', gram } = flatten<NoiseDefinition>(trajectoryOrShaped, rest);
  const T1 = steps(trajectory, m);
  const out = new Float64Array(T1);
  if (definition === 'meanMaxProjection' && !gram) throw new TypeError('noiseMemorization: "meanMaxProjection" needs the Gram set');
  for (let t = 0; t < T1; t++) {
    let rho = trajectory.rho.subarray(t * m * n, (t + 1) * m * n);
    if (definition === 'meanMaxProjection') {
      const gamma = trajectory.gamma.subarray(t * m, (t + 1) * m);
      const v = innerProducts(gram!, gamma, rho, gram!.onXi);
      rho = v.map((x, k) => x - gram!.onXi.w0[k]);
    }
    if (definition === 'maxRho') {
      let best = -Infinity;
      for (let k = 0; k < m * n; k++) if (rho[k] > best) best = rho[k];
      out[t] = best;
      continue;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      for (let r = 0; r < m; r++) if (rho[r * n + i] > best) best = rho[r * n + i];
      sum += best;
    }
    out[t] = sum / n;
  }
  return out;
}
