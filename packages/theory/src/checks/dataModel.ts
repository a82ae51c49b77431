/**
 * The data model itself (spec §1, §2, §8.3), asserted on the recorded inputs: the internal cross-checks all take the
 * inputs as given, so a bug in drawing them (a sample never used as a negative, the second modality reusing the
 * first one's noise) passes every one of them. Three rows:
 * - negatives: N_i is exactly {j : y_j ≠ y_i} ("all"), or M distinct opposite-label samples (exact);
 * - independence: every pair of rows among ξ, ϵ (single-modal), W^(0) and, multi-modal, ξ~, W~^(0) is uncorrelated:
 *   √d·corr(row, row') is a z-score under independence, tested two-sided with a Bonferroni bound;
 * - scales: each Gaussian block has mean 0 and variance σ² (z-scores of its sum and of its sum of squares) and
 *   every row's squared norm lies in [σ²d/2, 3σ²d/2] (Lemma B.5); ‖µ‖, ‖µ~‖ are as configured; labels are ±1.
 * The statistical rows fail by chance with probability at most STATISTICAL_LEVEL.
 */
import type { TrajectoryContext } from '../context.js';
import { MarginTracker } from '../margin.js';
import type { CheckResult } from '../types.js';
import { fmt, fromTracker, undecided } from './common.js';

/**
 * Family-wise false-alarm probability of each statistical row [choice].
 * @category Checks
 */
export const STATISTICAL_LEVEL = 1e-6;

/**
 * The two-sided threshold for k z-scores at family-wise level α: P(|Z| > x) ≤ 2e^{−x²/2}, so x = √(2 log(2k/α)).
 * @category Checks
 */
export const zThreshold = (tests: number, level = STATISTICAL_LEVEL): number => Math.sqrt(2 * Math.log((2 * Math.max(1, tests)) / level));

interface Block {
  name: string;
  data: Float64Array;
  rows: number;
  sigma: number;
}

function blocks(context: TrajectoryContext): Block[] | string {
  const { config, result } = context;
  const { d, n, m } = config;
  const { inputs } = result;
  const list: Block[] = [
    { name: 'ξ', data: inputs.xi, rows: n, sigma: config.sigmaXi },
    { name: 'W^(0)', data: inputs.W0, rows: m, sigma: config.sigma0 },
  ];
  if (config.mode === 'single') list.push({ name: 'ϵ', data: inputs.eps, rows: n, sigma: config.sigmaEps });
  else {
    if (!inputs.xiTilde || !inputs.W0Tilde) return 'the multi-modal inputs lack ξ~ or W~^(0)';
    list.push({ name: 'ξ~', data: inputs.xiTilde, rows: n, sigma: config.sigmaXi }, { name: 'W~^(0)', data: inputs.W0Tilde, rows: m, sigma: config.sigma0 });
  }
  for (const block of list)
    if (block.data.length !== block.rows * d) return `${block.name} holds ${block.data.length} values, not ${block.rows}·d (inputs without d-dimensional vectors)`;
  return list;
}

/**
 * Negatives: for each anchor i, N_i ⊆ {j : y_j ≠ y_i} without repeats; equal to it for "all", of size M otherwise.
 * Margin: minus the number of wrong, repeated or missing entries of the worst anchor.
 */
function checkNegatives(context: TrajectoryContext): CheckResult {
  const { n, y, config } = context;
  const { negatives, negativeOffsets } = context.result.inputs;
  const tracker = new MarginTracker();
  let wrongTotal = 0;
  let example = '';
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    let wrong = 0;
    for (let k = negativeOffsets[i]; k < negativeOffsets[i + 1]; k++) {
      const j = negatives[k];
      if (!(j >= 0 && j < n) || y[j] === y[i] || seen.has(j)) {
        wrong += 1;
        if (!example) example = `N_${i} holds ${j}${j >= 0 && j < n && y[j] === y[i] ? ' (same label)' : seen.has(j) ? ' twice' : ''}`;
      }
      seen.add(j);
    }
    let opposite = 0;
    for (let j = 0; j < n; j++) if (y[j] !== y[i]) opposite += 1;
    const wanted = config.negatives === 'all' ? opposite : config.negatives;
    const missing = Math.max(0, wanted - (seen.size - wrong));
    if (missing > 0 && !example) {
      const absent: number[] = [];
      for (let j = 0; j < n && absent.length < 3; j++) if (y[j] !== y[i] && !seen.has(j)) absent.push(j);
      example = `N_${i} misses ${config.negatives === 'all' ? absent.join(', ') : `${missing} of M = ${wanted}`}`;
    }
    wrongTotal += wrong + missing;
    tracker.offer(-(wrong + missing), { sample: i });
  }
  return fromTracker(
    'Data (negatives)',
    `Spec §8.3: N_i = ${config.negatives === 'all' ? '{j : y_j ≠ y_i}, all opposite-label samples' : `M = ${config.negatives} distinct opposite-label samples`}`,
    'exact',
    tracker,
    wrongTotal === 0 ? `${negatives.length} negatives over ${n} anchors, as the data model says` : `${wrongTotal} wrong or missing entries; first: ${example}`,
    wrongTotal,
  );
}

/** Independence of every pair of rows of the Gaussian blocks (across and within blocks): max √d·|corr| ≤ threshold. */
function checkIndependence(context: TrajectoryContext, list: Block[]): CheckResult {
  const { d } = context.config;
  const rows: Array<{ name: string; data: Float64Array; offset: number; norm: number }> = [];
  for (const block of list)
    for (let r = 0; r < block.rows; r++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += block.data[r * d + k] ** 2;
      if (s > 0) rows.push({ name: `${block.name}_${r}`, data: block.data, offset: r * d, norm: Math.sqrt(s) });
    }
  const tests = (rows.length * (rows.length - 1)) / 2;
  const threshold = zThreshold(tests);
  const tracker = new MarginTracker('upper');
  let worst = 0;
  let worstPair = '';
  for (let a = 0; a < rows.length; a++)
    for (let b = a + 1; b < rows.length; b++) {
      const x = rows[a];
      const z = rows[b];
      let s = 0;
      for (let k = 0; k < d; k++) s += x.data[x.offset + k] * z.data[z.offset + k];
      const score = (Math.sqrt(d) * Math.abs(s)) / (x.norm * z.norm);
      if (score > worst) (worst = score), (worstPair = `${x.name}, ${z.name}`);
      tracker.offer(threshold - score, {}, threshold);
    }
  return fromTracker(
    'Data (independence)',
    `Spec §1–§2: the rows of ${list.map((b) => b.name).join(', ')} are independent (${context.config.mode === 'multi' ? 'ξ~ and W~^(0) independent of ξ and W^(0)' : 'ϵ independent of ξ and W^(0)'})`,
    'constant',
    tracker,
    `largest √d·|corr| = ${fmt(worst)} (${worstPair}) over ${tests} pairs; two-sided z-test, Bonferroni bound ${fmt(threshold)} (false alarm ≤ ${STATISTICAL_LEVEL})`,
    worst,
  );
}

/** Scales: mean and variance z-scores per block, Lemma B.5's row norms, ‖µ‖, ‖µ~‖ and the labels. */
function checkScales(context: TrajectoryContext, list: Block[]): CheckResult {
  const { config, n, y } = context;
  const { d } = config;
  const { inputs } = context.result;
  const threshold = zThreshold(2 * list.length);
  const tracker = new MarginTracker();
  const notes: string[] = [];
  for (const block of list) {
    const count = block.rows * d;
    if (block.sigma === 0) {
      let largest = 0;
      for (const x of block.data) largest = Math.max(largest, Math.abs(x));
      tracker.offer(-largest, {});
      notes.push(`${block.name} ≡ 0: max |x| = ${fmt(largest)}`);
      continue;
    }
    let sum = 0;
    let squares = 0;
    for (const x of block.data) (sum += x), (squares += x * x);
    const zMean = sum / (block.sigma * Math.sqrt(count));
    const zVariance = (squares / (block.sigma * block.sigma) - count) / Math.sqrt(2 * count);
    tracker.offer(threshold - Math.max(Math.abs(zMean), Math.abs(zVariance)), {});
    let low = Number.POSITIVE_INFINITY;
    let high = 0;
    for (let r = 0; r < block.rows; r++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += block.data[r * d + k] ** 2;
      const ratio = s / (block.sigma * block.sigma * d);
      (low = Math.min(low, ratio)), (high = Math.max(high, ratio));
      tracker.offer(Math.min(ratio - 0.5, 1.5 - ratio), { sample: r });
    }
    notes.push(`${block.name}: z(mean) ${fmt(zMean)}, z(var) ${fmt(zVariance)}, ‖row‖²/(σ²d) ∈ [${fmt(low)}, ${fmt(high)}]`);
  }
  const norms: Array<[string, Float64Array | undefined, number]> = [['µ', inputs.mu, config.muNorm]];
  if (config.mode === 'multi') norms.push(['µ~', inputs.muTilde, config.muTildeNorm]);
  for (const [name, vector, norm] of norms) {
    if (!vector || vector.length !== d) continue;
    let s = 0;
    for (const x of vector) s += x * x;
    tracker.offer(1e-12 * norm - Math.abs(Math.sqrt(s) - norm), {});
    notes.push(`‖${name}‖ = ${fmt(Math.sqrt(s))}`);
  }
  for (let i = 0; i < n; i++) tracker.offer(y[i] === 1 || y[i] === -1 ? 0 : -1, { sample: i });
  return fromTracker(
    'Data (scales)',
    'Spec §1–§2: ξ, ξ~ ~ N(0, σ_ξ²I), ϵ ~ N(0, σ_ϵ²I), W^(0), W~^(0) ~ N(0, σ_0²I) at their stated scales (Lemma B.5 row norms), ‖µ‖, ‖µ~‖ as configured, y ∈ {±1}',
    'constant',
    tracker,
    `${notes.join('; ')}; z bound ${fmt(threshold)} (false alarm ≤ ${STATISTICAL_LEVEL})`,
  );
}

/**
 * The three data-model rows. Inputs without d-dimensional vectors (Gram-space sampling) leave the two statistical
 * rows undecided.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { trajectoryContext, checkDataModel } from '@mmcl/theory';
 * checkDataModel(trajectoryContext(simulate({ d: 200, n: 8, m: 3, steps: 2, populationSamples: 0 }))).every((c) => c.holds); // → true
 * @category Checks
 */
export function checkDataModel(context: TrajectoryContext): CheckResult[] {
  const list = blocks(context);
  if (typeof list === 'string') {
    return [
      checkNegatives(context),
      undecided('Data (independence)', 'Spec §1–§2: the Gaussian inputs are independent', 'constant', list),
      undecided('Data (scales)', 'Spec §1–§2: the Gaussian inputs have their stated scales', 'constant', list),
    ];
  }
  return [checkNegatives(context), checkIndependence(context, list), checkScales(context, list)];
}
