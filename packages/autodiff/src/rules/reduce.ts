/**
 * Reductions over one axis (or over everything when the axis is undefined). Sums run over the reduced axis in
 * increasing index order, so results are bitwise reproducible.
 *
 * Conventions:
 * - max: the gradient goes to the FIRST maximal entry along the axis (ties); a NaN entry wins and propagates.
 * - logsumexp / softmax / logSoftmax accept −Infinity entries (masked logits): those entries get probability 0 and a
 *   finite (zero) gradient through logsumexp/softmax. A slice that is entirely −Infinity gives logsumexp = −Infinity,
 *   softmax = 0 and logSoftmax = −Infinity, with zero gradient through logsumexp and softmax.
 * - norm (Frobenius) has gradient 0 at the zero tensor.
 */
import { AutodiffError, formatShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import type { Rule } from './rule.js';
import { allocate } from '../pool.js';

export interface AxisAttrs {
  axis: number | undefined;
  keepDims: boolean;
}

/** The tensor viewed as [outer, dim, inner] around the reduced axis, and the output shape. */
export interface Layout {
  outer: number;
  dim: number;
  inner: number;
  shape: number[];
}

export function normaliseAxis(op: string, shape: readonly number[], axis: number): number {
  const rank = shape.length;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new AutodiffError(`${op}: axis ${axis} is out of range for shape ${formatShape(shape)} (use −${rank}..${rank - 1})`);
  }
  return axis < 0 ? axis + rank : axis;
}

export function layout(op: string, t: Tensor, { axis, keepDims }: AxisAttrs): Layout {
  if (axis === undefined) {
    return { outer: 1, dim: t.size, inner: 1, shape: keepDims ? t.shape.map(() => 1) : [] };
  }
  const k = normaliseAxis(op, t.shape, axis);
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < k; d++) outer *= t.shape[d];
  for (let d = k + 1; d < t.shape.length; d++) inner *= t.shape[d];
  const shape = t.shape.slice();
  if (keepDims) shape[k] = 1;
  else shape.splice(k, 1);
  return { outer, dim: t.shape[k], inner, shape };
}

/** Spreads a reduced gradient back along the reduced axis, scaled. */
function spread(g: Float64Array, { outer, dim, inner }: Layout, scale: number): Float64Array {
  const out = allocate(outer * dim * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < dim; k++) {
      const base = (o * dim + k) * inner;
      for (let i = 0; i < inner; i++) out[base + i] = g[o * inner + i] * scale;
    }
  }
  return out;
}

function sumAlong(x: Float64Array, { outer, dim, inner }: Layout): Float64Array {
  const out = allocate(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < dim; k++) {
      const base = (o * dim + k) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i] += x[base + i];
    }
  }
  return out;
}

/** logsumexp along the axis, written into `out`; −Infinity for all-masked slices. */
function logsumexpAlong(x: Float64Array, { outer, dim, inner }: Layout): Float64Array {
  const out = allocate(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let m = -Infinity;
      for (let k = 0; k < dim; k++) {
        const v = x[(o * dim + k) * inner + i];
        if (v > m || v !== v) m = v;
      }
      if (m === -Infinity || m === Infinity || m !== m) {
        out[o * inner + i] = m;
        continue;
      }
      let s = 0;
      for (let k = 0; k < dim; k++) s += Math.exp(x[(o * dim + k) * inner + i] - m);
      out[o * inner + i] = m + Math.log(s);
    }
  }
  return out;
}

/** exp(x − lse) per entry: the softmax probabilities; 0 where the slice's lse is −Infinity. */
function probabilities(x: Float64Array, lse: Float64Array, { outer, dim, inner }: Layout): Float64Array {
  const p = allocate(x.length);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < dim; k++) {
      const base = (o * dim + k) * inner;
      for (let i = 0; i < inner; i++) {
        const l = lse[o * inner + i];
        p[base + i] = l === -Infinity ? 0 : Math.exp(x[base + i] - l);
      }
    }
  }
  return p;
}

export const reduceRules = {
  sum: {
    forward([a], attrs) {
      const l = layout('sum', a, attrs);
      return { data: sumAlong(a.data, l), shape: l.shape, saved: l };
    },
    backward: (g, { saved }) => [spread(g, saved, 1)],
  } satisfies Rule<AxisAttrs>,

  mean: {
    forward([a], attrs) {
      const l = layout('mean', a, attrs);
      const out = sumAlong(a.data, l);
      for (let i = 0; i < out.length; i++) out[i] /= l.dim;
      return { data: out, shape: l.shape, saved: l };
    },
    backward: (g, { saved }) => [spread(g, saved, 1 / saved.dim)],
  } satisfies Rule<AxisAttrs>,

  max: {
    forward([a], attrs) {
      const l = layout('max', a, attrs);
      const { outer, dim, inner } = l;
      if (dim === 0) throw new AutodiffError(`max: cannot reduce an empty axis of shape ${formatShape(a.shape)}`);
      const out = allocate(outer * inner);
      const argmax = new Int32Array(outer * inner);
      const x = a.data;
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          let best = x[o * dim * inner + i];
          let at = 0;
          for (let k = 1; k < dim && best === best; k++) {
            const v = x[(o * dim + k) * inner + i];
            if (v > best || v !== v) { best = v; at = k; }
          }
          out[o * inner + i] = best;
          argmax[o * inner + i] = at;
        }
      }
      return { data: out, shape: l.shape, saved: { l, argmax } };
    },
    backward(g, { saved: { l, argmax } }) {
      const { outer, dim, inner } = l as Layout;
      const out = allocate(outer * dim * inner);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) out[(o * dim + argmax[o * inner + i]) * inner + i] = g[o * inner + i];
      }
      return [out];
    },
  } satisfies Rule<AxisAttrs>,

  logsumexp: {
    forward([a], attrs) {
      const l = layout('logsumexp', a, attrs);
      return { data: logsumexpAlong(a.data, l), shape: l.shape, saved: l };
    },
    backward(g, { inputs: [a], output, saved }) {
      const p = probabilities(a.data, output.data, saved);
      const spreadG = spread(g, saved, 1);
      for (let i = 0; i < p.length; i++) p[i] = p[i] === 0 ? 0 : p[i] * spreadG[i];
      return [p];
    },
  } satisfies Rule<AxisAttrs>,

  softmax: {
    forward([a], attrs) {
      const l = layout('softmax', a, { axis: attrs.axis, keepDims: true });
      const p = probabilities(a.data, logsumexpAlong(a.data, l), l);
      return { data: p, shape: a.shape, saved: l };
    },
    backward(g, { output, saved }) {
      // dA = p ⊙ (g − Σ_k g_k p_k)
      const p = output.data;
      const gp = allocate(p.length);
      for (let i = 0; i < p.length; i++) gp[i] = g[i] * p[i];
      const dot = spread(sumAlong(gp, saved), saved, 1);
      const out = allocate(p.length);
      for (let i = 0; i < p.length; i++) out[i] = p[i] === 0 ? 0 : p[i] * (g[i] - dot[i]);
      return [out];
    },
  } satisfies Rule<AxisAttrs>,

  logSoftmax: {
    forward([a], attrs) {
      const l = layout('logSoftmax', a, { axis: attrs.axis, keepDims: true });
      const lse = spread(logsumexpAlong(a.data, l), l, 1);
      const out = allocate(a.size);
      for (let i = 0; i < out.length; i++) out[i] = lse[i] === -Infinity ? -Infinity : a.data[i] - lse[i];
      return { data: out, shape: a.shape, saved: l };
    },
    backward(g, { output, saved }) {
      // dA = g − softmax ⊙ Σ_k g_k
      const total = spread(sumAlong(g, saved), saved, 1);
      const out = allocate(g.length);
      for (let i = 0; i < g.length; i++) {
        const y = output.data[i];
        out[i] = y === -Infinity ? g[i] : g[i] - Math.exp(y) * total[i];
      }
      return [out];
    },
  } satisfies Rule<AxisAttrs>,

  /** Frobenius norm of the whole tensor. */
  norm: {
    forward([a]) {
      let s = 0;
      for (let i = 0; i < a.size; i++) s += a.data[i] * a.data[i];
      return { data: Float64Array.of(Math.sqrt(s)), shape: [] };
    },
    backward(g, { inputs: [a], output }) {
      const r = output.data[0];
      const out = allocate(a.size);
      if (r === 0) return [out];
      const scale = g[0] / r;
      for (let i = 0; i < a.size; i++) out[i] = a.data[i] * scale;
      return [out];
    },
  } satisfies Rule<undefined>,
} satisfies Record<string, Rule<any>>;
