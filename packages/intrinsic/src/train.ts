import { NumericalError } from '@mmcl/autodiff';
import { adamStep, createAdamState } from './adam.js';
import { checkBatchSize, temperatureOf, type StepConfig } from './config.js';
import type { PairedData } from './data.js';
import type { ContrastiveModel } from './model.js';
import { ContrastiveStep, type ReferenceSet, type StepStats } from './step.js';

/**
 * Options of trainModel: epochs, batch size, shuffling.
 * @category Training
 */
export interface TrainOptions {
  epochs: number;
  /** B (256). */
  batchSize: number;
  /**
   * Row permutation for each epoch, or null for the authors' fixed order (batch b = rows [bB, bB + B), the
   * remainder dropped). Called once per epoch; must return a permutation of 0..rows−1.
   */
  shuffle: ((epoch: number, rows: number) => Int32Array) | null;
  /** Called after every epoch, e.g. for a progress bar. */
  onEpoch?: (epoch: number, history: TrainingHistory) => void;
  /** 2: g̃ on a worker thread (same bits, see ContrastiveStep); default 1. */
  threads?: 1 | 2;
}

/**
 * What trainModel records: τ after every step and the mean loss of every epoch.
 * @category Training
 */
export interface TrainingHistory {
  /** τ after every optimiser step. */
  temperatures: number[];
  /** Mean batch loss of each epoch. */
  epochLoss: number[];
  /** Mean of "align" (−mean cos of positives) of each epoch. */
  epochAlign: number[];
}

/**
 * Trains `model` in place (spec §10): for each epoch and batch, loss and gradients of both encoders and s, then
 * one Adam step over all parameters (two PyTorch optimisers with equal settings act as one, elementwise).
 * Stops with a NumericalError naming the step and the quantity at the first non-finite loss, τ or gradient.
 *
 * @example
 * // const history = trainModel(model, train, { x: ref.x, y: ref.y, rows: ref.rows }, resolveStepConfig(),
 * //   { epochs: 10, batchSize: 256, shuffle: null });
 * // history.temperatures.at(-1); // τ after the last step
 * @category Training
 */
export function trainModel(
  model: ContrastiveModel,
  data: PairedData,
  reference: ReferenceSet | null,
  config: StepConfig,
  options: TrainOptions,
): TrainingHistory {
  const B = options.batchSize;
  checkBatchSize(B, data.rows);
  const step = new ContrastiveStep(model, config, B, reference, { threads: options.threads });
  try {
    return trainEpochs(step, data, options);
  } finally {
    step.close();
  }
}

function trainEpochs(step: ContrastiveStep, data: PairedData, options: TrainOptions): TrainingHistory {
  const { model, config, batchSize: B } = step;
  const adam = createAdamState(model.parameters.length);
  const frozen = frozenMask(model, config);
  const history: TrainingHistory = { temperatures: [], epochLoss: [], epochAlign: [] };
  const batches = Math.floor(data.rows / B);
  const xBatch = new Float64Array(B * data.inputX);
  const yBatch = new Float64Array(B * data.inputY);
  let stepIndex = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = options.shuffle?.(epoch, data.rows) ?? null;
    let lossSum = 0;
    let alignSum = 0;
    for (let b = 0; b < batches; b++) {
      fillBatch(data, order, b * B, B, xBatch, yBatch);
      const stats = step.compute(xBatch, yBatch);
      checkFinite(stats, step.gradient, stepIndex, epoch, b);
      adamStep(model.parameters, step.gradient, adam, config.adam, frozen);
      history.temperatures.push(temperatureOf(model.parameters[model.temperatureIndex], config));
      lossSum += stats.loss;
      alignSum += stats.align;
      stepIndex++;
    }
    history.epochLoss.push(lossSum / batches);
    history.epochAlign.push(alignSum / batches);
    options.onEpoch?.(epoch, history);
  }
  return history;
}

/** s is frozen in fixed-temperature mode (it is then not a parameter at all, so no weight decay either). */
export function frozenMask(model: ContrastiveModel, config: StepConfig): Uint8Array | undefined {
  if (config.learnTemperature) return undefined;
  const mask = new Uint8Array(model.parameters.length);
  mask[model.temperatureIndex] = 1;
  return mask;
}

function fillBatch(data: PairedData, order: Int32Array | null, start: number, B: number, xBatch: Float64Array, yBatch: Float64Array): void {
  const { inputX, inputY } = data;
  if (order === null) {
    xBatch.set(data.x.subarray(start * inputX, (start + B) * inputX));
    yBatch.set(data.y.subarray(start * inputY, (start + B) * inputY));
    return;
  }
  for (let r = 0; r < B; r++) {
    const row = order[start + r];
    xBatch.set(data.x.subarray(row * inputX, (row + 1) * inputX), r * inputX);
    yBatch.set(data.y.subarray(row * inputY, (row + 1) * inputY), r * inputY);
  }
}

/** Throws a NumericalError naming the step and the quantity if anything in this step is not finite. */
export function checkFinite(stats: StepStats, gradient: Float64Array, step: number, epoch: number, batch: number): void {
  const context = `epoch ${epoch}, batch ${batch}`;
  if (!Number.isFinite(stats.temperature)) throw new NumericalError(step, 'temperature τ', { value: stats.temperature, context });
  if (!Number.isFinite(stats.loss)) {
    throw new NumericalError(step, 'loss', { value: stats.loss, context, note: `τ = ${stats.temperature}` });
  }
  for (let i = 0; i < gradient.length; i++) {
    if (!Number.isFinite(gradient[i])) throw new NumericalError(step, `gradient entry ${i}`, { value: gradient[i], context });
  }
}
