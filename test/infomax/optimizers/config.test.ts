import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, defaultConfig, resolveConfig } from '@mmcl/infomax';

function problem(raw: Record<string, unknown>): string {
  try {
    resolveConfig(raw);
  } catch (error) {
    assert.instance(error, ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('default optimizer: full-batch GD (sgd, B full, no momentum, no decay, constant η)', () => {
  assert.equal(resolveConfig({}).optimizer, {
    name: 'sgd', momentum: 0, nesterov: false, batchSize: 'full', batchNegatives: 'batch', weightDecay: 0, decoupledWeightDecay: false,
    schedule: 'constant', warmupSteps: 0,
  });
  assert.is(defaultConfig.muDirection, 'axis');
});

test('a name alone fills that optimizer’s PyTorch defaults; only its own keys are kept', () => {
  const adamw = resolveConfig({ engine: 'dense', optimizer: 'adamw' }).optimizer;
  assert.equal(adamw, {
    name: 'adamw', beta1: 0.9, beta2: 0.999, epsilon: 1e-8, momentOrder: 'lerp', batchSize: 'full', batchNegatives: 'batch',
    weightDecay: 0.01, decoupledWeightDecay: true, schedule: 'constant', warmupSteps: 0,
  });
  const resolved = resolveConfig({ engine: 'dense', optimizer: { name: 'rmsprop', schedule: 'cosine' } });
  assert.equal(resolveConfig(resolved), resolved, 'a resolved config resolves to itself');
});

test('bad optimizer settings: one-line ConfigErrors naming optimizer.<key>', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ optimizer: 'lbfgs' }, /^config\.optimizer\.name: must be "sgd" or "adam"/],
    [{ optimizer: 3 }, /^config\.optimizer: must be an optimizer name/],
    [{ optimizer: { name: 'sgd', momentum: 1.5 } }, /^config\.optimizer\.momentum: must be a number in \[0, 1\) \(got 1\.5\)/],
    [{ optimizer: { name: 'sgd', beta1: 0.9 } }, /^config\.optimizer\.beta1: does not apply to "sgd" \(it belongs to adam, adamw\)/],
    [{ optimizer: { name: 'sgd', stepEvery: 3 } }, /^config\.optimizer\.stepEvery: applies only to schedule "step"/],
    [{ optimizer: { name: 'sgd', lr: 3 } }, /^config\.optimizer\.lr: unknown key/],
    [{ optimizer: { name: 'sgd', nesterov: true } }, /^config\.optimizer\.nesterov: needs momentum > 0/],
    [{ optimizer: { name: 'sgd', batchSize: 500 } }, /^config\.optimizer\.batchSize: must be ≤ n = 100/],
    [{ optimizer: { name: 'sgd', batchSize: 0 } }, /^config\.optimizer\.batchSize: must be "full" or an integer/],
    [{ optimizer: { name: 'sgd', weightDecay: -1 } }, /^config\.optimizer\.weightDecay: must be a number ≥ 0/],
    [{ engine: 'dense', optimizer: { name: 'adamw', decoupledWeightDecay: false } }, /^config\.optimizer\.decoupledWeightDecay: is always true/],
    [{ optimizer: 'adam' }, /^config\.engine: must be "dense" for optimizer adam/],
    [{ muDirection: 'diagonal' }, /^config\.muDirection: must be "axis" or "random"/],
  ];
  for (const [raw, pattern] of cases) {
    const message = problem(raw);
    assert.match(message, pattern);
    assert.not.match(message, /\n/);
  }
});

test('muDirection random: µ, µ~ seeded unit directions of the right norms; ν ∥ µ; data and W^(0) as for the axis run', async () => {
  const { generateInputs } = await import('@mmcl/infomax');
  const base = { mode: 'multi', d: 40, n: 6, m: 3, seed: 5 };
  const axis = generateInputs(resolveConfig(base));
  const random = generateInputs(resolveConfig({ ...base, muDirection: 'random' }));
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  assert.ok(Math.abs(norm(random.mu) - 5) < 1e-12 && Math.abs(norm(random.muTilde!) - 15) < 1e-12);
  assert.ok(random.mu.filter((x) => x !== 0).length === 40, 'not on an axis');
  const cos = random.mu.reduce((s, x, k) => s + x * random.test!.nu[k], 0) / (5 * norm(random.test!.nu));
  assert.ok(Math.abs(cos - 1) < 1e-12);
  assert.equal(Array.from(random.xi), Array.from(axis.xi));
  assert.equal(Array.from(random.W0), Array.from(axis.W0));
  assert.equal(Array.from(generateInputs(resolveConfig({ ...base, muDirection: 'random' })).mu), Array.from(random.mu));
});

test.run();
