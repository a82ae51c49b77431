/**
 * Error types of @mmcl/autodiff. Every message is one line that names the operation or field and, where it helps,
 * the fix, e.g. "matmul: inner dimensions differ: [3,4] · [5,2]".
 */

/**
 * Bad input to an autodiff routine (wrong type, out-of-range argument, non-scalar loss, ...).
 *
 * @example
 * try { grad((x: Tensor) => x)(tensor([1, 2])); } catch (e) { if (e instanceof AutodiffError) console.error(e.message); }
 */
export class AutodiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AutodiffError';
  }
}

/**
 * Shapes that do not fit together; the message names both shapes.
 *
 * @example
 * matmul(zeros([3, 4]), zeros([5, 2])); // throws ShapeError "matmul: inner dimensions differ: [3,4] · [5,2]"
 */
export class ShapeError extends AutodiffError {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** Renders a shape the way error messages show it: `[3,4]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
