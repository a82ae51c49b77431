/**
 * Elementwise primitives with NumPy broadcasting. Backward rules sum over broadcast axes in row-major order of the
 * output (see reduceToInput), so gradients are bitwise reproducible.
 *
 * Conventions at kinks: relu'(0) = 0 (the paper's indicator 1{z > 0}); abs'(0) = 0; sqrt'(0) = +Infinity.
 */
import { SCALAR_INDEX, broadcastShapes, materialiseIndex, operandIndex, reduceToInput } from '../broadcast.js';
import type { Tensor } from '../tensor.js';
import { unaryRule, type Rule } from './rule.js';
import { reluBackwardInto, reluInto } from '../kernels.js';
import { allocate } from '../pool.js';

interface BinarySaved {
  mapA: Int32Array | null;
  mapB: Int32Array | null;
}

type BinaryKind = 'add' | 'sub' | 'mul' | 'div';

function binaryForward(kind: BinaryKind, a: Tensor, b: Tensor) {
  const shape = broadcastShapes(kind, a.shape, b.shape);
  const mapA = operandIndex(a.shape, shape);
  const mapB = operandIndex(b.shape, shape);
  const x = a.data;
  const y = b.data;
  const n = shape.reduce((p, d) => p * d, 1);
  const out = allocate(n);
  if (mapA === null && mapB === null) {
    switch (kind) {
      case 'add': for (let i = 0; i < n; i++) out[i] = x[i] + y[i]; break;
      case 'sub': for (let i = 0; i < n; i++) out[i] = x[i] - y[i]; break;
      case 'mul': for (let i = 0; i < n; i++) out[i] = x[i] * y[i]; break;
      case 'div': for (let i = 0; i < n; i++) out[i] = x[i] / y[i]; break;
    }
  } else if (mapA === null && mapB === SCALAR_INDEX) {
    const c = y[0];
    switch (kind) {
      case 'add': for (let i = 0; i < n; i++) out[i] = x[i] + c; break;
      case 'sub': for (let i = 0; i < n; i++) out[i] = x[i] - c; break;
      case 'mul': for (let i = 0; i < n; i++) out[i] = x[i] * c; break;
      case 'div': for (let i = 0; i < n; i++) out[i] = x[i] / c; break;
    }
  } else if (mapA === SCALAR_INDEX && mapB === null) {
    const c = x[0];
    switch (kind) {
      case 'add': for (let i = 0; i < n; i++) out[i] = c + y[i]; break;
      case 'sub': for (let i = 0; i < n; i++) out[i] = c - y[i]; break;
      case 'mul': for (let i = 0; i < n; i++) out[i] = c * y[i]; break;
      case 'div': for (let i = 0; i < n; i++) out[i] = c / y[i]; break;
    }
  } else {
    const ia = materialiseIndex(mapA, n);
    const ib = materialiseIndex(mapB, n);
    switch (kind) {
      case 'add': for (let i = 0; i < n; i++) out[i] = x[ia[i]] + y[ib[i]]; break;
      case 'sub': for (let i = 0; i < n; i++) out[i] = x[ia[i]] - y[ib[i]]; break;
      case 'mul': for (let i = 0; i < n; i++) out[i] = x[ia[i]] * y[ib[i]]; break;
      case 'div': for (let i = 0; i < n; i++) out[i] = x[ia[i]] / y[ib[i]]; break;
    }
  }
  return { data: out, shape, saved: { mapA, mapB } satisfies BinarySaved };
}

/** The operand's value at each of the n output entries (through its broadcast map when it has one). */
function expand(data: Float64Array, map: Int32Array | null, n: number): Float64Array {
  if (map === null) return data;
  if (map === SCALAR_INDEX) return allocate(n).fill(data[0]);
  const out = allocate(n);
  for (let i = 0; i < n; i++) out[i] = data[map[i]];
  return out;
}

function binaryRule(kind: BinaryKind, backward: Rule<undefined>['backward']): Rule<undefined> {
  return { forward: ([a, b]) => binaryForward(kind, a, b), backward };
}

export const elementwiseRules = {
  add: binaryRule('add', (g, { inputs: [a, b], saved }) => [
    reduceToInput(g, saved.mapA, a.size),
    reduceToInput(g, saved.mapB, b.size),
  ]),
  sub: binaryRule('sub', (g, { inputs: [a, b], saved }) => {
    const negated = allocate(g.length);
    for (let i = 0; i < g.length; i++) negated[i] = -g[i];
    return [reduceToInput(g, saved.mapA, a.size), reduceToInput(negated, saved.mapB, b.size)];
  }),
  mul: binaryRule('mul', (g, { inputs: [a, b], needs, saved }) => {
    let ga: Float64Array | null = null;
    let gb: Float64Array | null = null;
    if (needs[0]) {
      const y = expand(b.data, saved.mapB, g.length);
      ga = allocate(g.length);
      for (let i = 0; i < g.length; i++) ga[i] = g[i] * y[i];
    }
    if (needs[1]) {
      const x = expand(a.data, saved.mapA, g.length);
      gb = allocate(g.length);
      for (let i = 0; i < g.length; i++) gb[i] = g[i] * x[i];
    }
    return [ga && reduceToInput(ga, saved.mapA, a.size), gb && reduceToInput(gb, saved.mapB, b.size)];
  }),
  div: binaryRule('div', (g, { inputs: [a, b], saved }) => {
    const x = expand(a.data, saved.mapA, g.length);
    const y = expand(b.data, saved.mapB, g.length);
    const ga = allocate(g.length);
    const gb = allocate(g.length);
    for (let i = 0; i < g.length; i++) {
      ga[i] = g[i] / y[i];
      gb[i] = (-g[i] * x[i]) / (y[i] * y[i]);
    }
    return [reduceToInput(ga, saved.mapA, a.size), reduceToInput(gb, saved.mapB, b.size)];
  }),

  /** where(mask, a, b): a where mask ≠ 0, else b; all three broadcast together. The mask gets no gradient. */
  where: {
    forward([mask, a, b]) {
      const shape = broadcastShapes('where', broadcastShapes('where', mask.shape, a.shape), b.shape);
      const n = shape.reduce((p, d) => p * d, 1);
      const im = materialiseIndex(operandIndex(mask.shape, shape), n);
      const mapA = operandIndex(a.shape, shape);
      const mapB = operandIndex(b.shape, shape);
      const ia = materialiseIndex(mapA, n);
      const ib = materialiseIndex(mapB, n);
      const m = mask.data;
      const out = allocate(n);
      for (let i = 0; i < n; i++) out[i] = m[im[i]] !== 0 ? a.data[ia[i]] : b.data[ib[i]];
      return { data: out, shape, saved: { im, mapA, mapB } };
    },
    backward(g, { inputs: [mask, a, b], saved }) {
      const ga = allocate(g.length);
      const gb = allocate(g.length);
      const m = mask.data;
      for (let i = 0; i < g.length; i++) {
        if (m[saved.im[i]] !== 0) ga[i] = g[i];
        else gb[i] = g[i];
      }
      return [null, reduceToInput(ga, saved.mapA, a.size), reduceToInput(gb, saved.mapB, b.size)];
    },
  } satisfies Rule<undefined>,

  neg: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = -x[i]; },
    (g, _x, _y, out) => { for (let i = 0; i < g.length; i++) out[i] = -g[i]; },
  ),
  exp: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]); },
    (g, _x, y, out) => { for (let i = 0; i < g.length; i++) out[i] = g[i] * y[i]; },
  ),
  log: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]); },
    (g, x, _y, out) => { for (let i = 0; i < g.length; i++) out[i] = g[i] / x[i]; },
  ),
  log1p: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.log1p(x[i]); },
    (g, x, _y, out) => { for (let i = 0; i < g.length; i++) out[i] = g[i] / (1 + x[i]); },
  ),
  sqrt: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]); },
    (g, _x, y, out) => { for (let i = 0; i < g.length; i++) out[i] = g[i] / (2 * y[i]); },
  ),
  square: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = x[i] * x[i]; },
    (g, x, _y, out) => { for (let i = 0; i < g.length; i++) out[i] = 2 * x[i] * g[i]; },
  ),
  abs: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]); },
    (g, x, _y, out) => { for (let i = 0; i < g.length; i++) out[i] = x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0; },
  ),
  /** ReLU with relu'(0) = 0. */
  relu: unaryRule(
    (x, out) => reluInto(x, out, x.length),
    (g, x, _y, out) => reluBackwardInto(g, x, out, g.length),
  ),
  sigmoid: unaryRule(
    (x, out) => {
      // Two branches so that exp never overflows.
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
        else { const e = Math.exp(v); out[i] = e / (1 + e); }
      }
    },
    (g, _x, y, out) => { for (let i = 0; i < g.length; i++) out[i] = g[i] * y[i] * (1 - y[i]); },
  ),
  tanh: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]); },
    (g, _x, y, out) => { for (let i = 0; i < g.length; i++) out[i] = g[i] * (1 - y[i] * y[i]); },
  ),
  /** softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^{−|x|}) so it never overflows. */
  softplus: unaryRule(
    (x, out) => { for (let i = 0; i < x.length; i++) out[i] = Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i]))); },
    (g, x, _y, out) => {
      for (let i = 0; i < g.length; i++) {
        const v = x[i];
        const s = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
        out[i] = g[i] * s;
      }
    },
  ),
} satisfies Record<string, Rule<any>>;
