/**
 * NumPy .npy files. Written: format 1.0, little-endian float64 ('<f8') or int32 ('<i4'), C order. Read: what numpy
 * users have (float32/64, integers, booleans, either byte order, C or Fortran order; see decodeNpy). The header is padded with spaces and a final newline so the data starts at a multiple of 64 bytes, as
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
 * The typed arrays decodeNpy returns, one per numpy dtype it reads (all in the host's little-endian order).
 * @category Files
 */
export type NpyDecodedData =
  | NpyData
  | Float32Array
  | Int8Array
  | Int16Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/**
 * A decoded .npy array: C-order data in native byte order, whatever the file's byte order and memory layout.
 * @category Files
 */
export interface NpyArray {
  data: NpyDecodedData;
  shape: number[];
  /** The dtype of `data` in numpy's spelling, little-endian ('<f8', '<f4', '<i8', '|u1', '|b1', …). */
  dtype: string;
}

type TypedArrayClass = new (length: number) => NpyDecodedData;

/** numpy kind + item size → the typed array holding it. Booleans ('b1') are read as 0/1 bytes. */
const CLASSES: Record<string, TypedArrayClass> = {
  f4: Float32Array, f8: Float64Array,
  i1: Int8Array, i2: Int16Array, i4: Int32Array, i8: BigInt64Array,
  u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, u8: BigUint64Array,
  b1: Uint8Array,
};

/** What a numpy user runs to turn an unreadable array into one this reader accepts (tested with numpy). */
const CONVERT = 'convert with np.save(path, X.astype(np.float64))';

/**
 * Decodes .npy bytes (format 1.0, 2.0 or 3.0) holding float32/64, (unsigned) integers of 1–8 bytes or booleans, in
 * either byte order ('<', '>', '|', '=') and either memory layout (fortran_order True is transposed into C order).
 * The data is copied into a fresh, aligned typed array in the host's byte order; 64-bit integers come back as
 * BigInt64Array / BigUint64Array, exactly.
 *
 * @example
 * const { data, shape, dtype } = decodeNpy(encodeNpy(new Int32Array([1, 2]), [2])); // dtype '<i4'
 * @category Files
 */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  const header = readNpyHeader(bytes);
  const parts = /^([<>|=])([fiub])(\d+)$/.exec(header.descr);
  const type = parts ? CLASSES[parts[2] + parts[3]] : undefined;
  if (parts === null || type === undefined) {
    throw new AutodiffError(`decodeNpy: dtype '${header.descr}' is not supported (float32/64, integers, booleans); ${CONVERT}`);
  }
  const { shape } = header;
  const size = shape.reduce((p, d) => p * d, 1);
  const data = new type(size);
  copyBytes(bytes, header.dataOffset, data);
  if (parts[1] === '>') swapBytes(data);
  const itemSize = Number(parts[3]);
  const dtype = `${itemSize === 1 ? '|' : '<'}${parts[2]}${itemSize}`;
  return { data: header.fortranOrder && shape.length > 1 ? fortranToC(data, shape, type) : data, shape, dtype };
}

/** The header of an .npy file: what the data is and where it starts. */
export interface NpyHeader {
  /** numpy's dtype string as written ('<f8', '>f4', '|u1', …). */
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the data. */
  dataOffset: number;
}

/**
 * Parses the header of .npy bytes, which may be only the first bytes of the file (a few kB hold any header), so a
 * caller can check shape and dtype before reading or allocating the data.
 *
 * @example
 * readNpyHeader(encodeNpy(new Float64Array(6), [2, 3])).shape; // [2, 3]
 */
export function readNpyHeader(bytes: Uint8Array): NpyHeader {
  if (!LITTLE_ENDIAN_HOST) throw new AutodiffError('decodeNpy: big-endian hosts are not supported');
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    throw new AutodiffError("decodeNpy: this is an .npz archive, not an .npy file; save one array of it with np.save(path, np.load(archive)['name'])");
  }
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
  if (/'descr':\s*\[/.test(header)) {
    throw new AutodiffError('decodeNpy: structured arrays (named fields) are not supported; save a plain array with from numpy.lib import recfunctions; np.save(path, recfunctions.structured_to_unstructured(X))');
  }
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new AutodiffError(`decodeNpy: malformed header ${JSON.stringify(header.trim())}`);
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset: headerStart + headerLength };
}

function copyBytes(bytes: Uint8Array, start: number, into: NpyDecodedData): void {
  if (bytes.length - start < into.byteLength) {
    throw new AutodiffError(`decodeNpy: file is truncated (${bytes.length - start} data bytes, need ${into.byteLength}); save it again with np.save(path, X)`);
  }
  new Uint8Array(into.buffer).set(bytes.subarray(start, start + into.byteLength));
}

/** Reverses the bytes of every element in place (big-endian file → little-endian host). */
function swapBytes(data: NpyDecodedData): void {
  const width = data.BYTES_PER_ELEMENT;
  if (width === 1) return;
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at < raw.length; at += width) raw.subarray(at, at + width).reverse();
}

/**
 * Rearranges column-major (Fortran) data into row-major (C) order: element (i₀, …, i_{k−1}) sits at
 * Σ i_a·Π_{b<a} s_b in the file and at Σ i_a·Π_{b>a} s_b in the result.
 */
function fortranToC(data: NpyDecodedData, shape: number[], type: TypedArrayClass): NpyDecodedData {
  const out = new type(data.length);
  const rank = shape.length;
  const cStrides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) cStrides[a] = cStrides[a + 1] * shape[a + 1];
  const index = new Array<number>(rank).fill(0);
  let target = 0;
  // Walk the file in its own order (first axis fastest), keeping the row-major offset of the current element.
  for (let source = 0; source < data.length; source++) {
    (out as Float64Array)[target] = (data as Float64Array)[source];
    for (let a = 0; a < rank; a++) {
      index[a]++;
      target += cStrides[a];
      if (index[a] < shape[a]) break;
      target -= cStrides[a] * shape[a];
      index[a] = 0;
    }
  }
  return out;
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
