import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { ConfigError, defaultConfig, resolveConfig } from '@mmcl/infomax';

/** The thrown error, asserting it is a one-line ConfigError naming `key`. */
function rejects(raw: unknown, key: string, fragment: string): void {
  try {
    resolveConfig(raw);
  } catch (error) {
    assert.instance(error, ConfigError);
    const e = error as ConfigError;
    assert.is(e.key, key, e.message);
    assert.ok(e.message.startsWith(`config.${key}: `), e.message);
    assert.ok(e.message.includes(fragment), e.message);
    assert.not.ok(e.message.includes('\n'), 'one line');
    return;
  }
  assert.unreachable(`expected a ConfigError for ${JSON.stringify(raw)}`);
}

test('an empty config resolves to the Figure-1 defaults (spec §7.1)', () => {
  const config = resolveConfig({});
  assert.equal(config, { ...defaultConfig });
  assert.is(config.d, 2000);
  assert.is(config.n, 100);
  assert.is(config.m, 50);
  assert.is(config.steps, 200);
  assert.is(config.eta, 0.01);
  assert.is(config.tau, 0.1);
  assert.is(config.muTildeNorm, 15);
  assert.is(config.negatives, 'all');
});

test('given keys override the defaults and the rest is filled in', () => {
  const config = resolveConfig({ mode: 'multi', negatives: 20, seed: 7 });
  assert.is(config.mode, 'multi');
  assert.is(config.negatives, 20);
  assert.is(config.seed, 7);
  assert.is(config.sigmaEps, 0.1);
});

test('a resolved config resolves to itself', () => {
  const config = resolveConfig({ mode: 'multi', d: 300, n: 30 });
  assert.equal(resolveConfig(config), config);
});

test('bad configs get a one-line error naming the key and the constraint', () => {
  rejects({ n: 1 }, 'n', '≥ 2');
  rejects({ n: 2.5 }, 'n', 'integer');
  rejects({ tau: 0 }, 'tau', '> 0');
  rejects({ tau: -1 }, 'tau', '> 0');
  rejects({ eta: 0 }, 'eta', '> 0');
  rejects({ eta: Number.NaN }, 'eta', 'finite');
  rejects({ sigma0: Number.POSITIVE_INFINITY }, 'sigma0', 'finite');
  rejects({ d: 'big' }, 'd', 'finite number');
  rejects({ mode: 'bimodal' }, 'mode', '"single" or "multi"');
  rejects({ engine: 'gpu' }, 'engine', '"dense" or "reduced"');
  rejects({ negatives: 0 }, 'negatives', '"all" or an integer');
  rejects({ negatives: 200 }, 'negatives', 'n − 1');
  rejects({ learningRate: 0.1 }, 'learningRate', 'unknown key; did you mean "eta"?');
  rejects({ engine: 'dense', d: 50, n: 60 }, 'd', 'n + 1');
  rejects({ muAxis: 2000 }, 'muAxis', '< d');
  rejects({ probeTrainSize: 200 }, 'probeTrainSize', '< nTest');
  rejects([], '(root)', 'JSON object');
  rejects(null, '(root)', 'JSON object');
});

test('an unknown key names the key it most likely meant: synonyms, case and underscores, one-letter typos; none when nothing is close', () => {
  rejects({ lr: 0.1 }, 'lr', 'did you mean "eta"?');
  rejects({ temperature: 1 }, 'temperature', 'did you mean "tau"?');
  rejects({ sigma_0: 0.1 }, 'sigma_0', 'did you mean "sigma0"?');
  rejects({ MuNorm: 3 }, 'MuNorm', 'did you mean "muNorm"?');
  rejects({ muNrom: 3 }, 'muNrom', 'did you mean "muNorm"?');
  rejects({ evalEvry: 3 }, 'evalEvry', 'did you mean "evalEvery"?');
  rejects({ banana: 3 }, 'banana', 'unknown key; (known keys: mode, d,');
});

test('the reduced engine accepts d < n + 1 (its dynamics do not need a unique decomposition)', () => {
  assert.is(resolveConfig({ engine: 'reduced', d: 50, n: 60 }).d, 50);
});

test('property: every positive finite τ and η is accepted, every non-positive one is rejected', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
      const config = resolveConfig({ tau: x, eta: x });
      return config.tau === x && config.eta === x;
    }),
  );
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 0, noNaN: true }), (x) => {
      try {
        resolveConfig({ tau: x });
        return false;
      } catch (error) {
        return error instanceof ConfigError && error.key === 'tau';
      }
    }),
  );
});

test.run();
