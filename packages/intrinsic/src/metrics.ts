import { arrayMean, meanAndSd, quantileSorted } from '@mmcl/autodiff';
import { IntrinsicInputError } from './errors.js';
import { rowNorm } from './represent.js';

/**
 * Top-k cross-modal retrieval accuracy X→Y with raw inner products (the processing-script metric, spec §5.1):
 * mean_i 1{i is among the k largest of ⟨F_i, G_j⟩ over j}. Ties are resolved in favour of the true partner
 * (only strictly larger negatives push it down), so a constant representation scores 1, not 0 — check norms
 * and similarities alongside.
 *
 * @example
 * const F = new Float64Array([1, 0, 0, 1]);
 * retrievalAccuracy(F, F, 2, 2); // → 1
 * @category Metrics
 */
export function retrievalAccuracy(F: Float64Array, G: Float64Array, rows: number, dim: number, k = 1): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new IntrinsicInputError(`k must be an integer ≥ 1 (got ${k})`);
  let hits = 0;
  for (let i = 0; i < rows; i++) {
    const positive = dot(F, i, G, i, dim);
    let above = 0;
    for (let j = 0; j < rows && above < k; j++) if (j !== i && dot(F, i, G, j, dim) > positive) above++;
    if (above < k) hits++;
  }
  return hits / rows;
}

/**
 * Summary of positive (⟨f(x_i), g(y_i)⟩) and negative (i ≠ j) similarities, with shared-bin histograms.
 * @category Metrics
 */
export interface SimilaritySummary {
  positiveMedian: number;
  positiveMean: number;
  negativeMedian: number;
  negativeQuantile99: number;
  negativeMax: number;
  /** Fraction of negatives above the positive median (alignment puts this near 0). */
  negativesAbovePositiveMedian: number;
  /** bins + 1 edges spanning [min, max] of all similarities. */
  edges: number[];
  /** Densities (counts / (total · bin width)), so positives and negatives share one y scale. */
  positiveDensity: number[];
  negativeDensity: number[];
}

/**
 * Positive and negative similarity distributions (spec §7 C.9) over all n² pairs; exact quantiles by sorting.
 *
 * @example
 * const F = new Float64Array([1, 0, 0, 1]);
 * similaritySummary(F, F, 2, 2).positiveMedian; // → 1
 * @category Metrics
 */
export function similaritySummary(F: Float64Array, G: Float64Array, rows: number, dim: number, bins = 60): SimilaritySummary {
  const positives = new Float64Array(rows);
  const negatives = new Float64Array(rows * (rows - 1));
  let at = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      const s = dot(F, i, G, j, dim);
      if (i === j) positives[i] = s;
      else negatives[at++] = s;
    }
  }
  positives.sort();
  negatives.sort();
  const low = Math.min(positives[0], negatives[0] ?? positives[0]);
  const high = Math.max(positives[rows - 1], negatives[negatives.length - 1] ?? positives[rows - 1]);
  const width = (high - low) / bins || 1;
  const edges = Array.from({ length: bins + 1 }, (_, b) => low + b * width);
  const density = (values: Float64Array): number[] => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of values) counts[Math.min(bins - 1, Math.floor((v - low) / width))]++;
    return counts.map((c) => c / (values.length * width));
  };
  const positiveMedian = quantileSorted(positives, 0.5);
  let above = 0;
  for (const v of negatives) if (v > positiveMedian) above++;
  return {
    positiveMedian,
    positiveMean: arrayMean(positives),
    negativeMedian: quantileSorted(negatives, 0.5),
    negativeQuantile99: quantileSorted(negatives, 0.99),
    negativeMax: negatives[negatives.length - 1],
    negativesAbovePositiveMedian: above / negatives.length,
    edges,
    positiveDensity: density(positives),
    negativeDensity: density(negatives),
  };
}

/**
 * Mean and standard deviation (population, ÷n) of the row norms ‖F_i‖: norm concentration (spec §7 C.10).
 *
 * @example
 * normSummary(new Float64Array([3, 4, 0, 5]), 2, 2); // → { mean: 5, sd: 0 }
 * @category Metrics
 */
export function normSummary(F: Float64Array, rows: number, dim: number): { mean: number; sd: number } {
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) norms[i] = rowNorm(F, i * dim, dim);
  return meanAndSd(norms, 0); // the population sd of the norms
}

/**
 * Plug-in mutual information (nats) between two representations after coordinate-wise quantisation into bins
 * of width 1/resolution (spec §4.1 item 3): I_M = Σ p̂(a, b) log(p̂(a, b) / (p̂(a) p̂(b))) over occupied cells.
 * It is at most log n; compare with the oracle pair (Z, Z) quantised the same way (spec §7 E.16).
 *
 * @example
 * const a = new Float64Array([0, 1, 2, 3]);
 * discretisedMutualInformation(a, a, 4, 1, 1, 1) === Math.log(4); // → true
 * @category Metrics
 */
export function discretisedMutualInformation(
  A: Float64Array, B: Float64Array, rows: number, dimA: number, dimB: number, resolution: number,
): number {
  const cellsA = quantise(A, rows, dimA, resolution);
  const cellsB = quantise(B, rows, dimB, resolution);
  const joint = new Map<string, number>();
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    const key = `${cellsA[i]}|${cellsB[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    countA.set(cellsA[i], (countA.get(cellsA[i]) ?? 0) + 1);
    countB.set(cellsB[i], (countB.get(cellsB[i]) ?? 0) + 1);
  }
  let info = 0;
  // Map iteration follows insertion order, so the sum's rounding order is fixed by the data order.
  for (const [key, count] of joint) {
    const [a, b] = key.split('|');
    info += (count / rows) * Math.log((count * rows) / ((countA.get(a) ?? 0) * (countB.get(b) ?? 0)));
  }
  return info;
}

function quantise(values: Float64Array, rows: number, dim: number, resolution: number): string[] {
  const cells: string[] = [];
  for (let i = 0; i < rows; i++) {
    const parts: number[] = [];
    for (let c = 0; c < dim; c++) parts.push(Math.floor(values[i * dim + c] * resolution));
    cells.push(parts.join(','));
  }
  return cells;
}

function dot(F: Float64Array, i: number, G: Float64Array, j: number, dim: number): number {
  let s = 0;
  for (let c = 0; c < dim; c++) s += F[i * dim + c] * G[j * dim + c];
  return s;
}
