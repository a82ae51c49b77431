// The ColoredMNIST protocol of Table 1 (paper 1, §7.2 of the spec): label noise, then a colour tied to the label.
//
// For each digit with true class d:
//   1. label noise: with probability `labelNoise` the label y is replaced by one of the other 9 classes, uniformly;
//   2. colour: with probability `majorityProbability` the image gets the majority colour of its label y, otherwise
//      one of the other 9 colours, uniformly.
// The colour follows the (noisy) label, as in Arjovsky et al.'s ColoredMNIST, so in training colour and label agree
// on 77.5% of the images while the digit's shape agrees with the label on 90%.
// The paper spells out only classes 0 and 1 (train: 0 red, 1 green; test: 0 green, 1 red). We extend it by pairs:
// class k has majority colour k in training and k xor 1 at test (0↔1, 2↔3, …, 8↔9), which reverses the correlation.
import type { RandomStream } from '@mmcl/autodiff';
import type { DigitSet } from './digits.js';

/** The 10 colours as RGB in [0, 1]; no two are multiples of each other, so hue alone tells them apart. */
export const PALETTE: readonly (readonly [number, number, number])[] = [
  [1, 0, 0], // red (majority colour of class 0 in training)
  [0, 1, 0], // green (class 1)
  [0, 0, 1], // blue
  [1, 1, 0], // yellow
  [0, 1, 1], // cyan
  [1, 0, 1], // magenta
  [1, 0.5, 0], // orange
  [0.5, 0, 1], // violet
  [0, 1, 0.5], // spring green
  [1, 1, 1], // white
];

/** Names of the PALETTE colours, for tables and docs. */
export const COLOUR_NAMES = ['red', 'green', 'blue', 'yellow', 'cyan', 'magenta', 'orange', 'violet', 'spring green', 'white'];

/** Parameters of the protocol; the paper uses labelNoise 0.1 and majorityProbability 0.775. */
export interface ColouringProtocol {
  readonly labelNoise: number;
  readonly majorityProbability: number;
  /** false: training colours (class k → colour k); true: the reversed test colours (class k → colour k xor 1). */
  readonly reversed: boolean;
}

/**
 * Grey digits with their noisy labels, true digits and colour indices; images are painted when batches are built.
 * @category Data
 */
export interface ColouredSet extends DigitSet {
  readonly labels: Int32Array;
  readonly colours: Int32Array;
}

/** The majority colour of class `label` under the training (k) or reversed test (k xor 1) assignment. */
export function majorityColour(label: number, reversed: boolean): number {
  return reversed ? label ^ 1 : label;
}

/** One of the 9 values in 0..9 other than `excluded`, uniformly. */
function otherThan(excluded: number, stream: RandomStream): number {
  const draw = stream.int(9);
  return draw >= excluded ? draw + 1 : draw;
}

/** Applies label noise and colours to every digit, in order (two uniforms and at most two ints per digit). */
export function colourDigits(set: DigitSet, protocol: ColouringProtocol, stream: RandomStream): ColouredSet {
  const labels = new Int32Array(set.count);
  const colours = new Int32Array(set.count);
  for (let n = 0; n < set.count; n++) {
    const [flip, keepMajority] = stream.uniform(2);
    const digit = set.digits[n];
    labels[n] = flip < protocol.labelNoise ? otherThan(digit, stream) : digit;
    const majority = majorityColour(labels[n], protocol.reversed);
    colours[n] = keepMajority < protocol.majorityProbability ? majority : otherThan(majority, stream);
  }
  return { ...set, labels, colours };
}

/**
 * Writes the 3-channel image of grey intensities `grey` (side² values) painted in PALETTE[colour] into `out`
 * at `offset`, channel-major (all red values, then green, then blue): pixel value = intensity × channel weight.
 */
export function paint(grey: Float64Array, colour: number, out: Float64Array, offset: number): void {
  const pixels = grey.length;
  const rgb = PALETTE[colour];
  for (let channel = 0; channel < 3; channel++) {
    const weight = rgb[channel];
    const base = offset + channel * pixels;
    for (let p = 0; p < pixels; p++) out[base + p] = grey[p] * weight;
  }
}

/** Values per caption: one-hot(digit) ⊕ one-hot(colour). */
export const CAPTION_SIZE = 20;

/** The caption vector of the ideal text encoder: one-hot(digit) ⊕ one-hot(colour), CAPTION_SIZE values, written at `offset`. */
export function caption(digit: number, colour: number, out: Float64Array, offset: number): void {
  out.fill(0, offset, offset + CAPTION_SIZE);
  out[offset + digit] = 1;
  out[offset + 10 + colour] = 1;
}
