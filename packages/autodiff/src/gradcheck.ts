/**
 * gradcheck: compares the tape's gradient with finite differences of the function itself.
 *
 * Two modes:
 * - 'directions' (as JAX's check_grads and PyTorch's gradcheck fast mode): for random unit directions v over all
 *   inputs together, compare ⟨∇f(x), v⟩ with a central difference of t ↦ f(x + t·v);
 * - 'full': the same along every coordinate, i.e. the whole gradient (for small inputs).
 * 'auto' (default) uses 'full' when the inputs have at most 64 entries in total.
 * f may also return a tensor with several entries: then 'full' checks the whole Jacobian (each output entry against
 * each input coordinate) and 'directions' checks uᵀ·J·v for a random unit cotangent u, as JAX's check_grads does in
 * reverse mode.
 *
 * Finite differences (float64): the fourth-order central stencil
 *   (−f(x+2h v) + 8 f(x+h v) − 8 f(x−h v) + f(x−2h v)) / (12 h),  h = 1e−4 by default,
 * has truncation error O(h⁴)·|f⁽⁵⁾| ≈ 1e−16·|f⁽⁵⁾| and rounding error ≈ 1.5·2⁻⁵²·|f|/h ≈ 3e−12·|f|, so the default
 * test |numeric − analytic| ≤ atol + rtol·max(|numeric|, |analytic|) with atol = 1e−8·max(1, max|f(x)|) and
 * rtol = 1e−6 leaves a margin of 100× or more for smooth functions of moderate curvature. `order: 2` selects the
 * plain central difference (f(x+hv) − f(x−hv))/(2h) (use h ≈ 1e−6 and looser tolerances with it).
 *
 * Kinks (relu/abs inputs at 0, ties in max and maxPool2d): the tape is inspected at every evaluation. If the base point lies
 * within `kinkMargin` of a kink it is moved by a small seeded random jitter (up to `maxMoves` times); a direction or
 * coordinate whose stencil points see a different branch pattern (a relu/abs sign or a max argmax changes) straddles
 * a kink and is skipped. The result reports both counts. An input that is exactly 0 everywhere nearby (say relu of a
 * dead relu) also counts as "on a kink" and uses up the moves, which is harmless: its pattern never changes, so no
 * check is skipped because of it.
 */
import { AutodiffError } from './errors.js';
import { maxPoolKinks, type Pool2dAttrs } from './rules/conv.js';
import { RandomStream, randomStream } from './random.js';
import { Tape, withTape } from './tape.js';
import { Tensor } from './tensor.js';

/**
 * Options of gradcheck: finite-difference order and step, tolerances, kink handling.
 * @category Gradient checking
 */
export interface GradcheckOptions {
  /** 'auto' (default): 'full' for at most 64 entries in total, else 'directions'. */
  mode?: 'auto' | 'directions' | 'full';
  /** Number of random directions (default 8). */
  directions?: number;
  /** Finite-difference step h (default 1e−4 for order 4, 1e−6 for order 2). */
  step?: number;
  /** Stencil order, 4 (default) or 2. */
  order?: 2 | 4;
  /** Absolute tolerance, scaled by max(1, max|f(x)|) (default 1e−8). */
  atol?: number;
  /** Relative tolerance (default 1e−6). */
  rtol?: number;
  /** Distance to a kink below which the base point is moved (default 1e−3). */
  kinkMargin?: number;
  /** Standard deviation of the jitter that moves a point off a kink (default 1e−2). */
  moveScale?: number;
  /** At most this many moves (default 5). */
  maxMoves?: number;
  /** Seed of the directions and jitter (default 0). */
  seed?: number;
}

/**
 * One check gradcheck found wrong.
 * @category Gradient checking
 */
export interface GradcheckFailure {
  /** Direction number, or flat coordinate index (over all inputs together) in 'full' mode. */
  index: number;
  /** Output entry (a Jacobian row) in 'full' mode for a tensor-valued f; 0 otherwise. */
  output: number;
  analytic: number;
  numeric: number;
  error: number;
}

/**
 * The verdict of gradcheck, with the largest error and every failing check.
 * @category Gradient checking
 */
export interface GradcheckResult {
  ok: boolean;
  mode: 'directions' | 'full';
  /** Largest |numeric − analytic| over the checks made. */
  maxError: number;
  /** Largest |numeric − analytic| / max(|numeric|, |analytic|, tiny). */
  maxRelativeError: number;
  /** Number of directional derivatives compared (directions × cotangents). */
  checked: number;
  /** Number of checks outside the tolerance (a NaN counts as outside). */
  failed: number;
  /** Number skipped because their stencil straddled a kink. */
  skipped: number;
  /** Number of times the base point was moved off a kink. */
  moved: number;
  /** The checks that failed (at most 10 listed). */
  failures: GradcheckFailure[];
  /** The point the check ran at (the inputs, possibly moved). */
  point: Tensor[];
  /** The tolerances used. */
  tolerance: { atol: number; rtol: number; step: number; order: 2 | 4 };
}

/**
 * A function of tensors returning a scalar tensor, the kind gradcheck differentiates.
 * @category Gradient checking
 */
export type TensorFunction = (...xs: Tensor[]) => Tensor;

interface Probe {
  /** The output's entries. */
  values: Float64Array;
  /** Branch pattern: relu/abs input signs and max argmaxes, in tape order. */
  pattern: number[];
  /** Smallest distance to a kink among the recorded ops. */
  margin: number;
  /** One gradient (flat over all inputs) per cotangent asked for. */
  grads: Float64Array[];
}

function probe(f: TensorFunction, xs: readonly Tensor[], cotangents: readonly Float64Array[]): Probe {
  const tape = new Tape();
  const vars = xs.map((x) => tape.track(new Tensor(x.data, x.shape)));
  return withTape(tape, () => {
    const out = f(...vars);
    if (!(out instanceof Tensor)) throw new AutodiffError(`gradcheck: f must return a Tensor, got ${typeof out}`);
    const pattern: number[] = [];
    let margin = Infinity;
    for (const entry of tape.entries) {
      if (entry.op === 'relu' || entry.op === 'abs') {
        const z = entry.inputs[0].data;
        for (let i = 0; i < z.length; i++) {
          pattern.push(Math.sign(z[i]));
          margin = Math.min(margin, Math.abs(z[i]));
        }
      } else if (entry.op === 'max') {
        const { l, argmax } = entry.saved as { l: { outer: number; dim: number; inner: number }; argmax: Int32Array };
        const x = entry.inputs[0].data;
        for (let o = 0; o < l.outer; o++) {
          for (let i = 0; i < l.inner; i++) {
            const at = argmax[o * l.inner + i];
            pattern.push(at);
            const best = x[(o * l.dim + at) * l.inner + i];
            for (let k = 0; k < l.dim; k++) {
              if (k !== at) margin = Math.min(margin, best - x[(o * l.dim + k) * l.inner + i]);
            }
          }
        }
      } else if (entry.op === 'maxPool2d') {
        margin = Math.min(margin, maxPoolKinks(entry.inputs[0], entry.attrs as Pool2dAttrs, entry.saved as Int32Array, pattern));
      }
    }
    const total = xs.reduce((s, x) => s + x.size, 0);
    const grads = cotangents.map((u) => {
      const flat = new Float64Array(total);
      let at = 0;
      for (const g of tape.backward(out, vars, u)) {
        flat.set(g, at);
        at += g.length;
      }
      return flat;
    });
    return { values: out.data.slice(), pattern, margin, grads };
  });
}

function samePattern(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** x + t·v over all inputs, v given as one flat array over the concatenated inputs. */
function shifted(xs: readonly Tensor[], v: Float64Array, t: number): Tensor[] {
  let at = 0;
  return xs.map((x) => {
    const data = new Float64Array(x.size);
    for (let i = 0; i < x.size; i++) data[i] = x.data[i] + t * v[at + i];
    at += x.size;
    return new Tensor(data, x.shape);
  });
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** A seeded N(0, I) vector scaled to unit length. */
function unitDirection(rng: RandomStream, size: number): Float64Array {
  const v = rng.normalInto(new Float64Array(size));
  const scale = 1 / Math.sqrt(dot(v, v));
  for (let i = 0; i < size; i++) v[i] *= scale;
  return v;
}

/**
 * Checks the gradient (or, for a tensor-valued f, the Jacobian) of f at the given inputs against finite
 * differences. For a tensor-valued f, 'full' mode checks every entry of the Jacobian (one cotangent per output
 * entry, one direction per input coordinate) and 'directions' mode checks uᵀJv for one random unit cotangent u.
 *
 * @example
 * const x = tensor([[1, -2], [0.5, 3]]);
 * const w = tensor([[0.3], [-0.7]]);
 * const loss = (w: Tensor) => mean(relu(matmul(x, w)));
 * const result = gradcheck(loss, [w]);
 * result.ok; // → true
 * @category Gradient checking
 */
export function gradcheck(f: TensorFunction, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const order = options.order ?? 4;
  const step = options.step ?? (order === 4 ? 1e-4 : 1e-6);
  const rtol = options.rtol ?? 1e-6;
  const kinkMargin = options.kinkMargin ?? 1e-3;
  const maxMoves = options.maxMoves ?? 5;
  const moveScale = options.moveScale ?? 1e-2;
  const total = inputs.reduce((s, x) => s + x.size, 0);
  const mode = options.mode === undefined || options.mode === 'auto' ? (total <= 64 ? 'full' : 'directions') : options.mode;
  const rng = randomStream(options.seed ?? 0, 'check');

  // The output size decides the cotangents: the output itself if scalar, else basis vectors or one random one.
  let point = inputs.map((x) => new Tensor(x.data.slice(), x.shape));
  const outputs = probe(f, point, []).values.length;
  const cotangents: Float64Array[] = outputs === 1
    ? [Float64Array.of(1)]
    : mode === 'full'
      ? Array.from({ length: outputs }, (_, i) => { const e = new Float64Array(outputs); e[i] = 1; return e; })
      : [unitDirection(rng, outputs)];
  let base = probe(f, point, cotangents);
  let moved = 0;
  while (base.margin < kinkMargin && moved < maxMoves) {
    point = point.map((x) => {
      const data = x.data.slice();
      for (let i = 0; i < data.length; i++) data[i] += moveScale * rng.nextNormal();
      return new Tensor(data, x.shape);
    });
    base = probe(f, point, cotangents);
    moved++;
  }
  let largest = 1;
  for (const value of base.values) largest = Math.max(largest, Math.abs(value));
  const atol = (options.atol ?? 1e-8) * largest;

  const result: GradcheckResult = {
    ok: false, mode, maxError: 0, maxRelativeError: 0, checked: 0, failed: 0, skipped: 0, moved, failures: [], point,
    tolerance: { atol, rtol, step, order },
  };
  const count = mode === 'full' ? total : options.directions ?? 8;
  const offsets = order === 4 ? [2, 1, -1, -2] : [1, -1];
  for (let index = 0; index < count; index++) {
    let v: Float64Array;
    if (mode === 'full') {
      v = new Float64Array(total);
      v[index] = 1;
    } else {
      v = unitDirection(rng, total);
    }
    const probes = offsets.map((t) => probe(f, shifted(point, v, t * step), []));
    if (probes.some((p) => !samePattern(p.pattern, base.pattern))) {
      result.skipped += cotangents.length;
      continue;
    }
    cotangents.forEach((u, output) => {
      const at = probes.map((p) => dot(u, p.values)); // ⟨u, f⟩ at x + t·h·v for t in `offsets`
      const numeric = order === 4 ? (-at[0] + 8 * at[1] - 8 * at[2] + at[3]) / (12 * step) : (at[0] - at[1]) / (2 * step);
      const analytic = dot(base.grads[output], v);
      const error = Math.abs(numeric - analytic);
      const size = Math.max(Math.abs(numeric), Math.abs(analytic));
      result.checked++;
      result.maxError = Math.max(result.maxError, error);
      result.maxRelativeError = Math.max(result.maxRelativeError, error / Math.max(size, Number.MIN_VALUE));
      if (!(error <= atol + rtol * size)) {
        result.failed++;
        if (result.failures.length < 10) result.failures.push({ index, output: cotangents.length > 1 ? output : 0, analytic, numeric, error });
      }
    });
  }
  result.ok = result.checked > 0 && result.failed === 0;
  return result;
}
