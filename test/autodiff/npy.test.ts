import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AutodiffError, decodeNpy, encodeNpy, readNpyFile, writeNpyFile } from '@mmcl/autodiff';
import { bitwiseEqual } from './helpers.js';

/** Bytes as a string of char codes 0..255 (the header is ASCII apart from the 0x93 magic byte). */
const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

test("header is byte-identical to numpy's np.save for float64 (2, 3)", () => {
  // numpy 1.x/2.x: np.save(f, np.zeros((2, 3))) writes this 128-byte preamble (header length 0x76 = 118).
  const expected = "\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }" + ' '.repeat(58) + '\n';
  const bytes = encodeNpy(new Float64Array(6), [2, 3]);
  assert.is(bytes.length, 128 + 48);
  assert.is(text(bytes.subarray(0, 128)), expected);
});

test('1-D and 0-D shapes are written as numpy tuples; data starts at a multiple of 64', () => {
  const one = text(encodeNpy(new Int32Array(3), [3]));
  assert.ok(one.includes("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }"));
  const zero = encodeNpy(new Float64Array(1), []);
  assert.ok(text(zero).includes("'shape': (), }"));
  for (const shape of [[3], [], [7, 11, 2], [100, 2000]]) {
    const size = shape.reduce((p, d) => p * d, 1);
    const bytes = encodeNpy(new Float64Array(size), shape);
    assert.is((bytes.length - size * 8) % 64, 0);
  }
});

test('encode/decode round trip is exact for float64 (incl. NaN, ±Infinity, −0) and int32', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }), fc.infiniteStream(fc.double()), fc.infiniteStream(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), (shape, doubles, ints) => {
      const size = shape.reduce((p, d) => p * d, 1);
      const f = Float64Array.from(doubles.take(size));
      const back = decodeNpy(encodeNpy(f, shape));
      assert.equal(back.shape, shape);
      assert.is(back.dtype, '<f8');
      assert.ok(bitwiseEqual(back.data, f));
      const i = Int32Array.from(ints.take(size));
      const backInt = decodeNpy(encodeNpy(i, shape));
      assert.is(backInt.dtype, '<i4');
      assert.ok(backInt.data instanceof Int32Array);
      assert.equal(Array.from(backInt.data), Array.from(i));
    }),
  );
});

test('files: writeNpyFile then readNpyFile, with no temporary file left behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmcl-npy-'));
  const path = join(dir, 'x.npy');
  writeNpyFile(path, new Float64Array([1.5, -2, 3]), [3, 1]);
  const back = readNpyFile(path);
  assert.equal(back.shape, [3, 1]);
  assert.equal(Array.from(back.data), [1.5, -2, 3]);
  assert.is(readFileSync(path).length, 128 + 24);
});

test('unsupported inputs are one-line errors', () => {
  const bytes = encodeNpy(new Float64Array(2), [2]);
  assert.throws(() => decodeNpy(bytesOf(text(bytes).replace('False', 'True '))), /fortran_order arrays are not supported/);
  const f4 = bytesOf(text(bytes).replace("'<f8'", "'<f4'"));
  assert.throws(() => decodeNpy(f4), (e: Error) => e instanceof AutodiffError && /dtype '<f4' is not supported/.test(e.message));
  assert.throws(() => decodeNpy(new Uint8Array([1, 2, 3])), /not a .npy file/);
  assert.throws(() => decodeNpy(bytes.subarray(0, bytes.length - 1)), /truncated/);
  assert.throws(() => encodeNpy(new Float64Array(3), [2]), /data has 3 entries but shape \[2\] needs 2/);
});

test.run();
