import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStreams, encodeNpy, writeNpyFile } from '@mmcl/autodiff';
import { mleDimension, twoNnDimension } from '@mmcl/intrinsic';
import { runCaptured as mmcl, tempDir } from './helpers.js';
import { fortranLayout, handNpy } from '../autodiff/npyBytes.js';
import { grid } from '../intrinsic/manifolds.js';

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
    ['zeros.npy', encodeNpy(new Int32Array(90), [30, 3]), /all 30 rows are the same point \(constant data\).* — check that the file holds the array you meant/],
    ['complex.npy', handNpy('<c16', false, [2], new Uint8Array(32)), /dtype '<c16' is not supported .* — convert with np\.save\(path, X\.astype\(np\.float64\)\)/],
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

/** Bytes of `values` as `descr` ('<f4', '>f8', '<i8', ...), via DataView. */
function typedBytes(descr: string, values: ArrayLike<number>): Uint8Array {
  const size = Number(descr.slice(2));
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  const little = descr[0] !== '>';
  for (let i = 0; i < values.length; i++) {
    if (descr[1] === 'f') (size === 4 ? view.setFloat32(i * 4, values[i], little) : view.setFloat64(i * 8, values[i], little));
    else view.setBigInt64(i * 8, BigInt(values[i]), little);
  }
  return bytes;
}

test('the arrays numpy users have: float32 (PyTorch), int64, big-endian and Fortran order give the estimate of the same values as float64', async () => {
  const rounded = Float64Array.from(points, (x) => Math.fround(x));
  const integers = Float64Array.from(points, (x) => Math.round(x * 1000));
  const cases: Array<[string, Uint8Array, Float64Array]> = [
    ['f4.npy', handNpy('<f4', false, [n, 3], typedBytes('<f4', points)), rounded],
    ['f4-big.npy', handNpy('>f4', false, [n, 3], typedBytes('>f4', points)), rounded],
    ['f8-big.npy', handNpy('>f8', false, [n, 3], typedBytes('>f8', points)), points],
    ['f8-fortran.npy', handNpy('<f8', true, [n, 3], typedBytes('<f8', fortranLayout(points, [n, 3]))), points],
    ['i8.npy', handNpy('<i8', false, [n, 3], typedBytes('<i8', integers)), integers],
  ];
  for (const [name, bytes, values] of cases) {
    writeFileSync(join(dir, name), bytes);
    const { code, stdout, stderr } = await mmcl(['id', join(dir, name)]);
    assert.is(code, 0, `${name}: ${stderr}`);
    assert.match(stdout, `(${n} × 3): ${mleDimension({ data: values, shape: [n, 3] }).dimension.toFixed(4)}`, name);
  }
});

test('duplicate rows: TwoNN refuses (its μ = r2/0 is undefined) and the suggested --dedupe works as written; the MLE warns with both numbers', async () => {
  const copies = 7;
  const data = new Float64Array((n + copies) * 3);
  data.set(points);
  for (let c = 0; c < copies; c++) data.set(points.subarray(c * 30, c * 30 + 3), (n + c) * 3);
  const dup = join(dir, 'duplicates.npy');
  writeNpyFile(dup, data, [n + copies, 3]);
  const refused = await mmcl(['id', dup, '--estimator', 'twonn']);
  assert.is(refused.code, 2);
  assert.is(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  assert.match(refused.stderr, /^mmcl id: .*duplicates\.npy: TwoNN is undefined: 7 duplicate rows put 14 points at distance 0 from a neighbour — rerun with --dedupe to drop the 7 duplicate rows$/m);
  const fixed = await mmcl(['id', dup, '--estimator', 'twonn', '--dedupe']);
  assert.is(fixed.code, 0, fixed.stderr);
  const unique = twoNnDimension({ data: points, shape: [n, 3] });
  assert.match(fixed.stdout, `(${n + copies} × 3, 7 duplicate rows dropped: ${n} points used): ${unique.toFixed(4)}`);
  assert.is(fixed.stderr, '');

  const json = join(dir, 'dup.json');
  const warned = await mmcl(['id', dup, '--json', json]);
  assert.is(warned.code, 0);
  const kept = mleDimension({ data, shape: [n + copies, 3] }).dimension;
  const clean = mleDimension({ data: points, shape: [n, 3] }).dimension;
  assert.match(warned.stdout, kept.toFixed(4));
  assert.match(warned.stderr, `mmcl id: warning: 7 duplicate rows; they change the estimate: ${kept.toFixed(4)} with them, ${clean.toFixed(4)} without (14 points at distance 0 from a neighbour); --dedupe drops them`);
  const saved = JSON.parse(readFileSync(json, 'utf8'));
  assert.equal([saved.duplicateRows, saved.droppedDuplicates, saved.withoutDuplicates, saved.intrinsicDimension], [7, 0, clean, kept]);
});

test('the MLE with k + 1 copies of a point is undefined (NaN), refused; --dedupe fixes it', async () => {
  const data = new Float64Array((n + 21) * 3);
  data.set(points);
  for (let c = 0; c < 21; c++) data.set(points.subarray(0, 3), (n + c) * 3);
  const file21 = join(dir, 'copies.npy');
  writeNpyFile(file21, data, [n + 21, 3]);
  const refused = await mmcl(['id', file21]);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /the MLE is undefined: 21 duplicate rows put 22 points at distance 0 .* — rerun with --dedupe to drop the 21 duplicate rows/);
  const fixed = await mmcl(['id', file21, '--dedupe']);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stdout, mleDimension({ data: points, shape: [n, 3] }).dimension.toFixed(4));
});

test('lattice ties: an integer grid is warned about (MLE) or refused (TwoNN, every μ = 1), and the suggested fixes work as written', async () => {
  const lattice = join(dir, 'grid.npy');
  writeFileSync(lattice, handNpy('<i8', false, [1600, 2], typedBytes('<i8', grid(40, 2))));
  const mle = await mmcl(['id', lattice]);
  assert.is(mle.code, 0);
  assert.match(mle.stdout, '3.1858');
  assert.match(mle.stderr, /^mmcl id: warning: 1600 of 1600 points have two equidistant nearest neighbours \(r1 = r2: lattice or rounded data\); the MLE assumes continuous distances/);
  const twonn = await mmcl(['id', lattice, '--estimator', 'twonn']);
  assert.is(twonn.code, 2);
  assert.match(twonn.stderr, /TwoNN is undefined: 1600 points have r1 = r2 \(lattice ties\).* — rerun with --estimator mle$/m);
  const small = await mmcl(['id', lattice, '--k', '2']);
  assert.is(small.code, 2);
  assert.match(small.stderr, /all 2 nearest neighbours at the same distance .* — rerun with a larger --k than 2/);
  const larger = await mmcl(['id', lattice, '--k', '5']);
  assert.is(larger.code, 0, larger.stderr);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
