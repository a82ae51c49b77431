import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { majorityColour } from '../../packages/coloredmnist/src/colour.js';
import { TINY_CONFIG } from '../../packages/coloredmnist/src/config.js';
import { prepareData, probeEncoder, runColoredMnist } from '../../packages/coloredmnist/src/experiment.js';
import { startEncoderRun } from '../../packages/coloredmnist/src/train.js';
import { contrastiveConfig } from '../../packages/coloredmnist/src/experiment.js';

test('prepareData: seeded sizes, training colours follow the labels, test colours are reversed', () => {
  const config = { ...TINY_CONFIG, trainSize: 2000, testSize: 2000 };
  const data = prepareData(config);
  assert.is(data.train.count, 2000);
  assert.is(data.test.count, 2000);
  assert.is(data.train.side, 7);
  const share = (set: typeof data.train, reversed: boolean) =>
    set.labels.filter((label, n) => set.colours[n] === majorityColour(label, reversed)).length / set.count;
  assert.ok(Math.abs(share(data.train, false) - 0.775) < 0.04);
  assert.ok(Math.abs(share(data.test, true) - 0.775) < 0.04);
  assert.ok(share(data.test, false) < 0.05, 'at test the training colour of a class is rare');
  assert.equal(Array.from(prepareData(config).train.colours), Array.from(data.train.colours));
});

test('probeEncoder scores lie in [0, 1] and colour-following counts predictions equal to the colour class', () => {
  const data = prepareData(TINY_CONFIG);
  const run = startEncoderRun('multi', contrastiveConfig(TINY_CONFIG), data.train, TINY_CONFIG.seed);
  const { scores } = probeEncoder(run, data, TINY_CONFIG);
  for (const value of Object.values(scores)) assert.ok(value >= 0 && value <= 1);
  // A dataset whose test colour always names the label: following colour and being right are the same thing.
  const aligned = { ...data, test: { ...data.test, colours: data.test.labels.map((label) => majorityColour(label, false)) } };
  const alignedScores = probeEncoder(run, aligned, TINY_CONFIG).scores;
  assert.is(alignedScores.testColourFollowing, alignedScores.testAccuracy);
});

test('runColoredMnist trains both encoders for the configured epochs, stops on request, and is reproducible', async () => {
  const data = prepareData(TINY_CONFIG);
  const epochsSeen: string[] = [];
  const result = await runColoredMnist(TINY_CONFIG, data, { afterEpoch: (run) => epochsSeen.push(`${run.modality}${run.epochLosses.length}`) });
  assert.ok(result);
  assert.equal(epochsSeen, ['single1', 'single2', 'multi1', 'multi2']);
  const again = await runColoredMnist(TINY_CONFIG, data);
  assert.equal(again!.scores, result!.scores);
  assert.equal(Array.from(again!.probes.multi.weights.data), Array.from(result!.probes.multi.weights.data));
  assert.is(await runColoredMnist(TINY_CONFIG, data, { shouldStop: () => true }), undefined);
});

test('the convolutional encoder trains end to end with the expected parameter shapes and is reproducible', async () => {
  const config = { ...TINY_CONFIG, encoder: 'cnn' as const };
  const data = prepareData(config);
  const result = await runColoredMnist(config, data);
  assert.ok(result);
  assert.equal(result!.runs.multi.parameters.map((p) => p.shape), [[4, 3, 3, 3], [8, 4, 3, 3], [8, 8], [20, 8]]);
  const again = await runColoredMnist(config, data);
  assert.equal(Array.from(again!.runs.single.parameters[0].data), Array.from(result!.runs.single.parameters[0].data));
  assert.equal(again!.scores, result!.scores);
});

test.run();
