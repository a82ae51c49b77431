import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_STEP_CONFIG, initialLogTemperature, resolveStepConfig, temperatureOf } from '@mmcl/intrinsic';

test('defaults are the paper\'s synthetic setting: c = 4, τ_min = 1e-4, s_0 = 0 (τ_0 = 1 + 1e-4), Adam 1e-4/1e-4', () => {
  const c = resolveStepConfig();
  assert.equal(c, DEFAULT_STEP_CONFIG);
  assert.is(initialLogTemperature(c), 0);
  assert.is(temperatureOf(0, c), 1 + 1e-4);
  assert.is(c.adam.learningRate, 1e-4);
  assert.is(c.adam.weightDecay, 1e-4);
});

test('other initial temperatures use s_0 = log(τ_init − τ_min)/c, so that τ_0 = τ_init (spec §6.2)', () => {
  const c = resolveStepConfig({ initialTemperature: 0.3 });
  assert.ok(Math.abs(temperatureOf(initialLogTemperature(c), c) - 0.3) < 1e-15);
  assert.is(temperatureOf(5, resolveStepConfig({ learnTemperature: false, initialTemperature: 0.7 })), 0.7);
});

test('invalid settings name the field', () => {
  assert.throws(() => resolveStepConfig({ similarity: 'dot' as never }), /similarity must be/);
  assert.throws(() => resolveStepConfig({ initialTemperature: 1e-5 }), /initialTemperature must exceed/);
  assert.throws(() => resolveStepConfig({ temperatureScale: 0 }), /temperatureScale/);
});

test.run();
