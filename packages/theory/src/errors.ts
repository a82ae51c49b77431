import { InputError } from '@mmcl/autodiff';

/**
 * Bad input to a theory check or to verify(): the message is one line naming the field and the fix.
 * @category Errors
 */
export class TheoryInputError extends InputError {
  override readonly name = 'TheoryInputError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
