/** Shared helpers of the @mmcl/infomax tests. */

/** max_k |a_k − b_k| / max_k |b_k|: the normwise relative difference (exact zeros in b do not blow it up). */
export function relativeDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let num = 0;
  let den = 0;
  for (let k = 0; k < a.length; k++) {
    num = Math.max(num, Math.abs(a[k] - b[k]));
    den = Math.max(den, Math.abs(b[k]));
  }
  return den === 0 ? num : num / den;
}

/** The worst per-step normwise relative difference of two (T+1)×size trajectories. */
export function worstStepDifference(a: Float64Array, b: Float64Array, points: number): number {
  const size = a.length / points;
  let worst = 0;
  for (let t = 0; t < points; t++) {
    worst = Math.max(worst, relativeDifference(a.subarray(t * size, (t + 1) * size), b.subarray(t * size, (t + 1) * size)));
  }
  return worst;
}

/** Bitwise equality of two float arrays (NaN-safe). */
export function sameBits(a: Float64Array | Int32Array, b: Float64Array | Int32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}
