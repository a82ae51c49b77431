import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { AutodiffError, decodeNpy, encodeNpy, readNpyFile, writeNpyFile } from '@mmcl/autodiff';
import { bitwiseEqual } from './helpers.js';
import { fortranLayout, handNpy } from './npyBytes.js';

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
      assert.ok(bitwiseEqual(back.data as Float64Array, f));
      const i = Int32Array.from(ints.take(size));
      const backInt = decodeNpy(encodeNpy(i, shape));
      assert.is(backInt.dtype, '<i4');
      assert.ok(backInt.data instanceof Int32Array);
      assert.equal(Array.from(backInt.data as Int32Array), Array.from(i));
    }),
  );
});

test('files: writeNpyFile then readNpyFile, with no temporary file left behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmcl-npy-'));
  const path = join(dir, 'x.npy');
  writeNpyFile(path, new Float64Array([1.5, -2, 3]), [3, 1]);
  const back = readNpyFile(path);
  assert.equal(back.shape, [3, 1]);
  assert.equal(Array.from(back.data as Float64Array), [1.5, -2, 3]);
  assert.is(readFileSync(path).length, 128 + 24);
});

/** Each dtype numpy users have, with a DataView writer for its bytes and values that exercise its range. */
const DTYPES: Array<{ kind: string; size: number; values: Array<number | bigint>; set: (view: DataView, at: number, value: never, little: boolean) => void }> = [
  { kind: 'f', size: 8, values: [1.5, -2.25e300, 5e-324, -Infinity], set: (v, at, x, l) => v.setFloat64(at, x, l) },
  { kind: 'f', size: 4, values: [1.5, -3.4028234663852886e38, 1.401298464324817e-45, 0.1 as number], set: (v, at, x, l) => v.setFloat32(at, x, l) },
  { kind: 'i', size: 1, values: [-128, 127, 0, -1], set: (v, at, x) => v.setInt8(at, x) },
  { kind: 'i', size: 2, values: [-32768, 32767, 258, -2], set: (v, at, x, l) => v.setInt16(at, x, l) },
  { kind: 'i', size: 4, values: [-(2 ** 31), 2 ** 31 - 1, 65539, -7], set: (v, at, x, l) => v.setInt32(at, x, l) },
  { kind: 'i', size: 8, values: [-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n, -3n], set: (v, at, x, l) => v.setBigInt64(at, x, l) },
  { kind: 'u', size: 1, values: [0, 255, 7, 128], set: (v, at, x) => v.setUint8(at, x) },
  { kind: 'u', size: 2, values: [0, 65535, 258, 9], set: (v, at, x, l) => v.setUint16(at, x, l) },
  { kind: 'u', size: 4, values: [0, 2 ** 32 - 1, 65539, 11], set: (v, at, x, l) => v.setUint32(at, x, l) },
  { kind: 'u', size: 8, values: [0n, 2n ** 64n - 1n, 2n ** 53n + 1n, 13n], set: (v, at, x, l) => v.setBigUint64(at, x, l) },
  { kind: 'b', size: 1, values: [1, 0, 1, 1], set: (v, at, x) => v.setUint8(at, x) },
];

function rawBytes(dtype: (typeof DTYPES)[number], values: Array<number | bigint>, little: boolean): Uint8Array {
  const bytes = new Uint8Array(values.length * dtype.size);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => dtype.set(view, i * dtype.size, value as never, little));
  return bytes;
}

test('every dtype reads exactly, little- and big-endian, into the typed array of its kind', () => {
  for (const dtype of DTYPES) {
    const orders = dtype.size === 1 ? ['|'] : ['<', '>', '='];
    for (const order of orders) {
      const descr = `${order}${dtype.kind}${dtype.size}`;
      const back = decodeNpy(handNpy(descr, false, [2, 2], rawBytes(dtype, dtype.values, order !== '>')));
      assert.equal(back.shape, [2, 2], descr);
      assert.is(back.dtype, `${dtype.size === 1 ? '|' : '<'}${dtype.kind}${dtype.size}`, descr);
      const expected = dtype.size === 4 && dtype.kind === 'f' ? dtype.values.map((x) => Math.fround(x as number)) : dtype.values;
      assert.equal(Array.from(back.data as ArrayLike<number | bigint>), expected, descr);
      assert.is(back.data.BYTES_PER_ELEMENT, dtype.size, descr);
    }
  }
});

test('fortran_order True is transposed into C order, for every shape and byte order (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }), fc.boolean(), fc.integer(), (shape, big, seed) => {
      const size = shape.reduce((p, d) => p * d, 1);
      const c = Float64Array.from({ length: size }, (_, i) => i * 1.25 + seed);
      const fortran = fortranLayout(c, shape);
      const back = decodeNpy(handNpy(big ? '>f8' : '<f8', true, shape, rawBytes(DTYPES[0], Array.from(fortran), !big)));
      assert.equal(back.shape, shape);
      assert.ok(bitwiseEqual(back.data as Float64Array, c));
    }),
  );
  // A 2 × 3 matrix [[1, 2, 3], [4, 5, 6]] is stored column by column: 1 4 2 5 3 6.
  const m = decodeNpy(handNpy('<i8', true, [2, 3], rawBytes(DTYPES[5], [1n, 4n, 2n, 5n, 3n, 6n], true)));
  assert.equal(Array.from(m.data as BigInt64Array), [1n, 2n, 3n, 4n, 5n, 6n]);
});

test('unsupported inputs are one-line errors whose fix is a numpy call', () => {
  const bytes = encodeNpy(new Float64Array(2), [2]);
  for (const descr of ['<c16', '<U5', '|O', '<f2', '<M8[ns]']) {
    const file = bytesOf(text(bytes).replace("'<f8'", `'${descr}'`));
    assert.throws(() => decodeNpy(file), (e: Error) => e instanceof AutodiffError && e.message.includes(`dtype '${descr}' is not supported`) && e.message.includes('np.save(path, X.astype(np.float64))') && !e.message.includes('\n'));
  }
  const structured = bytesOf(text(bytes).replace("'<f8'", "[('a', '<f8'), ('b', '<i4')]"));
  assert.throws(() => decodeNpy(structured), /structured arrays .* recfunctions\.structured_to_unstructured\(X\)/);
  assert.throws(() => decodeNpy(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0, 0])), /\.npz archive.*np\.load\(archive\)\['name'\]/);
  assert.throws(() => decodeNpy(new Uint8Array([1, 2, 3])), /not a .npy file/);
  assert.throws(() => decodeNpy(bytes.subarray(0, bytes.length - 1)), /truncated/);
  assert.throws(() => encodeNpy(new Float64Array(3), [2]), /data has 3 entries but shape \[2\] needs 2/);
});

// Files as numpy writes them, and the fixes the error messages suggest, run by numpy itself when it is installed.
const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const numpy = probe.status === 0;
if (!numpy) console.log(`skipped: python3 with NumPy is not available (${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}); install it with apt-get install -y python3-numpy`);
const withNumpy = numpy ? test : test.skip;

function python(code: string): void {
  const run = spawnSync('python3', ['-c', code], { encoding: 'utf8', timeout: 60_000 });
  assert.is(run.status, 0, run.stderr);
}

withNumpy('arrays numpy saves (every dtype, both byte orders, Fortran order, a torch-style float32) read back equal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmcl-npy-numpy-'));
  const dtypes = ['<f8', '>f8', '<f4', '>f4', '<i8', '>i8', '<i4', '>i2', '|i1', '<u8', '>u4', '<u2', '|u1', '|b1'];
  python(`
import numpy as np
base = (np.arange(24).reshape(4, 6) * 37 % 11 - 5) * 1.0
for i, t in enumerate(${JSON.stringify(dtypes)}):
    x = (base > 0) if t == '|b1' else base.astype(t) if t[1] != 'u' else np.abs(base).astype(t)
    np.save('${dir}/c%d.npy' % i, x)
    np.save('${dir}/f%d.npy' % i, np.asfortranarray(x))
np.save('${dir}/cube.npy', np.asfortranarray(np.arange(60.0).reshape(3, 4, 5)))
`);
  const base = Array.from({ length: 24 }, (_, i) => ((i * 37) % 11) - 5);
  dtypes.forEach((descr, i) => {
    const expected = descr === '|b1' ? base.map((x) => (x > 0 ? 1 : 0)) : descr[1] === 'u' ? base.map(Math.abs) : base;
    for (const layout of ['c', 'f']) {
      const back = readNpyFile(join(dir, `${layout}${i}.npy`));
      assert.equal(back.shape, [4, 6], `${layout} ${descr}`);
      assert.equal(Array.from(back.data as ArrayLike<number | bigint>, Number), expected, `${layout} ${descr}`);
    }
  });
  const cube = readNpyFile(join(dir, 'cube.npy'));
  assert.equal(Array.from(cube.data as Float64Array), Array.from({ length: 60 }, (_, i) => i));
});

withNumpy('the fixes the errors suggest run as written and give a file that reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmcl-npy-fix-'));
  const fix = (message: string) => /; (?:convert with |save .*? with )?(.*)$/.exec(message)![1];
  const messageFor = (bytes: Uint8Array) => {
    try {
      decodeNpy(bytes);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };
  const complex = messageFor(bytesOf(text(encodeNpy(new Float64Array(2), [2])).replace("'<f8'", "'<c16'")));
  const structured = messageFor(bytesOf(text(encodeNpy(new Float64Array(2), [2])).replace("'<f8'", "[('a', '<f8'), ('b', '<i4')]")));
  const archive = messageFor(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0, 0]));
  python(`
import numpy as np, warnings
warnings.simplefilter('ignore')
path = '${dir}/complex.npy'; X = np.array([1 + 2j, 3 - 1j]); ${fix(complex)}
path = '${dir}/structured.npy'; X = np.zeros(3, dtype=[('a', '<f8'), ('b', '<i4')]); ${fix(structured)}
np.savez('${dir}/both.npz', name=np.ones((2, 2))); archive = '${dir}/both.npz'; path = '${dir}/archive.npy'; ${fix(archive)}
`);
  assert.equal(Array.from(readNpyFile(join(dir, 'complex.npy')).data as Float64Array), [1, 3]);
  assert.equal(readNpyFile(join(dir, 'structured.npy')).shape, [3, 2]);
  assert.equal(readNpyFile(join(dir, 'archive.npy')).shape, [2, 2]);
});

test.run();
