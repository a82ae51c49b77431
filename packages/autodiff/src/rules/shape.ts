/** Primitives that move entries without arithmetic: reshape, concat, row slicing and gathering. */
import { AutodiffError, ShapeError, formatShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { normaliseAxis } from './reduce.js';
import type { Rule } from './rule.js';
import { allocate } from '../pool.js';

/** Resolves one −1 in a requested shape against the input size. */
export function resolveShape(from: readonly number[], size: number, to: readonly number[]): number[] {
  const shape = to.slice();
  const unknown = shape.indexOf(-1);
  let known = 1;
  shape.forEach((d, k) => { if (k !== unknown) known *= d; });
  if (unknown >= 0) {
    if (shape.indexOf(-1, unknown + 1) >= 0) throw new ShapeError(`reshape: at most one −1 allowed in ${formatShape(to)}`);
    if (known === 0 || size % known !== 0) throw new ShapeError(`reshape: cannot reshape ${formatShape(from)} to ${formatShape(to)}`);
    shape[unknown] = size / known;
  } else if (known !== size) {
    throw new ShapeError(`reshape: cannot reshape ${formatShape(from)} (${size} entries) to ${formatShape(to)}`);
  }
  return shape;
}

function rowWidth(t: Tensor): number {
  return t.shape.slice(1).reduce((p, d) => p * d, 1);
}

export const shapeRules = {
  /** Same data, new shape (zero-copy). */
  reshape: {
    forward([a], attrs: { shape: readonly number[] }) {
      return { data: a.data, shape: resolveShape(a.shape, a.size, attrs.shape) };
    },
    backward: (g) => [g],
  } satisfies Rule<{ shape: readonly number[] }>,

  /** Joins tensors along an axis; all other dimensions must agree. */
  concat: {
    forward(ts, { axis }: { axis: number }) {
      if (ts.length === 0) throw new AutodiffError('concat: needs at least one tensor');
      const first = ts[0];
      const k = normaliseAxis('concat', first.shape, axis);
      let along = 0;
      for (const t of ts) {
        const ok = t.shape.length === first.shape.length && t.shape.every((d, i) => i === k || d === first.shape[i]);
        if (!ok) throw new ShapeError(`concat: shapes differ off axis ${k}: ${formatShape(first.shape)} and ${formatShape(t.shape)}`);
        along += t.shape[k];
      }
      let outer = 1;
      for (let d = 0; d < k; d++) outer *= first.shape[d];
      const shape = first.shape.slice();
      shape[k] = along;
      const out = allocate(shape.reduce((p, d) => p * d, 1));
      const chunks = ts.map((t) => t.size / Math.max(1, outer));
      const outChunk = out.length / Math.max(1, outer);
      for (let o = 0; o < outer; o++) {
        let at = o * outChunk;
        ts.forEach((t, n) => {
          out.set(t.data.subarray(o * chunks[n], (o + 1) * chunks[n]), at);
          at += chunks[n];
        });
      }
      return { data: out, shape, saved: { outer, chunks, outChunk } };
    },
    backward(g, { inputs, saved: { outer, chunks, outChunk } }) {
      const grads = inputs.map((t) => allocate(t.size));
      for (let o = 0; o < outer; o++) {
        let at = o * outChunk;
        grads.forEach((gt, n) => {
          gt.set(g.subarray(at, at + chunks[n]), o * chunks[n]);
          at += chunks[n];
        });
      }
      return grads;
    },
  } satisfies Rule<{ axis: number }>,

  /** Rows start..end−1 (along axis 0), zero-copy. */
  sliceRows: {
    forward([a], { start, end }: { start: number; end: number }) {
      if (a.shape.length === 0) throw new ShapeError('sliceRows: cannot slice a scalar (shape [])');
      const rows = a.shape[0];
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > rows || start > end) {
        throw new AutodiffError(`sliceRows: need integers 0 ≤ start ≤ end ≤ ${rows}, got start=${start}, end=${end}`);
      }
      const w = rowWidth(a);
      return { data: a.data.subarray(start * w, end * w), shape: [end - start, ...a.shape.slice(1)], saved: w };
    },
    backward(g, { inputs: [a], attrs: { start }, saved: w }) {
      const out = allocate(a.size);
      out.set(g, start * w);
      return [out];
    },
  } satisfies Rule<{ start: number; end: number }>,

  /** Rows picked by index (repeats allowed); backward scatter-adds in index order. */
  gatherRows: {
    forward([a], { rows }: { rows: Int32Array }) {
      if (a.shape.length === 0) throw new ShapeError('gatherRows: cannot gather from a scalar (shape [])');
      const w = rowWidth(a);
      const out = allocate(rows.length * w);
      for (let r = 0; r < rows.length; r++) {
        const i = rows[r];
        if (!(i >= 0 && i < a.shape[0])) throw new AutodiffError(`gatherRows: row index ${i} is out of range 0..${a.shape[0] - 1}`);
        out.set(a.data.subarray(i * w, (i + 1) * w), r * w);
      }
      return { data: out, shape: [rows.length, ...a.shape.slice(1)], saved: w };
    },
    backward(g, { inputs: [a], attrs: { rows }, saved: w }) {
      const out = allocate(a.size);
      for (let r = 0; r < rows.length; r++) {
        const base = rows[r] * w;
        for (let c = 0; c < w; c++) out[base + c] += g[r * w + c];
      }
      return [out];
    },
  } satisfies Rule<{ rows: Int32Array }>,
} satisfies Record<string, Rule<any>>;
