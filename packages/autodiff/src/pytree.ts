/**
 * Pytrees (after JAX and jax-js): nested arrays and plain objects whose leaves are tensors, such as
 * `{ layers: [{ weight, bias }, …], logTemperature }`. `grad`, `valueAndGrad` and `vjp` take and return them.
 *
 * Order: leaves are visited depth first, arrays by index and objects by their keys in insertion order (the order
 * `Object.keys` gives). The order only decides which leaf is which; gradients never sum across leaves.
 */
import { AutodiffError } from './errors.js';
import { Tensor } from './tensor.js';

/**
 * A tensor, or an array or plain object of pytrees.
 * @category Differentiation
 */
export type Pytree = Tensor | readonly Pytree[] | { readonly [key: string]: Pytree };

/**
 * The same structure as T with every tensor leaf replaced by a tensor (a gradient of the same shape).
 * @category Differentiation
 */
export type GradientOf<T> = T extends Tensor ? Tensor : { -readonly [K in keyof T]: GradientOf<T[K]> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'object'}`;
  return `a ${typeof value}`;
}

/**
 * The tensor leaves of a pytree in visiting order. `where` names the tree in error messages; a leaf that is not a
 * tensor is an AutodiffError naming its path.
 *
 * @example
 * treeLeaves({ w: tensor([1, 2]), layers: [tensor([3])] }).length; // → 2
 * @category Differentiation
 */
export function treeLeaves(tree: unknown, where = 'pytree'): Tensor[] {
  const leaves: Tensor[] = [];
  const visit = (node: unknown, path: string): void => {
    if (node instanceof Tensor) leaves.push(node);
    else if (Array.isArray(node)) node.forEach((child, k) => visit(child, `${path}[${k}]`));
    else if (isPlainObject(node)) for (const key of Object.keys(node)) visit(node[key], `${path}.${key}`);
    else throw new AutodiffError(`${where}${path}: leaves must be Tensors, got ${describe(node)} (wrap numbers with scalar() or tensor())`);
  };
  visit(tree, '');
  return leaves;
}

/**
 * A copy of the pytree's structure with each tensor leaf replaced by `leaf(tensor, index)`, index counting leaves in
 * visiting order. Trees that passed {@link treeLeaves} are mapped without further checks.
 *
 * @example
 * const doubled = treeMap({ a: tensor([1]), b: [tensor([2])] }, (t) => mul(t, 2)); // { a: [2], b: [[4]] }
 * @category Differentiation
 */
export function treeMap<T>(tree: T, leaf: (t: Tensor, index: number) => Tensor): GradientOf<T> {
  let index = 0;
  const visit = (node: unknown): unknown => {
    if (node instanceof Tensor) return leaf(node, index++);
    if (Array.isArray(node)) return node.map(visit);
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(node)) out[key] = visit(node[key]);
      return out;
    }
    throw new AutodiffError(`treeMap: leaves must be Tensors, got ${describe(node)}`);
  };
  return visit(tree) as GradientOf<T>;
}
