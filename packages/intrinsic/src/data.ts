import { IntrinsicInputError, requireInteger } from './errors.js';

/**
 * The random draws the generators need; @mmcl/autodiff's seeded streams provide them.
 * @category Data
 */
export interface RandomSource {
  /** `count` i.i.d. N(0, 1) draws. */
  normal(count: number): Float64Array;
}

/**
 * How X depends on the shared latent Z (spec §1.3 and the controls of the issue):
 * - 'linear': X = (Z, ε_X), Y = (Z, ε_Y): the shared latent is exactly k*-dimensional.
 * - 'nonlinear': the authors' thresholding map of Z in X's first k* coordinates.
 * - 'noise': X and Y independent (no shared signal): τ should not collapse.
 * - 'correlated': X_j = ρ Y_j + √(1 − ρ²) ε_j for j < k*, the rest independent: jointly Gaussian with
 *   correlation ρ < 1, so there is no exact common part and no ideal (aligned and MI-maximal) representation.
 * @category Data
 */
export type Link = 'linear' | 'nonlinear' | 'noise' | 'correlated';

/**
 * How generatePairs draws paired data: link, rows, dimensions and noise.
 * @category Data
 */
export interface SyntheticOptions {
  link: Link;
  /** Total rows to draw (train + reference + test, in that order). */
  rows: number;
  /** d_x (20). */
  inputX?: number;
  /** d_y (20). */
  inputY?: number;
  /** k*, the shared-latent dimension (5). */
  latentDim?: number;
  /** Linear link only: X_j = (Z_j + noise·ε_j)/√(1 + noise²) (0). */
  noise?: number;
  /** Correlated link only: ρ (0.9). */
  correlation?: number;
}

/**
 * Paired rows, row-major: x is rows×d_x, y is rows×d_y, z is rows×k* (the shared latent, zeros for 'noise').
 * @category Data
 */
export interface PairedData {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  rows: number;
  inputX: number;
  inputY: number;
  latentDim: number;
}

/**
 * Draws the synthetic paired data of spec §1.3: Y ~ N(0, I), Z = Y[:, :k*], X ~ N(0, I) with its first k*
 * coordinates overwritten by the link. Draw order (fixed, for reproducibility): all of Y row-major, then all of
 * X, then the link's extra noise.
 *
 * @example
 * import { createStreams } from '@mmcl/autodiff';
 * const data = generatePairs({ link: 'linear', rows: 100 }, createStreams(2024).data);
 * // the first k* coordinates are shared
 * data.x[0] === data.y[0]; // → true
 * @category Data
 */
export function generatePairs(options: SyntheticOptions, random: RandomSource): PairedData {
  const inputX = options.inputX ?? 20;
  const inputY = options.inputY ?? 20;
  const latentDim = options.latentDim ?? 5;
  const { rows, link } = options;
  requireInteger('rows', rows, 1);
  requireInteger('latentDim', latentDim, 1);
  requireInteger('inputX', inputX, latentDim);
  requireInteger('inputY', inputY, latentDim);
  const y = random.normal(rows * inputY);
  const x = random.normal(rows * inputX);
  const z = new Float64Array(rows * latentDim);
  if (link !== 'noise') {
    for (let i = 0; i < rows; i++) for (let j = 0; j < latentDim; j++) z[i * latentDim + j] = y[i * inputY + j];
  }
  if (link === 'linear') {
    const noise = options.noise ?? 0;
    const extra = noise === 0 ? null : random.normal(rows * latentDim);
    const scale = Math.sqrt(1 + noise * noise);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < latentDim; j++) {
        const latent = z[i * latentDim + j];
        x[i * inputX + j] = extra === null ? latent : (latent + noise * extra[i * latentDim + j]) / scale;
      }
    }
  } else if (link === 'nonlinear') {
    for (let i = 0; i < rows; i++) {
      const zi = z.subarray(i * latentDim, (i + 1) * latentDim);
      for (let j = 0; j < latentDim; j++) {
        let keep: boolean;
        if (j === 0) keep = zi[0] < 0;
        else if (j === 1) keep = zi[1] + zi[0] > 0.5;
        else keep = zi[j] > 0;
        x[i * inputX + j] = keep ? zi[j] : 0;
      }
    }
  } else if (link === 'correlated') {
    const rho = options.correlation ?? 0.9;
    if (!(rho >= -1 && rho < 1)) throw new IntrinsicInputError(`correlation must be in [-1, 1) (got ${rho}); ρ = 1 is the linear link`);
    const rest = Math.sqrt(1 - rho * rho);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < latentDim; j++) x[i * inputX + j] = rho * y[i * inputY + j] + rest * x[i * inputX + j];
    }
  } else if (link !== 'noise') {
    throw new IntrinsicInputError(`link must be 'linear', 'nonlinear', 'noise' or 'correlated' (got '${String(link)}')`);
  }
  return { x, y, z, rows, inputX, inputY, latentDim };
}

/**
 * Rows [start, end) of paired data, as copies.
 *
 * @example
 * import { createStreams } from '@mmcl/autodiff';
 * const all = generatePairs({ link: 'linear', rows: 30 }, createStreams(1).data);
 * sliceRows(all, 10, 30).rows; // → 20
 * @category Data
 */
export function sliceRows(data: PairedData, start: number, end: number): PairedData {
  const { inputX, inputY, latentDim } = data;
  return {
    x: data.x.slice(start * inputX, end * inputX),
    y: data.y.slice(start * inputY, end * inputY),
    z: data.z.slice(start * latentDim, end * latentDim),
    rows: end - start,
    inputX,
    inputY,
    latentDim,
  };
}
