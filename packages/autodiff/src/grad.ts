/**
 * Reverse-mode differentiation of functions of tensors and of pytrees of tensors (nested arrays and plain objects,
 * see pytree.ts): `valueAndGrad`, `grad` and `vjp`.
 */
import { AutodiffError, formatShape } from './errors.js';
import { concat, reshape } from './ops.js';
import { BufferPool, openTrace, withPool } from './pool.js';
import { treeLeaves, treeMap, type GradientOf } from './pytree.js';
import { Tape, withTape } from './tape.js';
import { Tensor } from './tensor.js';
import { kernelMemory } from './wasm/heap.js';

/**
 * Options of grad and valueAndGrad.
 * @category Differentiation
 */
export interface GradOptions<N extends number | undefined = undefined> {
  /**
   * Differentiate with respect to this argument only (as JAX's argnums); the others may then be anything (data,
   * numbers, options). Default: every argument, and every argument must be a pytree of tensors.
   */
  argnums?: N;
  /** f returns [scalar, aux] instead of a scalar; aux is passed through untouched (as JAX's has_aux). */
  hasAux?: boolean;
  /**
   * Reuse the previous call's arrays (see pool.ts): for a function called again and again on the same shapes, such
   * as a training step. Each call then invalidates the gradients, aux tensors and intermediates of the call before
   * it: copy what you keep. Values are unchanged (bitwise). Default false.
   */
  reuseBuffers?: boolean;
}

/**
 * The gradients' structure: one per argument (an array mirroring the arguments), or that of argument N.
 * @category Differentiation
 */
export type GradsOf<Args extends unknown[], N extends number | undefined> = N extends number ? GradientOf<Args[N]> : GradientOf<Args>;

/** What f returns without its aux: the loss tensor alone, or the first of [loss, aux]. */
/**
 * The auxiliary value of a function returning `[loss, aux]` (undefined for a function returning the loss alone).
 * @category Differentiation
 */
export type AuxOf<R> = R extends readonly [Tensor, infer Aux] ? Aux : undefined;

/**
 * What valueAndGrad returns: the value of f, its gradients, and the auxiliary output.
 * @category Differentiation
 */
export interface ValueAndGrad<G = Tensor[], Aux = undefined> {
  /** f(...xs) (the loss, without aux). */
  value: number;
  /** ∂f/∂xs in the arguments' structure: one per argument by default, or that of `argnums`. */
  grads: G;
  /** The aux value of a `hasAux` function (undefined otherwise). */
  aux: Aux;
}

/** Fresh tracked wrappers of the differentiated arguments' leaves (so a tensor passed twice gets two gradients). */
function trackArguments(tape: Tape, args: readonly unknown[], argnums: number | undefined) {
  const selected = argnums === undefined ? args : [args[argnums]];
  if (argnums !== undefined && (!Number.isInteger(argnums) || argnums < 0 || argnums >= args.length)) {
    throw new AutodiffError(`grad: argnums ${argnums} is out of range for ${args.length} argument(s)`);
  }
  const where = (k: number) => `grad: argument ${argnums ?? k}`;
  const leaves = selected.flatMap((arg, k) => treeLeaves(arg, where(k)));
  const vars = leaves.map((t) => tape.track(new Tensor(t.data, t.shape)));
  let next = 0;
  const wrapped = selected.map((arg) => treeMap(arg, () => vars[next++]));
  const callArgs = argnums === undefined ? wrapped : args.map((arg, k) => (k === argnums ? wrapped[0] : arg));
  return { leaves, vars, callArgs, selected };
}

function requireTensor(out: unknown, what: string): Tensor {
  if (!(out instanceof Tensor)) throw new AutodiffError(`grad: ${what} must return a Tensor, got ${out === null ? 'null' : typeof out}`);
  return out;
}

/**
 * Turns a scalar function into one that returns its value and its gradient. Arguments are tensors or pytrees of
 * tensors; the gradients come back in the same structure (an array with one entry per argument, or the structure
 * of argument `argnums`). Leaves the result does not depend on get zero gradients. The gradient is accumulated in
 * a fixed order (see tape.ts), so it is bitwise reproducible.
 *
 * @example
 * const f = (x: Tensor, y: Tensor) => sum(mul(x, y));
 * const { value, grads } = valueAndGrad(f)(tensor([1, 2]), tensor([3, 4]));
 * // value = 11, grads = [[3, 4], [1, 2]]
 *
 * @example
 * // A pytree of parameters and data that is not differentiated:
 * const loss = (p: { w: Tensor; b: Tensor }, x: Tensor) => mean(square(add(matmul(x, p.w), p.b)));
 * const { grads } = valueAndGrad(loss, { argnums: 0 })({ w: tensor([[1], [2]]), b: tensor([0.5]) }, tensor([[1, 1]]));
 * // grads.w.shape = [2, 1], grads.b.shape = [1]
 * @category Differentiation
 */
export function valueAndGrad<Args extends unknown[], R extends Tensor | readonly [Tensor, unknown], N extends number | undefined = undefined>(
  f: (...xs: Args) => R,
  options: GradOptions<N> = {},
): (...xs: Args) => ValueAndGrad<GradsOf<Args, N>, AuxOf<R>> {
  const pool = options.reuseBuffers ? new BufferPool() : null;
  const evaluate = (xs: Args): ValueAndGrad<GradsOf<Args, N>, AuxOf<R>> => {
    const tape = new Tape();
    const { leaves, vars, callArgs, selected } = trackArguments(tape, xs, options.argnums);
    return withPool(pool, () => withTape(tape, () => {
      const result = f(...(callArgs as Args));
      let aux: unknown;
      let out: Tensor;
      if (options.hasAux) {
        if (!Array.isArray(result) || result.length !== 2) throw new AutodiffError('grad: with hasAux, f must return [loss, aux]');
        out = requireTensor(result[0], 'f (first of [loss, aux])');
        aux = result[1];
      } else {
        out = requireTensor(result, 'f');
      }
      if (out.size !== 1) {
        throw new AutodiffError(`grad: f must return a scalar, got shape ${formatShape(out.shape)} (reduce it with sum or mean)`);
      }
      const flat = tape.backward(out, vars);
      let next = 0;
      const grads = selected.map((arg) => treeMap(arg, () => {
        const k = next++;
        return new Tensor(flat[k], leaves[k].shape);
      }));
      return { value: out.data[0], grads: (options.argnums === undefined ? grads : grads[0]) as GradsOf<Args, N>, aux: aux as AuxOf<R> };
    }));
  };
  return (...xs: Args) => {
    pool?.recycle();
    if (pool === null || !pool.resident) return evaluate(xs);
    // The pool's arrays live in wasm memory. If something grows that memory during the call (f allocating resident
    // arrays, say), the arrays handed out before are detached: run the call again on plain arrays.
    const memory = kernelMemory();
    const before = memory.buffer;
    let result: ValueAndGrad<GradsOf<Args, N>, AuxOf<R>> | undefined;
    try {
      result = evaluate(xs);
    } catch (error) {
      if (memory.buffer === before) throw error;
    }
    if (result !== undefined && memory.buffer === before) return result;
    pool.recycle();
    pool.bypass = true;
    try {
      return evaluate(xs);
    } finally {
      pool.bypass = false;
    }
  };
}

/**
 * The gradient of a scalar function with respect to its arguments (tensors or pytrees), in their structure.
 *
 * @example
 * const [dx] = grad((x: Tensor) => sum(square(x)))(tensor([1, 2, 3]));
 * // dx.data = [2, 4, 6]
 * const dp = grad((p: { a: Tensor }) => sum(square(p.a)), { argnums: 0 })({ a: tensor([1]) });
 * // dp.a.data = [2]
 * @category Differentiation
 */
export function grad<Args extends unknown[], N extends number | undefined = undefined>(
  f: (...xs: Args) => Tensor,
  options: Omit<GradOptions<N>, 'hasAux'> = {},
): (...xs: Args) => GradsOf<Args, N> {
  const vg = valueAndGrad(f, options);
  return (...xs: Args) => vg(...xs).grads;
}

/**
 * What vjp returns: the primal output and its pullback.
 * @category Differentiation
 */
export interface Vjp<Out, G> {
  /** f(...primals): a tensor or a pytree of tensors. */
  out: Out;
  /**
   * The vector-Jacobian product: given a cotangent shaped like `out` (same structure, same shapes), the gradients of
   * ⟨cotangent, f⟩ with respect to every primal, in the primals' structure. May be called any number of times.
   */
  pullback: (cotangent: Out) => G;
}

/**
 * Evaluates f at the primals and returns its value with the pullback that maps a cotangent of your choice to
 * ⟨cotangent, ∂f/∂primals⟩ (JAX's vjp). f may return a tensor or a pytree of tensors. Each pullback walks the tape
 * once, in the tape's fixed order.
 *
 * @example
 * const { out, pullback } = vjp((x: Tensor) => mul(x, x), tensor([1, 2, 3]));
 * const [dx] = pullback(tensor([1, 0, -1])); // dx.data = [2, 0, -6]
 * @category Differentiation
 */
export function vjp<Args extends unknown[], Out>(f: (...xs: Args) => Out, ...primals: Args): Vjp<Out, GradientOf<Args>> {
  return trace(f, primals, null);
}

/**
 * `vjp` for a function evaluated again and again on the same shapes (one encoder of a training step, say): returns
 * a function that takes the primals and gives { out, pullback } like vjp, with the arrays of the previous call reused
 * as `reuseBuffers` does (resident in wasm memory on the wasm backend). Each call therefore invalidates the value,
 * pullback and gradients of the call before it: copy what you keep. Values are those of `vjp`, bit for bit.
 *
 * @example
 * const square = reusableVjp((x: Tensor) => mul(x, x));
 * for (const v of [1, 2]) {
 *   const { pullback } = square(tensor([v]));
 *   pullback(tensor([1]))[0].data; // [2·v]
 * }
 * @category Differentiation
 */
export function reusableVjp<Args extends unknown[], Out>(f: (...xs: Args) => Out): (...primals: Args) => Vjp<Out, GradientOf<Args>> {
  const pool = new BufferPool();
  let close = () => {};
  return (...primals: Args) => {
    close(); // the previous call's arrays are dead from here on
    pool.bypass = false;
    pool.recycle();
    if (!pool.resident) return trace(f, primals, pool);
    close = openTrace();
    // As in valueAndGrad: if wasm memory grows while the pool's resident arrays are in use, they are detached; the
    // forward pass is then run again on plain arrays (and so is a pullback during which memory grew).
    const memory = kernelMemory();
    const rerun = () => {
      pool.recycle();
      pool.bypass = true;
      return trace(f, primals, pool);
    };
    const before = memory.buffer;
    let traced: Vjp<Out, GradientOf<Args>> | undefined;
    try {
      traced = trace(f, primals, pool);
    } catch (error) {
      if (memory.buffer === before) throw error;
    }
    if (traced === undefined || memory.buffer !== before) return rerun();
    const { out, pullback } = traced;
    return {
      out,
      pullback: (cotangent: Out) => {
        let grads: GradientOf<Args> | undefined;
        try {
          grads = pullback(cotangent);
        } catch (error) {
          if (memory.buffer === before) throw error;
        }
        const result = grads !== undefined && memory.buffer === before ? grads : rerun().pullback(cotangent);
        close();
        return result;
      },
    };
  };
}

/** vjp's work: trace f on a fresh tape (with `pool` active, if any, in the forward pass and in every pullback). */
function trace<Args extends unknown[], Out>(f: (...xs: Args) => Out, primals: Args, pool: BufferPool | null): Vjp<Out, GradientOf<Args>> {
  const tape = new Tape();
  const { leaves, vars, callArgs, selected } = trackArguments(tape, primals, undefined);
  const pooled = <T>(body: () => T): T => (pool === null ? body() : withPool(pool, body));
  const { out, joined } = pooled(() => withTape(tape, () => {
    const result = f(...(callArgs as Args));
    const outLeaves = treeLeaves(result, 'vjp: the value of f');
    // Several output leaves become one vector (reshape is free, concat copies), so that one backward sweep seeded
    // with the concatenated cotangent gives the whole product; no arithmetic touches the seed on the way.
    const joined = outLeaves.length === 1 ? outLeaves[0] : concat(outLeaves.map((t) => reshape(t, [t.size])), 0);
    return { out: result, joined };
  }));
  const outShapes = treeLeaves(out).map((t) => t.shape);
  const pullback = (cotangent: Out): GradientOf<Args> => pooled(() => {
    const parts = treeLeaves(cotangent, 'vjp: cotangent');
    if (parts.length !== outShapes.length) throw new AutodiffError(`vjp: cotangent has ${parts.length} tensor(s), f returned ${outShapes.length}`);
    parts.forEach((t, k) => {
      if (formatShape(t.shape) !== formatShape(outShapes[k])) {
        throw new AutodiffError(`vjp: cotangent leaf ${k} has shape ${formatShape(t.shape)}, f returned ${formatShape(outShapes[k])}`);
      }
    });
    const seed = parts.length === 1 ? parts[0].data : concat(parts.map((t) => reshape(t, [t.size])), 0).data;
    const flat = tape.backward(joined, vars, seed);
    let next = 0;
    return selected.map((arg) => treeMap(arg, () => {
      const k = next++;
      return new Tensor(flat[k], leaves[k].shape);
    })) as GradientOf<Args>;
  });
  return { out, pullback };
}
