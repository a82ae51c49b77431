import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ColoredMnistConfigError,
  DEFAULT_CONFIG,
  parseColoredMnistConfig,
  TINY_CONFIG,
} from '../../packages/coloredmnist/src/config.js';

test('the default and tiny presets are valid and use the paper protocol (10% noise, 77.5% majority colour)', () => {
  for (const preset of [DEFAULT_CONFIG, TINY_CONFIG]) {
    assert.equal(parseColoredMnistConfig(preset), preset);
    assert.is(preset.labelNoise, 0.1);
    assert.is(preset.majorityProbability, 0.775);
  }
});

function problem(overrides: Record<string, unknown>): ColoredMnistConfigError {
  try {
    parseColoredMnistConfig({ ...DEFAULT_CONFIG, ...overrides });
  } catch (err) {
    assert.instance(err, ColoredMnistConfigError);
    return err as ColoredMnistConfigError;
  }
  throw new Error(`accepted ${JSON.stringify(overrides)}`);
}

test('bad values are rejected naming the field, in one line', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ epochs: -1 }, 'epochs'],
    [{ batchSize: 1 }, 'batchSize'],
    [{ learningRate: 0 }, 'learningRate'],
    [{ labelNoise: 1.5 }, 'labelNoise'],
    [{ downsample: 3 }, 'downsample'],
    [{ width: 2.5 }, 'width'],
    [{ captionDigit: 'colour' }, 'captionDigit'],
    [{ encoder: 'rnn' }, 'encoder'],
    [{ dataset: 'emnist' }, 'dataset'],
    [{ dataset: 'mnist60k', trainSize: 60001 }, 'trainSize'],
    [{ dataset: 'mnist60k', testSize: 10001 }, 'testSize'],
    [{ channels: 0 }, 'channels'],
    [{ trainSize: 9000, testSize: 2000 }, 'trainSize'],
    [{ batchsize: 5 }, 'batchsize'],
  ];
  for (const [overrides, field] of cases) {
    const err = problem(overrides);
    assert.is(err.field, field);
    assert.ok(!err.message.includes('\n'), err.message);
  }
  assert.match(problem({ trainSize: 9000, testSize: 2000 }).problem, /at most 10000/);
});

test('mnist60k allows the 60,000 training digits and a separate test set', () => {
  const config = { ...DEFAULT_CONFIG, dataset: 'mnist60k' as const, trainSize: 60000, testSize: 10000 };
  assert.equal(parseColoredMnistConfig(config), config);
});

test.run();
