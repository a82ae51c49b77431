/** .npy bytes written by hand (not by encodeNpy), for reader tests. Not a test file itself. */

/** Format 1.0 bytes with the given header fields and raw data bytes, padded as numpy pads. */
export function handNpy(descr: string, fortran: boolean, shape: number[], data: Uint8Array): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
  return Uint8Array.from([...ascii('\x93NUMPY\x01\x00'), header.length & 0xff, header.length >> 8, ...ascii(header), ...data]);
}

/** The C-order values of an array with `shape`, laid out in Fortran order (first axis fastest). */
export function fortranLayout(values: ArrayLike<number>, shape: number[]): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const index = shape.map(() => 0);
    let rest = i;
    for (let a = shape.length - 1; a >= 0; a--) {
      index[a] = rest % shape[a];
      rest = Math.floor(rest / shape[a]);
    }
    let offset = 0;
    for (let a = shape.length - 1; a >= 0; a--) offset = offset * shape[a] + index[a];
    out[offset] = values[i];
  }
  return out;
}
