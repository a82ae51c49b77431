import { adamStep, createAdamState } from './adam.js';
import { checkBatchSize, initialLogTemperature, resolveStepConfig, temperatureOf, type StepConfigOptions } from './config.js';
import { IntrinsicInputError } from './errors.js';
import { modelView, type ContrastiveModel } from './model.js';
import { ContrastiveStep } from './step.js';
import { checkFinite, frozenMask } from './train.js';

/**
 * A row-major matrix: flat numbers or an array of rows.
 * @category Training
 */
export type Matrix = ArrayLike<number> | readonly (readonly number[])[];

/**
 * One layer's weights as given by an external implementation (PyTorch layout: weight is outputs×inputs).
 * @category Training
 */
export interface LayerWeights {
  weight: Matrix;
  bias: ArrayLike<number>;
}

/**
 * The weights, data and settings of a fixed-size training run (for replays against PyTorch).
 * @category Training
 */
export interface TrainStepsInput {
  /** Layers of f̃ and g̃ (input to output), and s (default from the config's initial temperature). */
  weights: { f: readonly LayerWeights[]; g: readonly LayerWeights[]; logTemperature?: number };
  /** Training rows (row-major n×d or nested) and the reference set, used in fixed batch order. */
  data: { x: Matrix; y: Matrix; referenceX?: Matrix; referenceY?: Matrix };
  config?: StepConfigOptions;
  /** Batch size B (256). */
  batchSize?: number;
  /** Number of optimiser steps; batch t is rows [(t mod ⌊n/B⌋)·B, +B). */
  steps: number;
  /** 2: g̃ on a worker thread (same bits, see ContrastiveStep); default 1. */
  threads?: 1 | 2;
}

/**
 * The losses and temperatures of a fixed-size training run.
 * @category Training
 */
export interface TrainStepsResult {
  /** The loss of each step, computed before that step's update (as PyTorch's loss.item()). */
  losses: number[];
  /** τ after each update. */
  temperatures: number[];
  /** The trained model (flat parameters and views). */
  model: ContrastiveModel;
}

/**
 * Runs `steps` training steps from given weights on given data, for comparisons with another implementation
 * (the PyTorch reference of benchmarks/intrinsic starts from identical arrays and compares the losses).
 *
 * @example
 * const layer = (o: number, i: number) => ({ weight: new Float64Array(o * i).fill(0.1), bias: new Float64Array(o) });
 * const x = Float64Array.from({ length: 8 * 3 }, (_, i) => Math.sin(i));
 * const out = trainSteps({ weights: { f: [layer(2, 3)], g: [layer(2, 3)] }, data: { x, y: x, referenceX: x, referenceY: x }, batchSize: 4, steps: 2 });
 * out.losses.length; // → 2
 * @category Training
 */
export function trainSteps(input: TrainStepsInput): TrainStepsResult {
  const config = resolveStepConfig(input.config);
  const { f, g } = input.weights;
  if (f.length === 0 || f.length !== g.length) throw new IntrinsicInputError('weights.f and weights.g must have the same, non-zero number of layers');
  const inputX = columnsOf(f[0].weight, f[0].bias.length, 'weights.f[0].weight');
  const inputY = columnsOf(g[0].weight, g[0].bias.length, 'weights.g[0].weight');
  const outputDim = f[f.length - 1].bias.length;
  const hidden = f.slice(0, -1).map((layer) => layer.bias.length);
  const model = modelView({ inputX, inputY, outputDim, hidden });
  copyLayers(model.f.layers, f, 'f');
  copyLayers(model.g.layers, g, 'g');
  model.parameters[model.temperatureIndex] = input.weights.logTemperature ?? initialLogTemperature(config);

  const x = flatten(input.data.x, 'data.x');
  const y = flatten(input.data.y, 'data.y');
  const rows = x.length / inputX;
  if (!Number.isInteger(rows) || y.length !== rows * inputY) throw new IntrinsicInputError(`data.x and data.y must hold the same number of rows of ${inputX} and ${inputY} columns`);
  const B = input.batchSize ?? 256;
  checkBatchSize(B, rows);
  let reference = null;
  if (config.similarity === 'meanNorm') {
    if (input.data.referenceX === undefined || input.data.referenceY === undefined) {
      throw new IntrinsicInputError('data.referenceX and data.referenceY are required with the meanNorm similarity');
    }
    const rx = flatten(input.data.referenceX, 'data.referenceX');
    reference = { x: rx, y: flatten(input.data.referenceY, 'data.referenceY'), rows: rx.length / inputX };
  }
  if (input.threads !== undefined && input.threads !== 1 && input.threads !== 2) throw new IntrinsicInputError(`threads must be 1 or 2 (got ${input.threads})`);
  const step = new ContrastiveStep(model, config, B, reference, { threads: input.threads });
  const adam = createAdamState(model.parameters.length);
  const frozen = frozenMask(model, config);
  const batches = Math.floor(rows / B);
  const losses: number[] = [];
  const temperatures: number[] = [];
  try {
    for (let t = 0; t < input.steps; t++) {
      const start = (t % batches) * B;
      const stats = step.compute(x.subarray(start * inputX, (start + B) * inputX), y.subarray(start * inputY, (start + B) * inputY));
      checkFinite(stats, step.gradient, t, Math.floor(t / batches), t % batches);
      adamStep(model.parameters, step.gradient, adam, config.adam, frozen);
      losses.push(stats.loss);
      temperatures.push(temperatureOf(model.parameters[model.temperatureIndex], config));
    }
  } finally {
    step.close();
  }
  return { losses, temperatures, model };
}

function flatten(values: Matrix, field: string): Float64Array {
  const out = Float64Array.from(Array.isArray(values) && Array.isArray(values[0]) ? (values as number[][]).flat() : (values as ArrayLike<number>));
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) throw new IntrinsicInputError(`${field}[${i}] is ${out[i]}; all values must be finite`);
  return out;
}

function columnsOf(weight: Matrix, outputs: number, field: string): number {
  const values = flatten(weight, field).length;
  const inputs = values / outputs;
  if (!Number.isInteger(inputs)) throw new IntrinsicInputError(`${field} must have bias.length rows (got ${values} values for ${outputs} rows)`);
  return inputs;
}

function copyLayers(target: ContrastiveModel['f']['layers'], source: readonly LayerWeights[], name: string): void {
  for (let l = 0; l < target.length; l++) {
    const weight = flatten(source[l].weight, `weights.${name}[${l}].weight`);
    if (weight.length !== target[l].weight.length || source[l].bias.length !== target[l].bias.length) {
      throw new IntrinsicInputError(`weights.${name}[${l}] must be ${target[l].outputs}×${target[l].inputs} with ${target[l].outputs} biases (layer widths must chain)`);
    }
    target[l].weight.set(weight);
    target[l].bias.set(Float64Array.from(source[l].bias));
  }
}
