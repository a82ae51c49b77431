import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig } from '@mmcl/infomax';
import { modelOverrides, resolveModel } from '../../packages/cli/src/model-options.js';
import { CliError } from '../../packages/cli/src/errors.js';

test('flags win over the "model" object of the config file; unset flags are left to the engine', () => {
  const overrides = modelOverrides({ model: { tau: 1, probeC: 0.5 }, tau: 0.2, d: undefined, seeds: 3 });
  assert.equal(overrides, { tau: 0.2, probeC: 0.5 });
  const config = resolveModel(overrides);
  assert.is(config.tau, 0.2);
  assert.is(config.d, defaultConfig.d);
});

test('engine configuration errors name the flag when there is one, else the model key', () => {
  for (const [raw, field] of [[{ d: -5 }, '--d'], [{ probeC: -1 }, 'model.probeC'], [{ colour: 1 }, 'model.colour']] as const) {
    try {
      resolveModel(raw);
      assert.unreachable(JSON.stringify(raw));
    } catch (err) {
      assert.instance(err, CliError);
      assert.is((err as CliError).field, field);
      assert.not.match((err as CliError).message, /\n/);
    }
  }
});

test.run();
