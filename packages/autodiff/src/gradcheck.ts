/**
 * gradcheck: compares the tape's gradient with finite differences of the function itself.
 *
 * Two modes:
 * - 'directions' (as JAX's check_grads and PyTorch's gradcheck fast mode): for random unit directions v over all
 *   inputs together, compare ⟨∇f(x), v⟩ with a central difference of t ↦ f(x + t·v);
 * - 'full': the same along every coordinate, i.e. the whole gradient (for small inputs).
 * 'auto' (default) uses 'full' when the inputs have at most 64 entries in total.
 *
 * Finite differences (float64): the fourth-order central stencil
 *   (−f(x+2h v) + 8 f(x+h v) − 8 f(x−h v) + f(x−2h v)) / (12 h),  h = 1e−4 by default,
 * has truncation error O(h⁴)·|f⁽⁵⁾| ≈ 1e−16·|f⁽⁵⁾| and rounding error ≈ 1.5·2⁻⁵²·|f|/h ≈ 3e−12·|f|, so the default
 * test |numeric − analytic| ≤ atol + rtol·max(|numeric|, |analytic|) with atol = 1e−8·max(1, |f(x)|) and
 * rtol = 1e−6 leaves a margin of 100× or more for smooth functions of moderate curvature. `order: 2` selects the
 * plain central difference (f(x+hv) − f(x−hv))/(2h) (use h ≈ 1e−6 and looser tolerances with it).
 *
 * Kinks (relu/abs inputs at 0, ties in max): the tape is inspected at every evaluation. If the base point lies
 * within `kinkMargin` of a kink it is moved by a small seeded random jitter (up to `maxMoves` times); a direction or
 * coordinate whose stencil points see a different branch pattern (a relu/abs sign or a max argmax changes) straddles
 * a kink and is skipped. The result reports both counts. An input that is exactly 0 everywhere nearby (say relu of a
 * dead relu) also counts as "on a kink" and uses up the moves, which is harmless: its pattern never changes, so no
 * check is skipped because of it.
 */
import { AutodiffError, formatShape } from './errors.js';
import { randomStream } from './random.js';
import { Tape, withTape } from './tape.js';
import { Tensor } from './tensor.js';

export interface GradcheckOptions {
  /** 'auto' (default): 'full' for at most 64 entries in total, else 'directions'. */
  mode?: 'auto' | 'directions' | 'full';
  /** Number of random directions (default 8). */
  directions?: number;
  /** Finite-difference step h (default 1e−4 for order 4, 1e−6 for order 2). */
  step?: number;
  /** Stencil order, 4 (default) or 2. */
  order?: 2 | 4;
  /** Absolute tolerance, scaled by max(1, |f(x)|) (default 1e−8). */
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

export interface GradcheckFailure {
  /** Direction number, or flat coordinate index (over all inputs together) in 'full' mode. */
  index: number;
  analytic: number;
  numeric: number;
  error: number;
}

export interface GradcheckResult {
  ok: boolean;
  mode: 'directions' | 'full';
  /** Largest |numeric − analytic| over the checks made. */
  maxError: number;
  /** Largest |numeric − analytic| / max(|numeric|, |analytic|, tiny). */
  maxRelativeError: number;
  /** Number of directional derivatives compared. */
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

type ScalarFunction = (...xs: Tensor[]) => Tensor;

interface Probe {
  value: number;
  /** Branch pattern: relu/abs input signs and max argmaxes, in tape order. */
  pattern: number[];
  /** Smallest distance to a kink among the recorded ops. */
  margin: number;
  grads?: Float64Array[];
}

function probe(f: ScalarFunction, xs: readonly Tensor[], withGrads: boolean): Probe {
  const tape = new Tape();
  const vars = xs.map((x) => tape.track(new Tensor(x.data, x.shape)));
  return withTape(tape, () => {
    const out = f(...vars);
    if (!(out instanceof Tensor) || out.size !== 1) {
      const shape = out instanceof Tensor ? formatShape(out.shape) : typeof out;
      throw new AutodiffError(`gradcheck: f must return a scalar tensor, got ${shape}`);
    }
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
      }
    }
    const grads = withGrads ? tape.backward(out, vars) : undefined;
    return { value: out.data[0], pattern, margin, grads };
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

/**
 * Checks the gradient of a scalar function at the given inputs against finite differences.
 *
 * @example
 * const loss = (w: Tensor) => mean(relu(matmul(x, w)));
 * const result = gradcheck(loss, [w]);
 * if (!result.ok) throw new Error(`gradient mismatch: ${result.maxError}`);
 */
export function gradcheck(f: ScalarFunction, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const order = options.order ?? 4;
  const step = options.step ?? (order === 4 ? 1e-4 : 1e-6);
  const rtol = options.rtol ?? 1e-6;
  const kinkMargin = options.kinkMargin ?? 1e-3;
  const maxMoves = options.maxMoves ?? 5;
  const moveScale = options.moveScale ?? 1e-2;
  const total = inputs.reduce((s, x) => s + x.size, 0);
  const mode = options.mode === undefined || options.mode === 'auto' ? (total <= 64 ? 'full' : 'directions') : options.mode;
  const count = mode === 'full' ? total : options.directions ?? 8;
  const rng = randomStream(options.seed ?? 0, 'check');

  let point = inputs.map((x) => new Tensor(x.data.slice(), x.shape));
  let base = probe(f, point, true);
  let moved = 0;
  while (base.margin < kinkMargin && moved < maxMoves) {
    point = point.map((x) => {
      const data = x.data.slice();
      for (let i = 0; i < data.length; i++) data[i] += moveScale * rng.nextNormal();
      return new Tensor(data, x.shape);
    });
    base = probe(f, point, true);
    moved++;
  }
  const atol = (options.atol ?? 1e-8) * Math.max(1, Math.abs(base.value));
  const flatGrad = new Float64Array(total);
  let at = 0;
  for (const g of base.grads!) {
    flatGrad.set(g, at);
    at += g.length;
  }

  const result: GradcheckResult = {
    ok: false, mode, maxError: 0, maxRelativeError: 0, checked: 0, failed: 0, skipped: 0, moved, failures: [], point,
    tolerance: { atol, rtol, step, order },
  };
  const v = new Float64Array(total);
  for (let index = 0; index < count; index++) {
    if (mode === 'full') {
      v.fill(0);
      v[index] = 1;
    } else {
      rng.normalInto(v);
      let n2 = 0;
      for (let i = 0; i < total; i++) n2 += v[i] * v[i];
      const scale = 1 / Math.sqrt(n2);
      for (let i = 0; i < total; i++) v[i] *= scale;
    }
    const offsets = order === 4 ? [2, 1, -1, -2] : [1, -1];
    const probes = offsets.map((t) => probe(f, shifted(point, v, t * step), false));
    if (probes.some((p) => !samePattern(p.pattern, base.pattern))) {
      result.skipped++;
      continue;
    }
    const numeric = order === 4
      ? (-probes[0].value + 8 * probes[1].value - 8 * probes[2].value + probes[3].value) / (12 * step)
      : (probes[0].value - probes[1].value) / (2 * step);
    let analytic = 0;
    for (let i = 0; i < total; i++) analytic += flatGrad[i] * v[i];
    const error = Math.abs(numeric - analytic);
    const size = Math.max(Math.abs(numeric), Math.abs(analytic));
    result.checked++;
    result.maxError = Math.max(result.maxError, error);
    result.maxRelativeError = Math.max(result.maxRelativeError, error / Math.max(size, Number.MIN_VALUE));
    if (!(error <= atol + rtol * size)) {
      result.failed++;
      if (result.failures.length < 10) result.failures.push({ index, analytic, numeric, error });
    }
  }
  result.ok = result.checked > 0 && result.failed === 0;
  return result;
}
