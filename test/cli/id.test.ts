import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStreams, encodeNpy, writeNpyFile } from '@mmcl/autodiff';
import { mleDimension } from '@mmcl/intrinsic';
import { runCaptured as mmcl, tempDir } from './helpers.js';

const dir = tempDir('mmcl-id-');
const n = 300;
const points = createStreams(9).data.normal(n * 3);
const file = join(dir, 'points.npy');
writeNpyFile(file, points, [n, 3]);

test('prints the MLE estimate and writes it as JSON (the library value, unchanged)', async () => {
  const json = join(dir, 'id.json');
  const { code, stdout: out } = await mmcl(['id', file, '--json', json]);
  assert.is(code, 0);
  const expected = mleDimension({ data: points, shape: [n, 3] }).dimension;
  assert.match(out, expected.toFixed(4));
  const saved = JSON.parse(readFileSync(json, 'utf8'));
  assert.is(saved.intrinsicDimension, expected);
  assert.is(saved.k, 20);
});

test('TwoNN on request', async () => {
  const { code, stdout: out } = await mmcl(['id', file, '--estimator', 'twonn']);
  assert.is(code, 0);
  assert.match(out, /TwoNN intrinsic dimension/);
});

test('bad files get one-line errors that name the problem and the fix', async () => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['ints.npy', encodeNpy(new Int32Array(60), [20, 3]), /dtype is <i4, not float64/],
    ['flat.npy', encodeNpy(new Float64Array(60), [60]), /not n×D/],
    ['few.npy', encodeNpy(new Float64Array(30), [10, 3]), /10 points, fewer than 21 \(k \+ 1\)/],
    ['nan.npy', encodeNpy(Float64Array.from({ length: 90 }, (_, i) => (i === 50 ? NaN : i)), [30, 3]), /row 16, column 2 is NaN/],
    ['junk.npy', new TextEncoder().encode('not numpy'), /not a readable \.npy file/],
  ];
  for (const [name, bytes, pattern] of cases) {
    writeFileSync(join(dir, name), bytes);
    const { code, stderr: err } = await mmcl(['id', join(dir, name)]);
    assert.is(code, 2, name);
    assert.match(err, pattern, name);
    assert.is(err.trim().split('\n').length, 1, `${name}: one line`);
  }
  const missing = await mmcl(['id', join(dir, 'missing.npy')]);
  assert.match(missing.stderr, /cannot read the file/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
