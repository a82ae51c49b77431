/** Reverse-mode differentiation of scalar functions of tensors. */
import { AutodiffError, formatShape } from './errors.js';
import { Tape, withTape } from './tape.js';
import { Tensor } from './tensor.js';

export interface ValueAndGrad {
  /** f(...xs) */
  value: number;
  /** ∂f/∂xs[k], one per argument, each in its argument's shape. */
  grads: Tensor[];
}

/**
 * Turns a scalar function of tensors into a function that returns its value and the gradient with respect to every
 * argument. Arguments the result does not depend on get zero gradients. `f` must return a tensor with one entry.
 *
 * @example
 * const f = (x: Tensor, y: Tensor) => sum(mul(x, y));
 * const { value, grads } = valueAndGrad(f)(tensor([1, 2]), tensor([3, 4]));
 * // value = 11, grads = [[3, 4], [1, 2]]
 */
export function valueAndGrad<Args extends Tensor[]>(f: (...xs: Args) => Tensor): (...xs: Args) => ValueAndGrad {
  return (...xs: Args) => {
    xs.forEach((x, k) => {
      if (!(x instanceof Tensor)) throw new AutodiffError(`grad: argument ${k} must be a Tensor (wrap numbers with scalar())`);
    });
    const tape = new Tape();
    // Fresh wrappers, so the same tensor passed twice gets two gradients and the caller's tensors are untouched.
    const vars = xs.map((x) => tape.track(new Tensor(x.data, x.shape))) as Args;
    return withTape(tape, () => {
      const out = f(...vars);
      if (!(out instanceof Tensor)) {
        throw new AutodiffError(`grad: f must return a Tensor, got ${out === null ? 'null' : typeof out}`);
      }
      if (out.size !== 1) {
        throw new AutodiffError(`grad: f must return a scalar, got shape ${formatShape(out.shape)} (reduce it with sum or mean)`);
      }
      const grads = tape.backward(out, vars);
      return { value: out.data[0], grads: grads.map((g, k) => new Tensor(g, xs[k].shape)) };
    });
  };
}

/**
 * The gradient of a scalar function of tensors with respect to each argument.
 *
 * @example
 * const [dx] = grad((x: Tensor) => sum(square(x)))(tensor([1, 2, 3]));
 * // dx.data = [2, 4, 6]
 */
export function grad<Args extends Tensor[]>(f: (...xs: Args) => Tensor): (...xs: Args) => Tensor[] {
  const vg = valueAndGrad(f);
  return (...xs: Args) => vg(...xs).grads;
}
