import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { generatePairs } from '@mmcl/intrinsic';
import { sliceRows } from '@mmcl/intrinsic/internal';

const rows = 400;

test('linear link: X and Y share exactly their first k* coordinates, the rest is independent noise', () => {
  const d = generatePairs({ link: 'linear', rows }, createStreams(1).data);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < 5; j++) {
      assert.is(d.x[i * 20 + j], d.y[i * 20 + j]);
      assert.is(d.z[i * 5 + j], d.y[i * 20 + j]);
    }
    assert.is.not(d.x[i * 20 + 5], d.y[i * 20 + 5]);
  }
});

test('nonlinear link: the authors\' thresholding map of Z', () => {
  const d = generatePairs({ link: 'nonlinear', rows }, createStreams(2).data);
  for (let i = 0; i < rows; i++) {
    const z = d.z.subarray(i * 5, i * 5 + 5);
    assert.is(d.x[i * 20], z[0] < 0 ? z[0] : 0);
    assert.is(d.x[i * 20 + 1], z[1] + z[0] > 0.5 ? z[1] : 0);
    for (let j = 2; j < 5; j++) assert.is(d.x[i * 20 + j], z[j] > 0 ? z[j] : 0);
  }
});

test('correlated link: sample correlation ≈ ρ on the shared coordinates, ≈ 0 elsewhere; noise link: ≈ 0', () => {
  const n = 4000;
  const corr = (x: Float64Array, y: Float64Array, j: number) => {
    let sxy = 0, sxx = 0, syy = 0;
    for (let i = 0; i < n; i++) {
      sxy += x[i * 20 + j] * y[i * 20 + j];
      sxx += x[i * 20 + j] ** 2;
      syy += y[i * 20 + j] ** 2;
    }
    return sxy / Math.sqrt(sxx * syy);
  };
  const c = generatePairs({ link: 'correlated', rows: n, correlation: 0.9 }, createStreams(3).data);
  assert.ok(Math.abs(corr(c.x, c.y, 0) - 0.9) < 0.02);
  assert.ok(Math.abs(corr(c.x, c.y, 7)) < 0.05);
  const noise = generatePairs({ link: 'noise', rows: n }, createStreams(4).data);
  assert.ok(Math.abs(corr(noise.x, noise.y, 0)) < 0.05);
});

test('same seed, same bits; slices are copies of the right rows', () => {
  const a = generatePairs({ link: 'linear', rows: 50 }, createStreams(9).data);
  const b = generatePairs({ link: 'linear', rows: 50 }, createStreams(9).data);
  assert.equal(Array.from(a.x), Array.from(b.x));
  const s = sliceRows(a, 10, 20);
  assert.is(s.rows, 10);
  assert.is(s.x[0], a.x[200]);
  assert.is(s.y[199], a.y[399]);
});

test('bad options are rejected with the field named', () => {
  assert.throws(() => generatePairs({ link: 'linear', rows: 0 }, createStreams(1).data), /rows must be/);
  assert.throws(() => generatePairs({ link: 'correlated', rows: 5, correlation: 1 }, createStreams(1).data), /correlation must be/);
  assert.throws(() => generatePairs({ link: 'bogus' as never, rows: 5 }, createStreams(1).data), /link must be/);
});

test.run();
