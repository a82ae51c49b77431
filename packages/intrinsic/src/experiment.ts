import { createStreams } from '@mmcl/autodiff';
import { initialLogTemperature, resolveStepConfig, type StepConfigOptions } from './config.js';
import { generatePairs, sliceRows, type Link } from './data.js';
import { retrievalAccuracy, normSummary, similaritySummary, type SimilaritySummary } from './metrics.js';
import { mleDimension } from './mle.js';
import { initModel } from './model.js';
import { represent } from './represent.js';
import { trainModel, type TrainingHistory } from './train.js';
import { twoNnDimension } from './twonn.js';

/**
 * One training run of the synthetic experiment (spec §10). Defaults are the paper's except the sizes.
 * @category Experiments
 */
export interface ExperimentOptions {
  link: Link;
  /** Representation dimension d. */
  outputDim: number;
  /** Training rows n (paper 10 000). */
  trainRows: number;
  /** Reference rows N_a for the mean-norm normaliser (paper 2 000). */
  referenceRows: number;
  /** Test rows (paper 2 000). */
  testRows: number;
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  seed: number;
  latentDim: number;
  hidden: readonly number[];
  step: StepConfigOptions;
  /** Neighbours of the MLE (20). */
  mleNeighbours: number;
  onEpoch?: (epoch: number, history: TrainingHistory) => void;
}

/**
 * What runExperiment measures on the test set: intrinsic dimensions, retrieval, similarities, norms, τ.
 * @category Experiments
 */
export interface ExperimentResult {
  outputDim: number;
  /** MLE ID of f(X_test) and g(Y_test) (arithmetic mean, k = 20); 1 when d = 1, as in the paper. */
  idF: number;
  idG: number;
  /** TwoNN ID of f(X_test) (1 when d = 1). */
  twoNnF: number;
  /** Top-1 X→Y retrieval accuracy on the test pairs, and top-⌊n/n_test⌋ on the training pairs (spec §5.1). */
  testAccuracy: number;
  trainAccuracy: number;
  similarities: SimilaritySummary;
  /** sd and mean of ‖f(x)‖ on the test set. */
  normSdF: number;
  normMeanF: number;
  finalTemperature: number;
  history: TrainingHistory;
}

/**
 * Draws the data, trains both encoders and evaluates on the test set: the unit of work of `mmcl idsweep`.
 * The seed feeds @mmcl/autodiff's independent streams: 'data', 'init' and 'shuffle'.
 *
 * @example
 * const r = runExperiment({ link: 'linear', outputDim: 3, trainRows: 512, referenceRows: 200, testRows: 200, epochs: 2, batchSize: 256 });
 * // τ after each step: 2 epochs × ⌊512/256⌋ batches
 * r.history.temperatures.length; // → 4
 * @category Experiments
 */
export function runExperiment(partial: Partial<ExperimentOptions> & { outputDim: number }): ExperimentResult {
  const o: ExperimentOptions = {
    link: 'linear', trainRows: 10_000, referenceRows: 2000, testRows: 2000, epochs: 800, batchSize: 256, shuffle: false,
    seed: 2024, latentDim: 5, hidden: [50, 50, 50], step: {}, mleNeighbours: 20, ...partial,
  };
  const config = resolveStepConfig(o.step);
  const streams = createStreams(o.seed);
  const total = o.trainRows + o.referenceRows + o.testRows;
  const all = generatePairs({ link: o.link, rows: total, latentDim: o.latentDim }, streams.data);
  const train = sliceRows(all, 0, o.trainRows);
  const reference = sliceRows(all, o.trainRows, o.trainRows + o.referenceRows);
  const test = sliceRows(all, o.trainRows + o.referenceRows, total);
  const model = initModel(
    { inputX: all.inputX, inputY: all.inputY, outputDim: o.outputDim, hidden: o.hidden },
    (count) => streams.init.uniform(count),
    initialLogTemperature(config),
  );
  const refSet = config.similarity === 'meanNorm' ? { x: reference.x, y: reference.y, rows: reference.rows } : null;
  const history = trainModel(model, train, refSet, config, {
    epochs: o.epochs,
    batchSize: o.batchSize,
    shuffle: o.shuffle ? (_epoch, rows) => streams.shuffle.permutation(rows) : null,
    onEpoch: o.onEpoch,
  });
  const d = o.outputDim;
  const F = represent(model.f, test.x, test.rows, reference.x, reference.rows, config.similarity).values;
  const G = represent(model.g, test.y, test.rows, reference.y, reference.rows, config.similarity).values;
  const Ftrain = represent(model.f, train.x, train.rows, reference.x, reference.rows, config.similarity).values;
  const Gtrain = represent(model.g, train.y, train.rows, reference.y, reference.rows, config.similarity).values;
  const id = (values: Float64Array): number => (d === 1 ? 1 : mleDimension({ data: values, shape: [test.rows, d] }, { k: o.mleNeighbours }).dimension);
  const norms = normSummary(F, test.rows, d);
  return {
    outputDim: d,
    idF: id(F),
    idG: id(G),
    twoNnF: d === 1 ? 1 : twoNnDimension({ data: F, shape: [test.rows, d] }),
    testAccuracy: retrievalAccuracy(F, G, test.rows, d, 1),
    trainAccuracy: retrievalAccuracy(Ftrain, Gtrain, train.rows, d, Math.max(1, Math.floor(train.rows / test.rows))),
    similarities: similaritySummary(F, G, test.rows, d),
    normSdF: norms.sd,
    normMeanF: norms.mean,
    finalTemperature: history.temperatures[history.temperatures.length - 1] ?? NaN,
    history,
  };
}
