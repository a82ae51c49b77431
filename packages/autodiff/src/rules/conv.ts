/**
 * Convolution and pooling primitives on NCHW tensors (batch, channels, height, width), for small CNNs.
 *
 * conv2d runs as im2col + one gemm per direction over the whole batch (measured faster than a direct loop kernel,
 * see docs/autodiff.md): the patches of all N images form one matrix cols (C·KH·KW rows, N·OH·OW columns), so
 *   forward : Y'  = W·cols               (F × N·P, P = OH·OW), then Y[n][f][p] = Y'[f][n·P + p]
 *   backward: dW  = G'·colsᵀ,  dcols = Wᵀ·G',  dX = col2im(dcols)
 * with G' the output gradient in the same F × N·P layout. Every sum runs in a fixed order (gemm's left-to-right
 * order over n·P + p for dW; col2im adds in (c, ky, kx, n, oy, ox) order), so the bits do not depend on anything but
 * the inputs. Pooling windows never overlap the padding (there is none); OH = ⌊(H − size)/stride⌋ + 1 as in PyTorch.
 * Max-pooling ties send the gradient to the first maximal entry in row-major window order.
 */
import { AutodiffError, ShapeError, formatShape } from '../errors.js';
import { gemm } from '../gemm.js';
import type { Tensor } from '../tensor.js';
import type { Rule } from './rule.js';
import { allocate } from '../pool.js';

/** Stride and zero padding of a convolution (the same along both spatial axes). */
export interface Conv2dAttrs {
  readonly stride: number;
  readonly padding: number;
}

/** Window size and stride of a pooling op (square windows). */
export interface Pool2dAttrs {
  readonly size: number;
  readonly stride: number;
}

/** Geometry of one convolution, shared by forward and backward. */
export interface ConvGeometry {
  n: number; c: number; h: number; w: number;
  f: number; kh: number; kw: number;
  oh: number; ow: number;
  stride: number; padding: number;
}

function requireRank4(op: string, t: Tensor, name: string): void {
  if (t.shape.length !== 4) throw new ShapeError(`${op}: ${name} must have rank 4 (${name === 'input' ? 'N, C, H, W' : 'F, C, KH, KW'}), got shape ${formatShape(t.shape)}`);
}

function requireCount(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new AutodiffError(`${op}: ${name} must be an integer ≥ ${min}, got ${value}`);
}

/** Output side of a window sweep, or an error naming the op when the window does not fit. */
function outputSide(op: string, side: number, window: number, stride: number, padding: number, input: readonly number[]): number {
  const span = side + 2 * padding - window;
  if (span < 0) throw new ShapeError(`${op}: window ${window} is larger than the (padded) input ${formatShape(input)}`);
  return Math.floor(span / stride) + 1;
}

function convGeometry(x: Tensor, weight: Tensor, { stride, padding }: Conv2dAttrs): ConvGeometry {
  requireRank4('conv2d', x, 'input');
  requireRank4('conv2d', weight, 'weight');
  requireCount('conv2d', 'stride', stride, 1);
  requireCount('conv2d', 'padding', padding, 0);
  const [n, c, h, w] = x.shape;
  const [f, wc, kh, kw] = weight.shape;
  if (wc !== c) throw new ShapeError(`conv2d: input has ${c} channels but weight ${formatShape(weight.shape)} expects ${wc}`);
  const oh = outputSide('conv2d', h, kh, stride, padding, x.shape);
  const ow = outputSide('conv2d', w, kw, stride, padding, x.shape);
  return { n, c, h, w, f, kh, kw, oh, ow, stride, padding };
}

/** The patch matrix: row (c, ky, kx), column (n, oy, ox) holds x[n][c][oy·s − pad + ky][ox·s − pad + kx], or 0 off the image. */
function im2col(x: Float64Array, g: ConvGeometry): Float64Array {
  const { n, c, h, w, kh, kw, oh, ow, stride, padding } = g;
  const columns = n * oh * ow;
  const cols = allocate(c * kh * kw * columns);
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const row = ((ch * kh + ky) * kw + kx) * columns;
        for (let img = 0; img < n; img++) {
          const plane = (img * c + ch) * h * w;
          const base = row + img * oh * ow;
          for (let oy = 0; oy < oh; oy++) {
            const iy = oy * stride - padding + ky;
            if (iy < 0 || iy >= h) continue;
            const source = plane + iy * w;
            const target = base + oy * ow;
            for (let ox = 0; ox < ow; ox++) {
              const ix = ox * stride - padding + kx;
              if (ix >= 0 && ix < w) cols[target + ox] = x[source + ix];
            }
          }
        }
      }
    }
  }
  return cols;
}

/** Adjoint of im2col: scatter-adds every patch entry back to its pixel, in the same fixed loop order. */
function col2im(cols: Float64Array, g: ConvGeometry): Float64Array {
  const { n, c, h, w, kh, kw, oh, ow, stride, padding } = g;
  const columns = n * oh * ow;
  const out = allocate(n * c * h * w);
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const row = ((ch * kh + ky) * kw + kx) * columns;
        for (let img = 0; img < n; img++) {
          const plane = (img * c + ch) * h * w;
          const base = row + img * oh * ow;
          for (let oy = 0; oy < oh; oy++) {
            const iy = oy * stride - padding + ky;
            if (iy < 0 || iy >= h) continue;
            const target = plane + iy * w;
            const source = base + oy * ow;
            for (let ox = 0; ox < ow; ox++) {
              const ix = ox * stride - padding + kx;
              if (ix >= 0 && ix < w) out[target + ix] += cols[source + ox];
            }
          }
        }
      }
    }
  }
  return out;
}

/** [N][F][P] ↔ [F][N·P]: the batch-major tensor layout and the gemm layout of the convolution output. */
function batchToFeatureMajor(y: Float64Array, n: number, f: number, p: number): Float64Array {
  const out = allocate(y.length);
  for (let img = 0; img < n; img++) for (let k = 0; k < f; k++) out.set(y.subarray((img * f + k) * p, (img * f + k + 1) * p), k * n * p + img * p);
  return out;
}

function featureToBatchMajor(y: Float64Array, n: number, f: number, p: number): Float64Array {
  const out = allocate(y.length);
  for (let img = 0; img < n; img++) for (let k = 0; k < f; k++) out.set(y.subarray(k * n * p + img * p, k * n * p + (img + 1) * p), (img * f + k) * p);
  return out;
}

/** Validates a pooling op and returns [N, C, H, W, OH, OW]. */
function poolGeometry(op: string, x: Tensor, { size, stride }: Pool2dAttrs): number[] {
  requireRank4(op, x, 'input');
  requireCount(op, 'size', size, 1);
  requireCount(op, 'stride', stride, 1);
  const [n, c, h, w] = x.shape;
  return [n, c, h, w, outputSide(op, h, size, stride, 0, x.shape), outputSide(op, w, size, stride, 0, x.shape)];
}

export const convRules = {
  /** Cross-correlation of x (N, C, H, W) with weight (F, C, KH, KW), as in PyTorch's conv2d; no bias (add one by broadcasting). */
  conv2d: {
    forward([x, weight], attrs: Conv2dAttrs) {
      const g = convGeometry(x, weight, attrs);
      const cols = im2col(x.data, g);
      const depth = g.c * g.kh * g.kw;
      const columns = g.n * g.oh * g.ow;
      const y = gemm(false, false, g.f, columns, depth, weight.data, cols, allocate(g.f * columns));
      return { data: featureToBatchMajor(y, g.n, g.f, g.oh * g.ow), shape: [g.n, g.f, g.oh, g.ow], saved: { g, cols } };
    },
    backward(grad, { inputs: [, weight], needs, saved: { g, cols } }) {
      const depth = g.c * g.kh * g.kw;
      const columns = g.n * g.oh * g.ow;
      const gradFeatureMajor = batchToFeatureMajor(grad, g.n, g.f, g.oh * g.ow);
      const dx = needs[0] ? col2im(gemm(true, false, depth, columns, g.f, weight.data, gradFeatureMajor, allocate(depth * columns)), g) : null;
      const dw = needs[1] ? gemm(false, true, g.f, depth, columns, gradFeatureMajor, cols, allocate(g.f * depth)) : null;
      return [dx, dw];
    },
  } satisfies Rule<Conv2dAttrs>,

  /** Maximum over size×size windows moved by `stride`, per image and channel. */
  maxPool2d: {
    forward([x], attrs: Pool2dAttrs) {
      const [n, c, h, w, oh, ow] = poolGeometry('maxPool2d', x, attrs);
      const { size, stride } = attrs;
      const out = allocate(n * c * oh * ow);
      // The flat index of each window's first maximal entry, for the backward pass.
      const argmax = new Int32Array(out.length);
      for (let plane = 0; plane < n * c; plane++) {
        for (let oy = 0; oy < oh; oy++) {
          for (let ox = 0; ox < ow; ox++) {
            let best = plane * h * w + oy * stride * w + ox * stride;
            for (let dy = 0; dy < size; dy++) {
              for (let dx = 0; dx < size; dx++) {
                const at = plane * h * w + (oy * stride + dy) * w + ox * stride + dx;
                if (x.data[at] > x.data[best]) best = at;
              }
            }
            const k = (plane * oh + oy) * ow + ox;
            out[k] = x.data[best];
            argmax[k] = best;
          }
        }
      }
      return { data: out, shape: [n, c, oh, ow], saved: argmax };
    },
    backward(grad, { inputs: [x], saved: argmax }) {
      const out = allocate(x.size);
      for (let k = 0; k < grad.length; k++) out[argmax[k]] += grad[k];
      return [out];
    },
  } satisfies Rule<Pool2dAttrs>,

  /** Mean over size×size windows moved by `stride`, per image and channel. */
  avgPool2d: {
    forward([x], attrs: Pool2dAttrs) {
      const [n, c, h, w, oh, ow] = poolGeometry('avgPool2d', x, attrs);
      const { size, stride } = attrs;
      const scale = 1 / (size * size);
      const out = allocate(n * c * oh * ow);
      for (let plane = 0; plane < n * c; plane++) {
        for (let oy = 0; oy < oh; oy++) {
          for (let ox = 0; ox < ow; ox++) {
            let total = 0;
            for (let dy = 0; dy < size; dy++) {
              for (let dx = 0; dx < size; dx++) total += x.data[plane * h * w + (oy * stride + dy) * w + ox * stride + dx];
            }
            out[(plane * oh + oy) * ow + ox] = total * scale;
          }
        }
      }
      return { data: out, shape: [n, c, oh, ow] };
    },
    backward(grad, { inputs: [x], attrs: { size, stride } }) {
      const [n, c, h, w] = x.shape;
      const outH = Math.floor((h - size) / stride) + 1;
      const outW = Math.floor((w - size) / stride) + 1;
      const scale = 1 / (size * size);
      const out = allocate(x.size);
      for (let plane = 0; plane < n * c; plane++) {
        for (let oy = 0; oy < outH; oy++) {
          for (let ox = 0; ox < outW; ox++) {
            const share = grad[(plane * outH + oy) * outW + ox] * scale;
            for (let dy = 0; dy < size; dy++) {
              for (let dx = 0; dx < size; dx++) out[plane * h * w + (oy * stride + dy) * w + ox * stride + dx] += share;
            }
          }
        }
      }
      return [out];
    },
  } satisfies Rule<Pool2dAttrs>,
} satisfies Record<string, Rule<any>>;

/**
 * For gradcheck's kink handling: appends each window's argmax (saved by maxPool2d's forward) to `pattern` and
 * returns the smallest gap between a window's maximum and any other entry of the window (0 on a tie).
 */
export function maxPoolKinks(x: Tensor, { size, stride }: Pool2dAttrs, argmax: Int32Array, pattern: number[]): number {
  const [n, c, h, w] = x.shape;
  const oh = Math.floor((h - size) / stride) + 1;
  const ow = Math.floor((w - size) / stride) + 1;
  let margin = Infinity;
  for (let plane = 0; plane < n * c; plane++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const best = argmax[(plane * oh + oy) * ow + ox];
        pattern.push(best);
        for (let dy = 0; dy < size; dy++) {
          for (let dx = 0; dx < size; dx++) {
            const at = plane * h * w + (oy * stride + dy) * w + ox * stride + dx;
            if (at !== best) margin = Math.min(margin, x.data[best] - x.data[at]);
          }
        }
      }
    }
  }
  return margin;
}
