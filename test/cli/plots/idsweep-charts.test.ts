import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Options, RunResult, SummaryRow } from '../../../packages/cli/src/commands/idsweep.js';
import { accuracySpec, idAxisTop, idSpec, similaritySpec, tauDomain, tauSpec } from '../../../packages/cli/src/plots/idsweep-charts.js';
import { renderSvg } from '../../../packages/cli/src/plots/render.js';

const row = (d: number, id: number): SummaryRow => ({
  d, runs: 1, id_f_mean: id, id_f_sd: 0.1, id_g_mean: id + 0.1, id_g_sd: 0.1, test_acc_mean: 0.5, test_acc_sd: 0.01,
  train_acc_mean: 0.6, final_tau_mean: 0.02, norm_sd_mean: 0.1, pos_median_mean: 0.9, neg_q99_mean: 0.3,
});
const run = (d: number): RunResult => ({
  outputDim: d, rep: 0, seed: 1, idF: 5, idG: 5, twoNnF: 5, testAccuracy: 0.5, trainAccuracy: 0.6, positiveMedian: 0.9,
  negativeQuantile99: 0.3, negativeMax: 0.5, normSd: 0.1, normMean: 1, finalTemperature: 0.02, finalLoss: 1,
  tauSteps: [0, 10], tau: [1, 0.5], histogram: { edges: [-1, 0, 1], positive: [0, 3], negative: [3, 1] },
});
const summary = [row(3, 2.3), row(9, 5.3)];
const results = [run(3), run(9)];
const options = { link: 'linear', epochs: 2, trainRows: 100 } as Options;

test('the ID figure draws both encoders, the k* line and the d − 1 sphere bound', async () => {
  const svg = await renderSvg(idSpec(summary, options, 5));
  for (const label of ['MLE ID of f(X)', 'MLE ID of g(Y)', 'k* = 5', 'sphere bound d − 1', 'output dimension d']) {
    assert.ok(svg.includes(label), `missing "${label}"`);
  }
});

test('the ID axis fits the estimates and k* (not a fixed 20), and the τ axis the τ values (not rounded out to decades)', () => {
  assert.is(idAxisTop(summary, 5), Math.ceil(5.5 * 1.15));
  assert.is(idAxisTop([row(3, 2.3)], 5), Math.ceil(5 * 1.15));
  const tau = [{ ...run(3), tau: [1.1, 0.95, 0.8] }, { ...run(9), tau: [1, 0.9] }];
  const [low, high] = tauDomain(tau);
  assert.ok(low < 0.8 && low > 0.75 && high > 1.1 && high < 1.15, `${low}, ${high}`);
});

test('the τ, accuracy and similarity figures render with their titles', async () => {
  assert.match(await renderSvg(tauSpec(results)), /Convergence of the temperature/);
  assert.match(await renderSvg(accuracySpec(summary)), /Cross-modal retrieval accuracy/);
  assert.match(await renderSvg(similaritySpec(results, [3, 9], 5)), /Out-of-sample similarities/);
});

test.run();
