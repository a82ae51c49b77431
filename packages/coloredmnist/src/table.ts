// Table 1 in the paper's form (Model | Train Accuracy | Test Accuracy), as Markdown and CSV, with the paper's numbers.
import type { ProbeScores } from './experiment.js';
import type { Modality } from './train.js';

/**
 * The paper's Table 1, in percent.
 * @category Table 1
 */
export const PAPER_TABLE1: Record<Modality, { train: number; test: number }> = {
  single: { train: 88.43, test: 12.68 },
  multi: { train: 87.77, test: 82.13 },
};

const MODEL_NAMES: Record<Modality, string> = { single: 'Single-modal', multi: 'Multi-modal' };

function percent(value: number): string {
  return `${(100 * value).toFixed(2)}%`;
}

/** A percentage with 2 decimals as a fraction with 4, written exactly ("82.13" → "0.8213"). */
function fromPercent(value: number): string {
  return (value / 100).toFixed(4);
}

/**
 * The Markdown table: our accuracies, then the paper's in brackets for comparison.
 *
 * @example
 * const result = await runColoredMnist(TINY_CONFIG, prepareData(TINY_CONFIG)); // seconds
 * const rows = table1Markdown(result!.scores).split('\n');
 * rows[0]; // → '| Model | Train Accuracy | Test Accuracy | Paper (train / test) |'
 * rows[2]; // → '| Single-modal | 63.33% | 15.00% | 88.43% / 12.68% |'
 * rows[3]; // → '| Multi-modal | 60.83% | 10.00% | 87.77% / 82.13% |'
 * // DEFAULT_CONFIG (minutes) gives Single-modal 77.63% / 15.60%, see docs/coloredmnist.md
 * @category Table 1
 */
export function table1Markdown(scores: Record<Modality, ProbeScores>): string {
  const lines = ['| Model | Train Accuracy | Test Accuracy | Paper (train / test) |', '|---|---|---|---|'];
  for (const modality of ['single', 'multi'] as const) {
    const paper = PAPER_TABLE1[modality];
    const ours = scores[modality];
    lines.push(
      `| ${MODEL_NAMES[modality]} | ${percent(ours.trainAccuracy)} | ${percent(ours.testAccuracy)} | ${paper.train.toFixed(2)}% / ${paper.test.toFixed(2)}% |`,
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * The CSV table: one row per model, fractions in [0, 1] with full precision, plus the diagnostics.
 *
 * @example
 * const result = await runColoredMnist(TINY_CONFIG, prepareData(TINY_CONFIG));
 * table1Csv(result!.scores).split('\n')[0].split(',').slice(0, 3); // → ['model', 'train_accuracy', 'test_accuracy']
 * @category Table 1
 */
export function table1Csv(scores: Record<Modality, ProbeScores>): string {
  const lines = ['model,train_accuracy,test_accuracy,test_digit_accuracy,test_colour_following,paper_train_accuracy,paper_test_accuracy'];
  for (const modality of ['single', 'multi'] as const) {
    const s = scores[modality];
    const paper = PAPER_TABLE1[modality];
    lines.push(
      [modality, s.trainAccuracy, s.testAccuracy, s.testDigitAccuracy, s.testColourFollowing, fromPercent(paper.train), fromPercent(paper.test)].join(','),
    );
  }
  return lines.join('\n') + '\n';
}
