/**
 * Error types of @mmcl/autodiff. Every message is one line that names the operation or field and, where it helps,
 * the fix, e.g. "matmul: inner dimensions differ: [3,4] · [5,2]".
 */

/**
 * Bad input to an autodiff routine (wrong type, out-of-range argument, non-scalar loss, ...).
 *
 * @example
 * try { grad((x: Tensor) => x)(tensor([1, 2])); } catch (e) { if (e instanceof AutodiffError) console.error(e.message); }
 * @category Errors
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
 * try {
 *   matmul(zeros([3, 4]), zeros([5, 2]));
 * } catch (error) {
 *   error instanceof ShapeError; // → true
 *   (error as ShapeError).message; // → "matmul: inner dimensions differ: [3,4] · [5,2]"
 * }
 * @category Errors
 */
export class ShapeError extends AutodiffError {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/**
 * Bad input that the caller can fix: a configuration value, a flag, a file or an argument outside what a routine
 * accepts. The message is one line that names the field and says how to fix it. Every package's input error
 * (ConfigError, IntrinsicInputError, TheoryInputError, ...) extends this class, so one `instanceof InputError`
 * tells bad input (the mmcl command exits with code 2) from a run that failed.
 *
 * @example
 * import { InputError } from '@mmcl/autodiff';
 * const error = new InputError('steps: must be an integer ≥ 1 (got 0); pass --steps 100');
 * error instanceof InputError; // → true
 * @category Errors
 */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Optional parts of a {@link NumericalError} message beyond the step and the quantity.
 * @category Errors
 */
export interface NumericalErrorDetail {
  /** The offending value (NaN, Infinity, ...); without it the message says "is not finite (NaN or overflow)". */
  readonly value?: number;
  /** Where within the step, e.g. "epoch 2, batch 7"; shown in parentheses after the step. */
  readonly context?: string;
  /** What to try instead ("lower eta or sigma0") or a related value ("τ = 0.07"); appended after a semicolon. */
  readonly note?: string;
}

/**
 * Numerical trouble (a NaN or an overflow) that stops a run. The message is one line naming the step and the
 * quantity, "numerical trouble at step 12: loss is NaN", so a run stops where the trouble started rather than
 * producing silent garbage.
 *
 * @example
 * import { NumericalError } from '@mmcl/autodiff';
 * const error = new NumericalError(12, 'loss', { value: Number.NaN });
 * error.message; // → "numerical trouble at step 12: loss is NaN"
 * @category Errors
 */
export class NumericalError extends Error {
  override name = 'NumericalError';
  /** The step at which a non-finite value first appeared. */
  readonly step: number;
  /** The quantity that stopped being finite ("loss", "rho", "gradient entry 3", ...). */
  readonly quantity: string;
  constructor(step: number, quantity: string, detail: NumericalErrorDetail = {}) {
    const where = detail.context ? `step ${step} (${detail.context})` : `step ${step}`;
    const what = detail.value !== undefined ? `is ${detail.value}` : 'is not finite (NaN or overflow)';
    super(`numerical trouble at ${where}: ${quantity} ${what}${detail.note ? `; ${detail.note}` : ''}`);
    this.step = step;
    this.quantity = quantity;
  }
}

/** Renders a shape the way error messages show it: `[3,4]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
