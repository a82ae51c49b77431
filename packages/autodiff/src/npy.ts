/**
 * NumPy .npy files (format version 1.0 written; 1.0 and 2.0 read), little-endian float64 ('<f8') and int32 ('<i4'),
 * C order. The header is padded with spaces and a final newline so the data starts at a multiple of 64 bytes, as
 * numpy writes it.
 */
import { readFileSync } from 'node:fs';
import { AutodiffError, formatShape } from './errors.js';
import { writeFileAtomic } from './files.js';

/**
 * The element types .npy files hold here: float64 and int32.
 * @category Files
 */
export type NpyData = Float64Array | Int32Array;

/**
 * A decoded .npy array: its data, shape and dtype.
 * @category Files
 */
export interface NpyArray {
  data: NpyData;
  shape: number[];
  dtype: '<f8' | '<i4';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes an array as .npy bytes.
 *
 * @example
 * const bytes = encodeNpy(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * decodeNpy(bytes).shape; // → [2, 2]
 * @category Files
 */
export function encodeNpy(data: NpyData, shape: readonly number[]): Uint8Array {
  if (!LITTLE_ENDIAN_HOST) throw new AutodiffError('encodeNpy: big-endian hosts are not supported');
  const size = shape.reduce((p, d) => p * d, 1);
  if (size !== data.length) throw new AutodiffError(`encodeNpy: data has ${data.length} entries but shape ${formatShape(shape)} needs ${size}`);
  const descr = data instanceof Float64Array ? '<f8' : data instanceof Int32Array ? '<i4' : null;
  if (descr === null) throw new AutodiffError('encodeNpy: data must be a Float64Array or an Int32Array');
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + headerBytes.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = headerBytes.length & 0xff;
  out[9] = headerBytes.length >> 8;
  out.set(headerBytes, 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + headerBytes.length);
  return out;
}

/**
 * Decodes .npy bytes ('<f8' or '<i4', C order). The data is copied into a fresh, aligned array.
 *
 * @example
 * const { data, shape, dtype } = decodeNpy(encodeNpy(new Int32Array([1, 2]), [2])); // dtype '<i4'
 * @category Files
 */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (!LITTLE_ENDIAN_HOST) throw new AutodiffError('decodeNpy: big-endian hosts are not supported');
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new AutodiffError('decodeNpy: not a .npy file (bad magic string)');
  const major = bytes[6];
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = bytes[8] | (bytes[9] << 8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    headerLength = (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16)) + bytes[11] * 2 ** 24;
    headerStart = 12;
  } else {
    throw new AutodiffError(`decodeNpy: unsupported .npy format version ${major}`);
  }
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new AutodiffError(`decodeNpy: malformed header ${JSON.stringify(header.trim())}`);
  }
  if (fortran === 'True') throw new AutodiffError('decodeNpy: fortran_order arrays are not supported; save with C order');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const size = shape.reduce((p, d) => p * d, 1);
  const start = headerStart + headerLength;
  if (descr === '<f8') {
    const data = new Float64Array(size);
    copyBytes(bytes, start, data);
    return { data, shape, dtype: '<f8' };
  }
  if (descr === '<i4') {
    const data = new Int32Array(size);
    copyBytes(bytes, start, data);
    return { data, shape, dtype: '<i4' };
  }
  throw new AutodiffError(`decodeNpy: dtype '${descr}' is not supported (use '<f8' or '<i4')`);
}

function copyBytes(bytes: Uint8Array, start: number, into: NpyData): void {
  if (bytes.length - start < into.byteLength) {
    throw new AutodiffError(`decodeNpy: file is truncated (${bytes.length - start} data bytes, need ${into.byteLength})`);
  }
  new Uint8Array(into.buffer).set(bytes.subarray(start, start + into.byteLength));
}

/**
 * Reads a .npy file.
 *
 * @example
 * writeNpyFile('W.npy', new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const { data, shape } = readNpyFile('W.npy');
 * shape; // → [2, 3]
 * @category Files
 */
export function readNpyFile(path: string): NpyArray {
  return decodeNpy(readFileSync(path));
}

/**
 * Writes a .npy file atomically (temporary file in the same folder, then rename).
 *
 * @example
 * writeNpyFile('x.npy', new Float64Array([1, 2, 3]), [3]);
 * @category Files
 */
export function writeNpyFile(path: string, data: NpyData, shape: readonly number[]): void {
  writeFileAtomic(path, encodeNpy(data, shape));
}
