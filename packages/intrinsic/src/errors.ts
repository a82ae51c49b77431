/**
 * Bad input to @mmcl/intrinsic. The message is one line that names the field and says how to fix it, so the CLI
 * can print it as is.
 */
export class IntrinsicInputError extends Error {
  override readonly name = 'IntrinsicInputError';
}

/**
 * Numerical trouble during training (a NaN or an overflow). The message names the step and the quantity, so a
 * run stops where the trouble started rather than producing silent garbage.
 */
export class NumericalError extends Error {
  override readonly name = 'NumericalError';
}

/** Throws an IntrinsicInputError unless `value` is an integer in [min, max]. */
export function requireInteger(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new IntrinsicInputError(`${field} must be ${range} (got ${value})`);
  }
}

/** Throws an IntrinsicInputError unless `value` is a finite number > 0. */
export function requirePositive(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new IntrinsicInputError(`${field} must be a finite number > 0 (got ${value})`);
  }
}
