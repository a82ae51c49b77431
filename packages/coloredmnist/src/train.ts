// Contrastive training of the image encoder, one epoch at a time, so a run can be checkpointed and resumed.
//
// single: SimCLR. Each minibatch gives two colour-preserving augmented views per image; NT-Xent between them.
// multi:  CLIP. Each minibatch pairs the (un-augmented) images with their captions one-hot(digit) ⊕ one-hot(colour);
//         the image encoder and the caption encoder's linear map are trained together.
// All randomness of epoch e comes from a stream named after (modality, e) under the run's seed, so resuming at an
// epoch boundary reproduces an uninterrupted run bit for bit.
import { NumericalError, randomStream, tensor, valueAndGrad, type RandomStream, type Tensor } from '@mmcl/autodiff';
import { DEFAULT_ADAM, adamStep, createAdamState, type AdamState } from '@mmcl/intrinsic';
import { augmentedBatch, captionBatch, inputSize, paintedBatch, type AugmentationConfig, type CaptionDigit } from './batch.js';
import type { ColouredSet } from './colour.js';
import { CAPTION_SIZE, encodeCaptions, initCaptionEncoder } from './encoder.js';
import { imageEncoder, type EncoderKind, type ImageEncoder } from './imageEncoder.js';
import { clipLoss, simclrLoss } from './losses.js';

/**
 * Which of the two models of Table 1 is trained.
 * @category Training
 */
export type Modality = 'single' | 'multi';

/** Settings of one contrastive training run. */
export interface ContrastiveConfig {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly temperature: number;
  readonly encoder: EncoderKind;
  readonly width: number;
  readonly channels: number;
  readonly embedDim: number;
  readonly augmentation: AugmentationConfig;
  readonly captionDigit: CaptionDigit;
}

/** The image encoder a configuration trains on images of the given side. */
export function encoderFor(config: ContrastiveConfig, side: number): ImageEncoder {
  return imageEncoder({ kind: config.encoder, side, width: config.width, channels: config.channels, embedDim: config.embedDim });
}

/**
 * A training run in progress: parameters (the image encoder's, then for multi the caption map C), optimiser state,
 * epoch losses.
 * @category Training
 */
export interface EncoderRun {
  readonly modality: Modality;
  readonly parameters: Tensor[];
  /** One Adam state per parameter tensor (@mmcl/intrinsic's Adam works on flat vectors). */
  readonly adam: AdamState[];
  /** Mean minibatch loss of every completed epoch; its length is the number of epochs done. */
  readonly epochLosses: number[];
}

/** The stream of epoch `epoch` (0-based) of a run: its shuffle first, then every augmentation draw. */
export function epochStream(seed: number, modality: Modality, epoch: number): RandomStream {
  return randomStream(seed, `coloredmnist-${modality}-epoch-${epoch}`);
}

/**
 * A fresh run. Both modalities draw the image encoder from the same `seed` first, so the single- and multi-modal
 * encoders start from identical weights; the multi-modal run then draws its caption map.
 */
export function startEncoderRun(modality: Modality, config: ContrastiveConfig, set: ColouredSet, seed: number): EncoderRun {
  const stream = randomStream(seed, 'init');
  const parameters = encoderFor(config, set.side).init(stream);
  if (modality === 'multi') parameters.push(...initCaptionEncoder(config.embedDim, stream));
  return { modality, parameters, adam: parameters.map((p) => createAdamState(p.size)), epochLosses: [] };
}

/** Throws the shared NumericalError, naming the step and the quantity, unless every entry is finite. */
function checkFinite(values: Float64Array, quantity: string, step: number, context: string): void {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) {
      throw new NumericalError(step, quantity, { value: values[k], context, note: 'try a smaller learning rate' });
    }
  }
}

/** The loss of one minibatch as a function of the parameters, with its inputs drawn now. */
function minibatchObjective(run: EncoderRun, set: ColouredSet, batch: Int32Array, config: ContrastiveConfig, stream: RandomStream) {
  const width = inputSize(set);
  const encoder = encoderFor(config, set.side);
  if (run.modality === 'single') {
    const view1 = tensor(augmentedBatch(set, batch, config.augmentation, stream), [batch.length, width]);
    const view2 = tensor(augmentedBatch(set, batch, config.augmentation, stream), [batch.length, width]);
    return (...weights: Tensor[]) => simclrLoss(encoder.encode(weights, view1), encoder.encode(weights, view2), config.temperature);
  }
  const images = tensor(paintedBatch(set, batch), [batch.length, width]);
  const captions = tensor(captionBatch(set, batch, config.captionDigit), [batch.length, CAPTION_SIZE]);
  const imageParameters = encoder.parameterNames.length;
  return (...weights: Tensor[]) =>
    clipLoss(
      encoder.encode(weights.slice(0, imageParameters), images),
      encodeCaptions(weights.slice(imageParameters), captions),
      config.temperature,
    );
}

/** Lets pending events (Ctrl-C, timers) run between minibatches of the otherwise synchronous training loop. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Callbacks of a training loop: progress after each minibatch, and a stop request checked between minibatches. */
export interface EpochHooks {
  readonly afterMinibatch?: () => void;
  readonly shouldStop?: () => boolean;
}

/**
 * Trains one more epoch (a seeded shuffle, then minibatches of `batchSize`, the last one possibly smaller).
 * Resolves true when the epoch is complete, false when `shouldStop` ended it early; the run is then mid-epoch and
 * must be discarded (a resumed run restarts from the last completed epoch).
 */
export async function trainEpoch(
  run: EncoderRun,
  set: ColouredSet,
  config: ContrastiveConfig,
  seed: number,
  hooks: EpochHooks = {},
): Promise<boolean> {
  const epoch = run.epochLosses.length;
  const stream = epochStream(seed, run.modality, epoch);
  const order = stream.permutation(set.count);
  const options = { ...DEFAULT_ADAM, learningRate: config.learningRate, weightDecay: 0 };
  const firstStep = epoch * minibatchesPerEpoch(set.count, config.batchSize) + 1;
  let total = 0;
  let batches = 0;
  for (let start = 0; start < set.count; start += config.batchSize) {
    const batch = order.subarray(start, Math.min(start + config.batchSize, set.count));
    const { value, grads } = valueAndGrad(minibatchObjective(run, set, batch, config, stream))(...run.parameters);
    const step = firstStep + batches;
    const context = `${run.modality}-modal training, epoch ${epoch + 1}, minibatch ${batches + 1}`;
    checkFinite(Float64Array.of(value), 'loss', step, context);
    for (const gradient of grads) checkFinite(gradient.data, 'gradient entry', step, context);
    run.parameters.forEach((p, k) => adamStep(p.data, grads[k].data, run.adam[k], options));
    total += value;
    batches += 1;
    hooks.afterMinibatch?.();
    await yieldToEventLoop();
    if (hooks.shouldStop?.()) return false;
  }
  run.epochLosses.push(total / batches);
  return true;
}

/**
 * Number of minibatches in one epoch.
 *
 * @example
 * minibatchesPerEpoch(8000, 100); // → 80
 * @category Training
 */
export function minibatchesPerEpoch(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}

/** Image embeddings (count × embedDim, row-major) of every image of the set, un-augmented, in chunks of 512. */
export function embedSet(run: EncoderRun, set: ColouredSet, config: ContrastiveConfig): Float64Array {
  const encoder = encoderFor(config, set.side);
  const out = new Float64Array(set.count * config.embedDim);
  for (let start = 0; start < set.count; start += 512) {
    const indices = new Int32Array(Math.min(512, set.count - start)).map((_, k) => start + k);
    const images = tensor(paintedBatch(set, indices), [indices.length, inputSize(set)]);
    out.set(encoder.encode(run.parameters, images).data, start * config.embedDim);
  }
  return out;
}
