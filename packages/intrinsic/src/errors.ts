import { InputError } from '@mmcl/autodiff';

/**
 * Bad input to @mmcl/intrinsic. The message is one line that names the field and says how to fix it, so the CLI
 * can print it as is. Numerical trouble during training is the shared NumericalError of @mmcl/autodiff.
 * @category Errors
 */
export class IntrinsicInputError extends InputError {
  override readonly name = 'IntrinsicInputError';
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
