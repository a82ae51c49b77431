/**
 * Fused network primitives: what a hand-written training step fuses, as rules of the table, so that a model written
 * as forward code gets the same loops (and the same rounding) from the tape.
 *
 *   linear(X, W, b) = X·Wᵀ + b      : dX = G·W, dW = Gᵀ·X, db = Σ_rows G  (nn.Linear layout: W is outputs×inputs)
 *   vectorNorm(A, axis)  = ‖A‖₂ along axis : dA = g·A/‖A‖, 0 where ‖A‖ = 0 (as norm)
 *   softmaxCrossEntropy(Λ, t, axis) = LSE_k Λ_k − Λ_t per slice : dΛ_k = g·(p_k − 1{k = t})
 *
 * softmaxCrossEntropy keeps a nearly-zero loss exact to its last bits: per slice it sums exp(Λ_k − peak) over the
 * entries other than the first maximum and returns (peak − Λ_t) + log1p(that sum), so an aligned positive at small τ
 * (loss ≈ e^{−1/τ}) does not round to 0 as peak + log(1 + tiny) − Λ_t would.
 */
import { AutodiffError, ShapeError, formatShape } from '../errors.js';
import { gemm } from '../gemm.js';
import { addBias, columnSums } from '../kernels.js';
import { layout, type AxisAttrs, type Layout } from './reduce.js';
import type { Rule } from './rule.js';
import { allocate } from '../pool.js';

export interface CrossEntropyAttrs {
  axis: number;
  targets: Int32Array;
}

export const nnRules = {
  linear: {
    forward([x, w, b]) {
      if (x.shape.length !== 2 || w.shape.length !== 2 || x.shape[1] !== w.shape[1]) {
        throw new ShapeError(`linear: need X rows×inputs and W outputs×inputs, got ${formatShape(x.shape)} and ${formatShape(w.shape)}`);
      }
      const [rows, inputs] = x.shape;
      const outputs = w.shape[0];
      if (b.shape.length !== 1 || b.shape[0] !== outputs) {
        throw new ShapeError(`linear: bias must have shape [${outputs}], got ${formatShape(b.shape)}`);
      }
      const out = gemm(false, true, rows, outputs, inputs, x.data, w.data, allocate(rows * outputs));
      addBias(out, b.data, rows, outputs);
      return { data: out, shape: [rows, outputs] };
    },
    backward(g, { inputs: [x, w, b], needs }) {
      const [rows, inputs] = x.shape;
      const outputs = w.shape[0];
      const db = needs[2] ? columnSums(g, rows, outputs, allocate(outputs)) : null;
      return [
        needs[0] ? gemm(false, false, rows, inputs, outputs, g, w.data, allocate(rows * inputs)) : null,
        needs[1] ? gemm(true, false, outputs, inputs, rows, g, x.data, allocate(outputs * inputs)) : null,
        db,
      ];
    },
  } satisfies Rule<undefined>,

  vectorNorm: {
    forward([a], attrs: AxisAttrs) {
      const l = layout('vectorNorm', a, attrs);
      const { outer, dim, inner } = l;
      const out = allocate(outer * inner);
      const x = a.data;
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          let squared = 0;
          for (let k = 0, at = o * dim * inner + i; k < dim; k++, at += inner) squared += x[at] * x[at];
          out[o * inner + i] = Math.sqrt(squared);
        }
      }
      return { data: out, shape: l.shape, saved: l };
    },
    backward(g, { inputs: [a], output, saved }) {
      const { outer, dim, inner } = saved as Layout;
      const out = allocate(a.size);
      const x = a.data;
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const r = output.data[o * inner + i];
          if (r === 0) continue;
          const scale = g[o * inner + i] / r;
          for (let k = 0, at = o * dim * inner + i; k < dim; k++, at += inner) out[at] = x[at] * scale;
        }
      }
      return [out];
    },
  } satisfies Rule<AxisAttrs>,

  softmaxCrossEntropy: {
    forward([a], { axis, targets }: CrossEntropyAttrs) {
      const l = layout('softmaxCrossEntropy', a, { axis, keepDims: false });
      const { outer, dim, inner } = l;
      if (targets.length !== outer * inner) {
        throw new AutodiffError(`softmaxCrossEntropy: need ${outer * inner} targets (one per slice of ${formatShape(a.shape)}), got ${targets.length}`);
      }
      const x = a.data;
      const loss = allocate(outer * inner);
      const lse = allocate(outer * inner);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const s = o * inner + i;
          const t = targets[s];
          if (!(t >= 0 && t < dim)) throw new AutodiffError(`softmaxCrossEntropy: target ${t} of slice ${s} is out of range 0..${dim - 1}`);
          const start = o * dim * inner + i;
          let peakAt = start;
          for (let k = 1, at = start + inner; k < dim; k++, at += inner) if (x[at] > x[peakAt]) peakAt = at;
          const peak = x[peakAt];
          let rest = 0;
          for (let k = 0, at = start; k < dim; k++, at += inner) if (at !== peakAt) rest += Math.exp(x[at] - peak);
          const logRest = Math.log1p(rest);
          loss[s] = peak - x[start + t * inner] + logRest;
          lse[s] = peak + logRest;
        }
      }
      return { data: loss, shape: l.shape, saved: { l, lse } };
    },
    backward(g, { inputs: [a], attrs: { targets }, saved: { l, lse } }) {
      const { outer, dim, inner } = l as Layout;
      const x = a.data;
      const out = allocate(a.size);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const s = o * inner + i;
          const start = o * dim * inner + i;
          const gs = g[s];
          const partition = lse[s];
          for (let k = 0, at = start; k < dim; k++, at += inner) out[at] = Math.exp(x[at] - partition) * gs;
          out[start + targets[s] * inner] -= gs;
        }
      }
      return [out];
    },
  } satisfies Rule<CrossEntropyAttrs>,
} satisfies Record<string, Rule<any>>;
