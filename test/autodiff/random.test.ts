import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AutodiffError, STREAM_PURPOSES, createStreams, randomStream } from '@mmcl/autodiff';
import { bitwiseEqual } from './helpers.js';

test('the same seed gives identical bits in two runs, for every purpose and draw kind', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
      const a = createStreams(seed);
      const b = createStreams(seed);
      for (const purpose of STREAM_PURPOSES) {
        assert.ok(bitwiseEqual(a[purpose].normal(33), b[purpose].normal(33)));
        assert.ok(bitwiseEqual(a[purpose].uniform(17), b[purpose].uniform(17)));
        assert.is(a[purpose].int(1000), b[purpose].int(1000));
      }
      assert.ok(bitwiseEqual(a.stream('my-purpose').normal(5), b.stream('my-purpose').normal(5)));
    }),
  );
});

test('different purposes and different seeds give different streams', () => {
  const s = createStreams(0);
  const draws = STREAM_PURPOSES.map((p) => s[p].uniform(4));
  for (let i = 0; i < draws.length; i++) for (let j = i + 1; j < draws.length; j++) assert.not.ok(bitwiseEqual(draws[i], draws[j]));
  assert.not.ok(bitwiseEqual(createStreams(1).data.uniform(4), createStreams(0).data.uniform(4)));
  assert.not.ok(bitwiseEqual(randomStream(0, 'x').uniform(4), randomStream(0, 'y').uniform(4)));
  // A table purpose by name is the same stream as the field.
  assert.ok(bitwiseEqual(s.stream('init').uniform(4), createStreams(0).init.uniform(4)));
});

test('normal draws do not depend on how they are chunked (the Box–Muller spare is kept)', () => {
  const a = randomStream(3, 'data');
  const chunked = new Float64Array([...a.normal(3), ...a.normal(4), ...a.normal(1)]);
  assert.ok(bitwiseEqual(chunked, randomStream(3, 'data').normal(8)));
});

test('uniforms are multiples of 2⁻⁵³ in [0, 1); moments of 2·10⁵ draws are within 5 standard errors', () => {
  const n = 200_000;
  const u = randomStream(11, 'data').uniform(n);
  let mean = 0;
  for (const v of u) {
    assert.ok(v >= 0 && v < 1 && Number.isInteger(v * 2 ** 53));
    mean += v / n;
  }
  assert.ok(Math.abs(mean - 0.5) < 5 * Math.sqrt(1 / 12 / n), `uniform mean ${mean}`);
  const z = randomStream(11, 'init').normal(n);
  let m1 = 0;
  let m2 = 0;
  let m4 = 0;
  for (const v of z) {
    m1 += v / n;
    m2 += (v * v) / n;
    m4 += v ** 4 / n;
  }
  assert.ok(Math.abs(m1) < 5 / Math.sqrt(n), `normal mean ${m1}`);
  assert.ok(Math.abs(m2 - 1) < 5 * Math.sqrt(2 / n), `normal variance ${m2}`);
  assert.ok(Math.abs(m4 - 3) < 5 * Math.sqrt(96 / n), `normal fourth moment ${m4}`);
});

test('normalInto scales and shifts; int, sign and permutation stay in range', () => {
  const s = randomStream(5, 'data');
  const t = randomStream(5, 'data');
  const scaled = s.normalInto(new Float64Array(4), 0.01, 2);
  const plain = t.normal(4);
  for (let i = 0; i < 4; i++) assert.is(scaled[i], 2 + 0.01 * plain[i]);
  for (let i = 0; i < 100; i++) {
    const k = s.int(7);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 7);
    assert.ok([-1, 1].includes(s.sign()));
  }
  const p = s.permutation(50);
  assert.equal(Array.from(p).sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  const c = s.clone();
  assert.ok(bitwiseEqual(c.normal(3), s.normal(3)));
});

test('bad seeds and counts are one-line errors naming the value', () => {
  assert.throws(() => createStreams(-1), (e: Error) => e instanceof AutodiffError && e.message === 'seed must be an integer in 0..4294967295, got -1');
  assert.throws(() => createStreams(1.5), /got 1.5/);
  assert.throws(() => randomStream(0, 'data').normal(-2), /normal: count must be a non-negative integer, got -2/);
  assert.throws(() => randomStream(0, 'data').int(0), /int: maxExclusive must be a positive integer, got 0/);
});

test.run();
