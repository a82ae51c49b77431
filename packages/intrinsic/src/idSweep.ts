import { arrayMean, createStreams, meanAndSd } from '@mmcl/autodiff';
import { resolveStepConfig, type Similarity, type StepConfigOptions } from './config.js';
import { generatePairs, type Link } from './data.js';
import { runExperiment, type ExperimentOptions } from './experiment.js';
import { initModel } from './model.js';
import { ContrastiveStep } from './step.js';

/**
 * The synthetic experiment of Gui, Ma & Ma (2025) as a sweep (spec §5.1): for every output dimension d and
 * repetition, fresh data and networks, training with the symmetric InfoNCE, and the test-set metrics. Everything
 * but the list of output dimensions; `PAPER_ID_SWEEP` holds the paper's values.
 * @category Experiments
 */
export interface IdSweepSettings {
  link: Link;
  /** Repetitions per output dimension (paper 50), each with fresh data and networks. */
  reps: number;
  /** Training epochs (paper 800). */
  epochs: number;
  /** Training pairs n (paper 10 000). */
  trainRows: number;
  /** Reference pairs of the mean-norm normaliser (paper 2 000). */
  referenceRows: number;
  /** Test pairs (paper 2 000). */
  testRows: number;
  /** B (256). */
  batchSize: number;
  /** Hidden widths of both MLP encoders (the paper's "deep" encoder: 50, 50, 50). */
  hidden: readonly number[];
  /** Adam's learning rate (paper 1e-4). */
  learningRate: number;
  /** c in τ = exp(c·s) + τ_min (code 4; the paper text implies 10). */
  temperatureScale: number;
  /** The control: τ fixed at this value instead of learned (undefined: learned, the paper). */
  fixedTemperature?: number;
  similarity: Similarity;
  /** Reshuffle the training rows every epoch (the paper keeps a fixed order). */
  shuffle: boolean;
  /** Base seed: run (d, rep) uses seed + 1000·rep + d (spec §6.4). */
  seed: number;
  /** k*, the shared latent's dimension (5). */
  latentDim: number;
}

/**
 * The paper's synthetic setting (spec §5.1, §3.2): 50 repetitions of 800 epochs at n = 10 000, lr 1e-4.
 * @category Experiments
 */
export const PAPER_ID_SWEEP: Readonly<IdSweepSettings> = Object.freeze({
  link: 'linear', reps: 50, epochs: 800, trainRows: 10_000, referenceRows: 2000, testRows: 2000, batchSize: 256,
  hidden: Object.freeze([50, 50, 50]), learningRate: 1e-4, temperatureScale: 4, similarity: 'meanNorm', shuffle: false,
  seed: 2024, latentDim: 5,
});

/**
 * A demo / CI preset that finishes in minutes on 2 cores: a quarter of the data, 60 epochs and a learning rate 20×
 * the paper's so that the short run gets near its plateau. Its ID plateau depends on stopping early (docs/paper2.md).
 * @category Experiments
 */
export const QUICK_ID_SWEEP: Readonly<Partial<IdSweepSettings>> = Object.freeze({
  reps: 1, epochs: 60, trainRows: 2560, referenceRows: 500, testRows: 1000, learningRate: 2e-3,
});

/**
 * The paper's output-dimension grid {1, 3, …, 29} (spec §3.2 [choice]).
 * @category Experiments
 */
export const PAPER_OUTPUT_DIMS: readonly number[] = Object.freeze(Array.from({ length: 15 }, (_, i) => 1 + 2 * i));

/**
 * One (d, repetition) training run of a sweep.
 * @category Experiments
 */
export interface IdSweepRun {
  /** "d<d>-rep<rep>", unique within a sweep (journal and shard key). */
  name: string;
  outputDim: number;
  rep: number;
  seed: number;
}

/**
 * What one run reports (plain JSON, so it crosses worker threads and goes into shard files as is).
 * @category Experiments
 */
export interface IdSweepRunResult {
  outputDim: number;
  rep: number;
  seed: number;
  /** MLE ID (k = 20, arithmetic mean) of f(X_test) and g(Y_test); 1 when d = 1. */
  idF: number;
  idG: number;
  twoNnF: number;
  testAccuracy: number;
  trainAccuracy: number;
  positiveMedian: number;
  negativeQuantile99: number;
  negativeMax: number;
  normSd: number;
  normMean: number;
  finalTemperature: number;
  finalLoss: number;
  /** τ after the optimiser steps `tauSteps` (1-based), thinned to ≤ 201 points, the last step always kept. */
  tauSteps: number[];
  tau: number[];
  histogram: { edges: number[]; positive: number[]; negative: number[] };
}

/**
 * One row per output dimension: mean and sample sd over its repetitions (snake_case: the CSV's columns).
 * @category Experiments
 */
export interface IdSweepSummaryRow {
  d: number; runs: number; id_f_mean: number; id_f_sd: number; id_g_mean: number; id_g_sd: number; test_acc_mean: number; test_acc_sd: number;
  train_acc_mean: number; final_tau_mean: number; norm_sd_mean: number; pos_median_mean: number; neg_q99_mean: number;
}

/**
 * The runs of a sweep in order (d outer, repetition inner), with run (d, rep) seeded seed + 1000·rep + d.
 *
 * @example
 * idSweepRuns([2, 6], 2, 2024).map((r) => r.seed); // → [2026, 3026, 2030, 3030]
 * @category Experiments
 */
export function idSweepRuns(dims: readonly number[], reps: number, seed: number): IdSweepRun[] {
  return dims.flatMap((outputDim) => Array.from({ length: reps }, (_, rep) => ({ name: `d${outputDim}-rep${rep}`, outputDim, rep, seed: seed + 1000 * rep + outputDim })));
}

function stepOptions(s: IdSweepSettings): StepConfigOptions {
  return {
    similarity: s.similarity, temperatureScale: s.temperatureScale, learnTemperature: s.fixedTemperature === undefined,
    initialTemperature: s.fixedTemperature ?? 1, adam: { learningRate: s.learningRate },
  };
}

/**
 * Trains and evaluates one run of a sweep (`runExperiment` at the sweep's settings) and keeps what the tables and
 * figures need: the unit of work that `mmcl idsweep` sends to its worker threads.
 *
 * @example
 * const [run] = idSweepRuns([3], 1, 2024);
 * const r = runIdSweepRun(run, { ...PAPER_ID_SWEEP, epochs: 1, trainRows: 256, referenceRows: 40, testRows: 60 });
 * r.seed; // → 2027
 * @category Experiments
 */
export function runIdSweepRun(run: IdSweepRun, settings: IdSweepSettings, onEpoch?: ExperimentOptions['onEpoch']): IdSweepRunResult {
  const s = settings;
  const r = runExperiment({
    link: s.link, outputDim: run.outputDim, trainRows: s.trainRows, referenceRows: s.referenceRows, testRows: s.testRows, epochs: s.epochs,
    batchSize: s.batchSize, shuffle: s.shuffle, seed: run.seed, latentDim: s.latentDim, hidden: s.hidden, step: stepOptions(s), onEpoch,
  });
  const temps = r.history.temperatures;
  const every = Math.max(1, Math.ceil(temps.length / 200));
  const tauSteps: number[] = [];
  for (let t = 0; t < temps.length; t += every) tauSteps.push(t + 1);
  if (tauSteps[tauSteps.length - 1] !== temps.length) tauSteps.push(temps.length);
  const sim = r.similarities;
  return {
    outputDim: r.outputDim, rep: run.rep, seed: run.seed, idF: r.idF, idG: r.idG, twoNnF: r.twoNnF,
    testAccuracy: r.testAccuracy, trainAccuracy: r.trainAccuracy, positiveMedian: sim.positiveMedian,
    negativeQuantile99: sim.negativeQuantile99, negativeMax: sim.negativeMax, normSd: r.normSdF, normMean: r.normMeanF,
    finalTemperature: r.finalTemperature, finalLoss: r.history.epochLoss[r.history.epochLoss.length - 1],
    tauSteps, tau: tauSteps.map((t) => temps[t - 1]),
    histogram: { edges: sim.edges, positive: sim.positiveDensity, negative: sim.negativeDensity },
  };
}

/**
 * Mean and sample sd (0 for one run) over the repetitions of each output dimension, in the order of `dims`.
 *
 * @example
 * const run = { outputDim: 6, idF: 5, idG: 5.2, testAccuracy: 0.7, trainAccuracy: 0.8, finalTemperature: 0.01, normSd: 0.05, positiveMedian: 1, negativeQuantile99: 0.8 };
 * summariseIdSweep([6], [run, { ...run, idF: 6 }])[0].id_f_mean; // → 5.5
 * @category Experiments
 */
export function summariseIdSweep(dims: readonly number[], results: readonly Pick<IdSweepRunResult, SummarisedField>[]): IdSweepSummaryRow[] {
  return dims.map((d) => {
    const rs = results.filter((r) => r.outputDim === d);
    // Sample standard deviations (n − 1) over the repetitions; 0 for a single repetition.
    const idF = meanAndSd(rs.map((r) => r.idF), 1);
    const idG = meanAndSd(rs.map((r) => r.idG), 1);
    const acc = meanAndSd(rs.map((r) => r.testAccuracy), 1);
    const meanOf = (field: SummarisedField) => arrayMean(rs.map((r) => r[field]));
    return {
      d, runs: rs.length, id_f_mean: idF.mean, id_f_sd: idF.sd, id_g_mean: idG.mean, id_g_sd: idG.sd, test_acc_mean: acc.mean, test_acc_sd: acc.sd,
      train_acc_mean: meanOf('trainAccuracy'), final_tau_mean: meanOf('finalTemperature'), norm_sd_mean: meanOf('normSd'),
      pos_median_mean: meanOf('positiveMedian'), neg_q99_mean: meanOf('negativeQuantile99'),
    };
  });
}

/**
 * The per-run fields idsweep summarises as mean ± sd over seeds.
 * @category Experiments
 */
export type SummarisedField = 'outputDim' | 'idF' | 'idG' | 'testAccuracy' | 'trainAccuracy' | 'finalTemperature' | 'normSd' | 'positiveMedian' | 'negativeQuantile99';

/**
 * What idSweep returns: every run's result and the summary rows (mean ± sd over seeds per output dimension).
 * @category Experiments
 */
export interface IdSweepResult {
  settings: IdSweepSettings;
  dims: number[];
  /** One result per run, in the order of `idSweepRuns`. */
  runs: IdSweepRunResult[];
  summary: IdSweepSummaryRow[];
}

/**
 * The whole sweep in this thread, one run after another: output dimensions `dims`, everything else from
 * `PAPER_ID_SWEEP` unless given (so the default is the paper's 50 × 800-epoch runs per d: days, pass fewer).
 * `mmcl idsweep` runs the same runs on worker threads, with shards, resume and figures.
 *
 * @example
 * const sweep = idSweep([2, 6], { ...QUICK_ID_SWEEP, epochs: 1, trainRows: 256, referenceRows: 40, testRows: 60 });
 * sweep.summary.map((row) => row.d); // → [2, 6]
 * @category Experiments
 */
export function idSweep(dims: readonly number[], settings: Partial<IdSweepSettings> = {}, onRun?: (result: IdSweepRunResult, index: number, total: number) => void): IdSweepResult {
  const s: IdSweepSettings = { ...PAPER_ID_SWEEP, ...settings };
  const runs = idSweepRuns(dims, s.reps, s.seed);
  const results = runs.map((run, index) => {
    const result = runIdSweepRun(run, s);
    onRun?.(result, index, runs.length);
    return result;
  });
  return { settings: s, dims: [...dims], runs: results, summary: summariseIdSweep(dims, results) };
}

/**
 * Milliseconds of one training step at these settings and output dimension, timed over a few steps after a
 * warm-up: the basis of the run-time estimate printed before a sweep.
 *
 * @example
 * estimateStepMilliseconds({ ...PAPER_ID_SWEEP, referenceRows: 100 }, 6) > 0; // → true
 * @category Experiments
 */
export function estimateStepMilliseconds(settings: IdSweepSettings, outputDim: number): number {
  const s = settings;
  const streams = createStreams(1);
  const data = generatePairs({ link: 'linear', rows: s.batchSize + s.referenceRows, latentDim: s.latentDim }, streams.data);
  const config = resolveStepConfig(stepOptions(s));
  const model = initModel({ inputX: data.inputX, inputY: data.inputY, outputDim, hidden: s.hidden }, (n) => streams.init.uniform(n), 0);
  const reference = { x: data.x.subarray(s.batchSize * data.inputX), y: data.y.subarray(s.batchSize * data.inputY), rows: s.referenceRows };
  const step = new ContrastiveStep(model, config, s.batchSize, reference);
  for (let k = 0; k < 3; k++) step.compute(data.x, data.y); // warm up the JIT
  const started = performance.now();
  for (let k = 0; k < 5; k++) step.compute(data.x, data.y);
  return (performance.now() - started) / 5;
}
