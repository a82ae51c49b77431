import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as autodiff from '@mmcl/autodiff';
import { AutodiffError, Tensor, add, grad, mul, sum, tensor } from '@mmcl/autodiff';
import { rules } from '../../packages/autodiff/src/rules/index.js';

test('every rule in the table has a forward and a backward, and a public function of the same name', () => {
  const names = Object.keys(rules);
  assert.ok(names.length >= 30);
  for (const name of names) {
    const rule = (rules as Record<string, { forward?: unknown; backward?: unknown }>)[name];
    assert.type(rule.forward, 'function', name);
    assert.type(rule.backward, 'function', name);
    assert.type((autodiff as Record<string, unknown>)[name], 'function', `${name} is exported`);
  }
});

test('numbers are accepted as operands and are constants', () => {
  const [g] = grad((x: Tensor) => sum(add(mul(x, 2), 1)))(tensor([1, 2]));
  assert.equal(Array.from(g.data), [2, 2]);
});

test('a non-tensor operand is a one-line error naming the op', () => {
  assert.throws(() => add('3' as unknown as number, tensor([1])), (e: Error) =>
    e instanceof AutodiffError && e.message === 'add: expected a Tensor or a number, got string');
});

test.run();
