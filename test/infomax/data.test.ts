import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, generateInputs, resolveConfig } from '@mmcl/infomax';
import { populationSampler } from '@mmcl/infomax/internal';
import { sameBits } from './helpers.js';

const small = { d: 40, n: 12, m: 5, nTest: 20, probeTrainSize: 10 };

test('a seed gives the same bits; another seed gives different data', () => {
  const a = generateInputs(resolveConfig({ ...small, mode: 'multi', seed: 3 }));
  const b = generateInputs(resolveConfig({ ...small, mode: 'multi', seed: 3 }));
  const c = generateInputs(resolveConfig({ ...small, mode: 'multi', seed: 4 }));
  for (const key of ['y', 'mu', 'xi', 'eps', 'W0', 'muTilde', 'xiTilde', 'W0Tilde', 'negatives', 'negativeOffsets'] as const) {
    assert.ok(sameBits(a[key]!, b[key]!), key);
  }
  assert.ok(sameBits(a.test!.zeta, b.test!.zeta));
  assert.not.ok(sameBits(a.xi, c.xi));
  assert.not.ok(sameBits(a.W0, c.W0));
});

test('single and multi runs of one seed share y, µ, ξ, ϵ, W^(0), the negatives and the test set', () => {
  const s = generateInputs(resolveConfig({ ...small, mode: 'single' }));
  const m = generateInputs(resolveConfig({ ...small, mode: 'multi' }));
  for (const key of ['y', 'mu', 'xi', 'eps', 'W0', 'negatives'] as const) assert.ok(sameBits(s[key], m[key]), key);
  assert.ok(sameBits(s.test!.zeta, m.test!.zeta));
  assert.is(s.xiTilde, undefined);
  assert.is(m.xiTilde!.length, small.n * small.d);
});

test('shapes, signal vectors on their axes, labels ±1, noise scales', () => {
  const config = resolveConfig({ d: 500, n: 40, m: 30, sigmaXi: 2, sigma0: 0.5, sigmaEps: 0.1, mode: 'multi' });
  const x = generateInputs(config);
  assert.is(x.y.length, 40);
  assert.ok(x.y.every((v) => v === 1 || v === -1));
  assert.is(x.mu[0], 5);
  assert.is(x.muTilde![1], 15);
  assert.is(x.mu.reduce((s, v) => s + v * v, 0), 25);
  const sd = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
  // 20000 draws: the sample sd is within ~2% of σ.
  assert.ok(Math.abs(sd(x.xi) / 2 - 1) < 0.03, `ξ sd ${sd(x.xi)}`);
  assert.ok(Math.abs(sd(x.W0) / 0.5 - 1) < 0.03, `W0 sd ${sd(x.W0)}`);
  assert.ok(Math.abs(sd(x.eps) / 0.1 - 1) < 0.03, `ϵ sd ${sd(x.eps)}`);
});

test('default negatives: all opposite-label samples, sorted; M: a fixed subset of M of them', () => {
  const config = resolveConfig(small);
  const x = generateInputs(config);
  for (let i = 0; i < small.n; i++) {
    const list = Array.from(x.negatives.subarray(x.negativeOffsets[i], x.negativeOffsets[i + 1]));
    const expected = Array.from(x.y.keys()).filter((j) => x.y[j] !== x.y[i]);
    assert.equal(list, expected);
  }
  const sub = generateInputs(resolveConfig({ ...small, negatives: 3 }));
  for (let i = 0; i < small.n; i++) {
    const list = Array.from(sub.negatives.subarray(sub.negativeOffsets[i], sub.negativeOffsets[i + 1]));
    assert.is(list.length, 3);
    assert.equal(list, [...list].sort((a, b) => a - b));
    assert.ok(list.every((j) => sub.y[j] !== sub.y[i]));
    assert.is(new Set(list).size, 3);
  }
});

test('a class with no (or too few) opposite-label negatives is a ConfigError', () => {
  // With n = 2 the two labels agree with probability ½ per seed: some seed among the first 40 must fail.
  let failures = 0;
  for (let seed = 0; seed < 40; seed++) {
    try {
      const y = generateInputs(resolveConfig({ d: 5, n: 2, m: 1, nTest: 4, probeTrainSize: 2, seed })).y;
      assert.ok(y[0] !== y[1], 'labels that agree must be rejected');
    } catch (error) {
      assert.instance(error, ConfigError);
      assert.match((error as Error).message, /no opposite-label negatives/);
      failures++;
    }
  }
  assert.ok(failures > 0 && failures < 40, `${failures} failures`);
  try {
    generateInputs(resolveConfig({ ...small, negatives: 11 }));
    assert.unreachable('expected ConfigError');
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.is((error as ConfigError).key, 'negatives');
  }
});

test('test distribution: experimental ν ∥ µ; theoretical ν has ⟨ν, µ⟩ = ‖µ‖² d^{−1/2}', () => {
  const exp = generateInputs(resolveConfig(small)).test!;
  assert.is(exp.nu[0], 2);
  assert.is(exp.nu.reduce((s, v) => s + v * v, 0), 4);
  const config = resolveConfig({ ...small, testNu: 'theory' });
  const th = generateInputs(config).test!;
  const inner = th.nu[0] * 5; // µ = 5 e_0
  assert.ok(Math.abs(inner - 25 / Math.sqrt(small.d)) < 1e-12, `⟨ν, µ⟩ = ${inner}`);
  let orth = 0;
  for (let k = 1; k < small.d; k++) orth += th.nu[k] * th.nu[k];
  assert.ok(Math.abs(Math.sqrt(orth) - 2) < 1e-12);
  assert.is(th.zeta.length, 20 * small.d);
});

test('the population sampler reuses the run\'s ν and is independent of its test set', () => {
  const config = resolveConfig({ ...small, testNu: 'theory' });
  const sampler = populationSampler(config);
  assert.ok(sameBits(sampler.nu, generateInputs(config).test!.nu));
  const block = sampler.next(20);
  assert.not.ok(sameBits(block.zeta, generateInputs(config).test!.zeta));
});

test.run();
