import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AutodiffError, InputError, NumericalError, ShapeError } from '@mmcl/autodiff';

test('InputError is an Error with its own name; the autodiff errors stay separate', () => {
  const error = new InputError('steps: must be an integer ≥ 1 (got 0); pass --steps 100');
  assert.instance(error, Error);
  assert.is(error.name, 'InputError');
  assert.is(error.message, 'steps: must be an integer ≥ 1 (got 0); pass --steps 100');
  assert.not.instance(new ShapeError('matmul: inner dimensions differ'), InputError);
  assert.not.instance(new AutodiffError('x'), InputError);
});

test('a subclass keeps its own name and is still an InputError', () => {
  class PackageInputError extends InputError {
    override readonly name = 'PackageInputError';
  }
  const error = new PackageInputError('k: must be ≥ 2');
  assert.instance(error, InputError);
  assert.is(error.name, 'PackageInputError');
});

test('NumericalError names the step and the quantity in one line', () => {
  const bare = new NumericalError(12, 'loss', { value: Number.NaN });
  assert.is(bare.message, 'numerical trouble at step 12: loss is NaN');
  assert.is(bare.name, 'NumericalError');
  assert.is(bare.step, 12);
  assert.is(bare.quantity, 'loss');
  assert.not.instance(bare, InputError);
  assert.is(new NumericalError(3, 'rho').message, 'numerical trouble at step 3: rho is not finite (NaN or overflow)');
  const full = new NumericalError(7, 'gradient entry 4', { value: Infinity, context: 'epoch 1, batch 2', note: 'try a smaller learning rate' });
  assert.is(full.message, 'numerical trouble at step 7 (epoch 1, batch 2): gradient entry 4 is Infinity; try a smaller learning rate');
  assert.not.ok(full.message.includes('\n'));
});

test.run();
