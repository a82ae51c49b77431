/**
 * Matrix primitives. All products go through the packed gemm kernel; the transposed variants never materialise a
 * transpose. Backward rules (G = ∂L/∂C):
 *   C = A·B   : dA = G·Bᵀ, dB = Aᵀ·G
 *   C = A·Bᵀ  : dA = G·B,  dB = Gᵀ·A
 *   C = Aᵀ·B  : dA = B·Gᵀ, dB = A·G
 */
import { ShapeError, formatShape } from '../errors.js';
import { gemm } from '../gemm.js';
import type { Tensor } from '../tensor.js';
import type { Rule } from './rule.js';
import { allocate } from '../pool.js';

function requireMatrix(op: string, t: Tensor, name: string): void {
  if (t.shape.length !== 2) {
    throw new ShapeError(`${op}: ${name} must be a matrix (rank 2), got shape ${formatShape(t.shape)}`);
  }
}

function checkInner(op: string, a: Tensor, b: Tensor, symbol: string, inner: [number, number]): void {
  requireMatrix(op, a, 'first argument');
  requireMatrix(op, b, 'second argument');
  if (inner[0] !== inner[1]) {
    throw new ShapeError(`${op}: inner dimensions differ: ${formatShape(a.shape)} ${symbol} ${formatShape(b.shape)}`);
  }
}

export const linalgRules = {
  matmul: {
    forward([a, b]) {
      checkInner('matmul', a, b, '·', [a.shape[1], b.shape[0]]);
      const [m, k] = a.shape;
      const n = b.shape[1];
      return { data: gemm(false, false, m, n, k, a.data, b.data, allocate(m * n)), shape: [m, n] };
    },
    backward(g, { inputs: [a, b], needs }) {
      const [m, k] = a.shape;
      const n = b.shape[1];
      return [
        needs[0] ? gemm(false, true, m, k, n, g, b.data, allocate(m * k)) : null,
        needs[1] ? gemm(true, false, k, n, m, a.data, g, allocate(k * n)) : null,
      ];
    },
  } satisfies Rule<undefined>,

  matmulNT: {
    forward([a, b]) {
      checkInner('matmulNT', a, b, '·ᵀ', [a.shape[1], b.shape[1]]);
      const [m, k] = a.shape;
      const n = b.shape[0];
      return { data: gemm(false, true, m, n, k, a.data, b.data, allocate(m * n)), shape: [m, n] };
    },
    backward(g, { inputs: [a, b], needs }) {
      const [m, k] = a.shape;
      const n = b.shape[0];
      return [
        needs[0] ? gemm(false, false, m, k, n, g, b.data, allocate(m * k)) : null,
        needs[1] ? gemm(true, false, n, k, m, g, a.data, allocate(n * k)) : null,
      ];
    },
  } satisfies Rule<undefined>,

  matmulTN: {
    forward([a, b]) {
      checkInner('matmulTN', a, b, 'ᵀ·', [a.shape[0], b.shape[0]]);
      const [k, m] = a.shape;
      const n = b.shape[1];
      return { data: gemm(true, false, m, n, k, a.data, b.data, allocate(m * n)), shape: [m, n] };
    },
    backward(g, { inputs: [a, b], needs }) {
      const [k, m] = a.shape;
      const n = b.shape[1];
      return [
        needs[0] ? gemm(false, true, k, m, n, b.data, g, allocate(k * m)) : null,
        needs[1] ? gemm(false, false, k, n, m, a.data, g, allocate(k * n)) : null,
      ];
    },
  } satisfies Rule<undefined>,

  /** outer(u, v)[i][j] = u[i]·v[j] for vectors u, v. */
  outer: {
    forward([u, v]) {
      if (u.shape.length !== 1 || v.shape.length !== 1) {
        throw new ShapeError(`outer: both arguments must be vectors, got ${formatShape(u.shape)} and ${formatShape(v.shape)}`);
      }
      const out = allocate(u.size * v.size);
      for (let i = 0; i < u.size; i++) for (let j = 0; j < v.size; j++) out[i * v.size + j] = u.data[i] * v.data[j];
      return { data: out, shape: [u.size, v.size] };
    },
    backward(g, { inputs: [u, v] }) {
      const m = u.size;
      const n = v.size;
      // du = G·v and dv = Gᵀ·u, as matrix-vector gemm calls (fixed summation order).
      return [gemm(false, false, m, 1, n, g, v.data, allocate(m)), gemm(true, false, n, 1, m, g, u.data, allocate(n))];
    },
  } satisfies Rule<undefined>,

  /** Matrix transpose (rank 2); a vector or scalar is returned unchanged. */
  transpose: {
    forward([a]) {
      if (a.shape.length < 2) return { data: a.data, shape: a.shape };
      requireMatrix('transpose', a, 'argument');
      const [m, n] = a.shape;
      return { data: transposeData(a.data, m, n), shape: [n, m] };
    },
    backward(g, { inputs: [a] }) {
      if (a.shape.length < 2) return [g];
      const [m, n] = a.shape;
      return [transposeData(g, n, m)];
    },
  } satisfies Rule<undefined>,
} satisfies Record<string, Rule<any>>;

/** Transposes an m×n row-major matrix, in 8×8 tiles to keep both sides cache-friendly. */
export function transposeData(x: Float64Array, m: number, n: number): Float64Array {
  const out = allocate(m * n);
  const tile = 8;
  for (let i0 = 0; i0 < m; i0 += tile) {
    const i1 = Math.min(m, i0 + tile);
    for (let j0 = 0; j0 < n; j0 += tile) {
      const j1 = Math.min(n, j0 + tile);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * m + i] = x[i * n + j];
    }
  }
  return out;
}
