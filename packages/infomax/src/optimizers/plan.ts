/**
 * What an engine needs to run the configured optimizer: η_t, the batch and negative lists of step t, the rate that
 * turns the Lemma 5.1 / 5.3 increments into the step, and a fresh parameter update rule per encoder.
 */
import type { InfomaxConfig, InfomaxInputs, OptimizerConfig } from '../types.js';
import { adamStep, type AdamState } from './adam.js';
import { batchNegatives, batchSequence } from './batches.js';
import { isCoordinateWise } from './config.js';
import { decoupledDecay } from './decay.js';
import { rmspropStep, type RmspropState } from './rmsprop.js';
import { sgdStep, type SgdState } from './sgd.js';
import { signGdStep } from './signgd.js';
import { learningRate } from './schedule.js';

/**
 * W ← update(W, ∇, η_t), in place, with the optimizer's state kept inside (one rule per parameter tensor).
 * @category Optimizers
 */
export type UpdateRule = (params: Float64Array, grad: Float64Array, lr: number) => void;

/**
 * One step's plan.
 * @category Optimizers
 */
export interface StepPlan {
  /** η_t. */
  lr: number;
  /** Minibatch runs: S_t (sorted) and its negative lists; undefined for a full-batch step. */
  batch?: { anchors: Int32Array; negatives: Int32Array; negativeOffsets: Int32Array };
  /**
   * The rate to hand the coefficient increments (StepContext.rate): η_t/(B m τ) when `plain` (the increment is then
   * the step itself), 1/(B m τ) otherwise (the increment is then −∇ in coefficient form).
   */
  rate: number;
}

/**
 * The optimizer's plan for a run: the configuration, whether it is plain GD, and each step's learning rate and batch.
 * @category Optimizers
 */
export interface TrainingPlan {
  optimizer: OptimizerConfig;
  /** W ← W − η_t ∇L exactly (SGD without momentum or decay): the engines keep GD's arithmetic, bit for bit. */
  plain: boolean;
  /** The update is a scalar combination of gradients and weights, so W stays in a_t W^(0) + span{µ, ξ_i}. */
  spanPreserving: boolean;
  /** B (n for full batch). */
  batchSize: number;
  /** The plan of step t; call for t = 0, 1, … in order (minibatches are drawn epoch by epoch). */
  step(t: number): StepPlan;
  /** A fresh update rule (and state) for one parameter tensor. */
  createRule(): UpdateRule;
  /**
   * A fresh rule for a_t, the coefficient of W^(0): the same linear update on a vector whose gradient is 0 for the
   * span-preserving family (exact by linearity); only the decoupled decay for the coordinate-wise optimizers, whose
   * update of W^(0)'s direction is not a scalar multiple (it shows in the span residual).
   */
  createScaleRule(): (a: Float64Array, lr: number) => void;
}

/**
 * The training plan of a configuration.
 *
 * @example
 * import { generateInputs, resolveConfig } from '@mmcl/infomax';
 * import { trainingPlan } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 50, n: 10, m: 4, optimizer: { name: 'sgd', batchSize: 5, momentum: 0.9 } });
 * const plan = trainingPlan(config, generateInputs(config));
 * plan.step(0).batch?.anchors.length; // → 5
 * @category Optimizers
 */
export function trainingPlan(config: InfomaxConfig, inputs: InfomaxInputs): TrainingPlan {
  const { optimizer, eta, m, n, tau } = config;
  const coordinateWise = isCoordinateWise(optimizer.name);
  const plain = optimizer.name === 'sgd' && optimizer.momentum === 0 && optimizer.weightDecay === 0;
  const batchSize = optimizer.batchSize === 'full' ? n : optimizer.batchSize;
  const minibatch = batchSize < n;
  const nextBatch = minibatch ? batchSequence(n, batchSize, config.seed) : undefined;
  const decoupled = optimizer.decoupledWeightDecay;
  const weightDecay = optimizer.weightDecay;

  const createRule = (): UpdateRule => {
    switch (optimizer.name) {
      case 'sgd': {
        const state: SgdState = {};
        const options = { momentum: optimizer.momentum!, nesterov: optimizer.nesterov!, weightDecay, decoupled };
        return (params, grad, lr) => sgdStep(params, grad, lr, options, state);
      }
      case 'adam':
      case 'adamw': {
        const state: AdamState = {};
        const options = { beta1: optimizer.beta1!, beta2: optimizer.beta2!, epsilon: optimizer.epsilon!, weightDecay, decoupled, momentOrder: optimizer.momentOrder! };
        return (params, grad, lr) => adamStep(params, grad, lr, options, state);
      }
      case 'rmsprop': {
        const state: RmspropState = {};
        const options = { alpha: optimizer.alpha!, epsilon: optimizer.epsilon!, weightDecay, decoupled };
        return (params, grad, lr) => rmspropStep(params, grad, lr, options, state);
      }
      case 'signgd':
        return (params, grad, lr) => signGdStep(params, grad, lr, { weightDecay, decoupled });
    }
  };

  return {
    optimizer,
    plain,
    spanPreserving: !coordinateWise,
    batchSize,
    step(t) {
      const lr = learningRate(optimizer, eta, t);
      const rate = (plain ? lr : 1) / (batchSize * m * tau);
      if (!nextBatch) return { lr, rate };
      const anchors = nextBatch(t);
      return { lr, rate, batch: { anchors, ...batchNegatives(inputs.negatives, inputs.negativeOffsets, anchors, optimizer.batchNegatives) } };
    },
    createRule,
    createScaleRule() {
      if (coordinateWise) return (a, lr) => (decoupled ? decoupledDecay(a, lr, weightDecay) : undefined);
      const rule = createRule();
      const zero = new Float64Array(1);
      return (a, lr) => rule(a, zero, lr);
    },
  };
}
