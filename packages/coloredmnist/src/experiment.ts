// The whole Table 1 experiment as a library function: data, both contrastive trainings, both linear probes.
// The command (commands/coloredmnist.ts) adds the output folder, progress bar, Ctrl-C and --resume around it.
import { randomStream, type RandomStream } from '@mmcl/autodiff';
import { colourDigits, majorityColour, type ColouredSet } from './colour.js';
import type { ColoredMnistConfig } from './config.js';
import { MNIST_SIDE, downsampleDigits, loadMnistDigits, splitDigits, type DigitSet } from './digits.js';
import { loadFullMnist, pickByteDigits } from './fullMnist.js';
import type { ImageEncoder } from './imageEncoder.js';
import { fitProbe, probePredict, type Probe } from './probe.js';
import { embedSet, encoderFor, startEncoderRun, trainEpoch, type ContrastiveConfig, type EncoderRun, type Modality } from './train.js';

/**
 * The two models of Table 1, in the table's order.
 * @category Experiments
 */
export const MODALITIES: readonly Modality[] = ['single', 'multi'];

/**
 * The coloured training set (training colours) and the test set (reversed colours).
 * @category Experiments
 */
export interface ColoredMnistData {
  readonly train: ColouredSet;
  readonly test: ColouredSet;
}

/**
 * Accuracies of one model's probe (fractions in [0, 1]).
 * @category Evaluation
 */
export interface ProbeScores {
  /** Against the (noisy) training labels the probe was fitted to. */
  readonly trainAccuracy: number;
  /** Against the (noisy) test labels: the Test Accuracy of Table 1. */
  readonly testAccuracy: number;
  /** Against the true test digits, label noise aside. */
  readonly testDigitAccuracy: number;
  /** Share of test predictions equal to the class whose *training* majority colour the image has (colour-following). */
  readonly testColourFollowing: number;
}

/**
 * Everything the experiment produces.
 * @category Experiments
 */
export interface ColoredMnistResult {
  /** The trained encoder of each model (parameters, Adam state, epoch losses). */
  readonly runs: Record<Modality, EncoderRun>;
  /** The linear probe fitted on each frozen encoder. */
  readonly probes: Record<Modality, Probe>;
  /** Table 1's accuracies and the diagnostics, per model. */
  readonly scores: Record<Modality, ProbeScores>;
}

/**
 * Callbacks for the command: resumed runs, progress, stop requests and a checkpoint after every epoch.
 * @category Experiments
 */
export interface ExperimentHooks {
  readonly resumed?: Partial<Record<Modality, EncoderRun>>;
  readonly afterMinibatch?: () => void;
  readonly shouldStop?: () => boolean;
  readonly afterEpoch?: (run: EncoderRun) => void;
}

/** mnist60k: training digits drawn from MNIST's 60,000 training digits, test digits from its 10,000 test digits. */
function fullSplit(config: ColoredMnistConfig, stream: RandomStream): { train: DigitSet; test: DigitSet } {
  const full = loadFullMnist();
  const train = pickByteDigits(full.train, stream.permutation(full.train.count).subarray(0, config.trainSize), config.downsample);
  const test = pickByteDigits(full.test, stream.permutation(full.test.count).subarray(0, config.testSize), config.downsample);
  return { train, test };
}

/**
 * Loads the digits, picks the seeded train/test split and colours both sets by the protocol.
 *
 * @example
 * const data = prepareData(TINY_CONFIG);
 * data.train.count; // → 120
 * // TINY_CONFIG.trainSize digits in the training set
 * @category Experiments
 */
export function prepareData(config: ColoredMnistConfig): ColoredMnistData {
  const stream = randomStream(config.seed, 'data');
  const split =
    config.dataset === 'mnist60k'
      ? fullSplit(config, stream)
      : splitDigits(downsampleDigits(loadMnistDigits(), config.downsample), config.trainSize, config.testSize, stream);
  const protocol = { labelNoise: config.labelNoise, majorityProbability: config.majorityProbability };
  return {
    train: colourDigits(split.train, { ...protocol, reversed: false }, stream),
    test: colourDigits(split.test, { ...protocol, reversed: true }, stream),
  };
}

/** The contrastive-training part of the configuration. */
export function contrastiveConfig(config: ColoredMnistConfig): ContrastiveConfig {
  const { epochs, batchSize, learningRate, temperature, encoder, width, channels, embedDim, maxShift, noise, captionDigit } = config;
  return {
    epochs, batchSize, learningRate, temperature, encoder, width, channels, embedDim, augmentation: { maxShift, noise }, captionDigit,
  };
}

/**
 * The image encoder a configuration trains (its side is the digits' side after downsampling).
 *
 * @example
 * experimentEncoder({ ...DEFAULT_CONFIG, encoder: 'cnn' }).parameterNames; // → ['conv1', 'conv2', 'projection']
 * @category Model
 */
export function experimentEncoder(config: ColoredMnistConfig): ImageEncoder {
  return encoderFor(contrastiveConfig(config), MNIST_SIDE / config.downsample);
}

function fraction(predictions: Int32Array, reference: (n: number) => number): number {
  let hits = 0;
  for (let n = 0; n < predictions.length; n++) if (predictions[n] === reference(n)) hits += 1;
  return hits / predictions.length;
}

/** Freezes the encoder, fits the probe on the training embeddings and scores it on both sets. */
export function probeEncoder(run: EncoderRun, data: ColoredMnistData, config: ColoredMnistConfig): { probe: Probe; scores: ProbeScores } {
  const { embedDim } = config;
  const training = contrastiveConfig(config);
  const probeConfig = { steps: config.probeSteps, learningRate: config.probeLearningRate, weightDecay: config.probeWeightDecay };
  const trainEmbeddings = embedSet(run, data.train, training);
  const probe = fitProbe(trainEmbeddings, embedDim, data.train.labels, probeConfig);
  const trainPredictions = probePredict(probe, trainEmbeddings);
  const testPredictions = probePredict(probe, embedSet(run, data.test, training));
  // Training majority colours are a permutation of the classes (class k ↔ colour k), so it is its own inverse here.
  const trainClassOfColour = (colour: number) => majorityColour(colour, false);
  return {
    probe,
    scores: {
      trainAccuracy: fraction(trainPredictions, (n) => data.train.labels[n]),
      testAccuracy: fraction(testPredictions, (n) => data.test.labels[n]),
      testDigitAccuracy: fraction(testPredictions, (n) => data.test.digits[n]),
      testColourFollowing: fraction(testPredictions, (n) => trainClassOfColour(data.test.colours[n])),
    },
  };
}

/**
 * Runs the experiment. Resolves undefined when `shouldStop` interrupted it (completed epochs were already handed to
 * `afterEpoch`), otherwise the trained runs, probes and scores.
 *
 * @example
 * const result = await runColoredMnist(TINY_CONFIG, prepareData(TINY_CONFIG)); // seconds
 * result!.scores.single.testAccuracy; // → 0.15
 * // 9 of 60 test digits: the tiny preset is too small for Table 1's direction
 * @category Experiments
 */
export async function runColoredMnist(
  config: ColoredMnistConfig,
  data: ColoredMnistData,
  hooks: ExperimentHooks = {},
): Promise<ColoredMnistResult | undefined> {
  const training = contrastiveConfig(config);
  const runs = {} as Record<Modality, EncoderRun>;
  for (const modality of MODALITIES) {
    const run = hooks.resumed?.[modality] ?? startEncoderRun(modality, training, data.train, config.seed);
    while (run.epochLosses.length < config.epochs) {
      const complete = await trainEpoch(run, data.train, training, config.seed, hooks);
      if (!complete) return undefined;
      hooks.afterEpoch?.(run);
    }
    runs[modality] = run;
  }
  const probes = {} as Record<Modality, Probe>;
  const scores = {} as Record<Modality, ProbeScores>;
  for (const modality of MODALITIES) ({ probe: probes[modality], scores: scores[modality] } = probeEncoder(runs[modality], data, config));
  return { runs, probes, scores };
}
