import fc from 'fast-check';
import * as math from 'mathjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Tensor, abs, add, div, exp, grad, gradcheck, log, log1p, mul, neg, relu, sigmoid, softplus, sqrt, square, sub, sum,
  tanh, tensor, toNested, where, ShapeError,
} from '@mmcl/autodiff';
import { allClose, broadcastPairArb, randomTensor, seedArb, shapeArb } from '../helpers.js';

const binaries = { add, sub, mul, div } as const;
const mathjsBinaries = { add: math.add, sub: math.subtract, mul: math.dotMultiply, div: math.dotDivide } as const;

/** A weighted sum, so every output entry has a distinct weight in the check. */
function weightedSum(t: Tensor, seed: number): Tensor {
  return sum(mul(t, randomTensor(t.shape, seed + 7)));
}

for (const name of Object.keys(binaries) as (keyof typeof binaries)[]) {
  test(`${name}: forward matches mathjs and gradient passes gradcheck under broadcasting`, () => {
    fc.assert(
      fc.property(broadcastPairArb, seedArb, ({ out, a: sa, b: sb }, seed) => {
        const a = randomTensor(sa, seed);
        // Keep divisors away from 0 so the check is well conditioned.
        const b = name === 'div' ? add(abs(randomTensor(sb, seed + 1)), 0.5) : randomTensor(sb, seed + 1);
        const y = binaries[name](a, b);
        assert.equal(y.shape, out);
        const mathjsOp = mathjsBinaries[name] as (x: unknown, y: unknown) => math.MathArray | number;
        const expected = mathjsOp(toNested(a), toNested(b));
        const flat = typeof expected === 'number' ? [expected] : (math.flatten(expected) as number[]);
        assert.ok(allClose(y.data, flat, 1e-15));
        const check = gradcheck((x, z) => weightedSum(binaries[name](x, z), seed), [a, b]);
        assert.ok(check.ok, JSON.stringify(check.failures));
        assert.ok(check.checked > 0);
      }),
    );
  });
}

test('binary ops accept plain numbers on either side', () => {
  assert.equal(Array.from(sub(10, tensor([1, 2])).data), [9, 8]);
  assert.equal(Array.from(div(tensor([1, 2]), 2).data), [0.5, 1]);
  const [g] = grad((x: Tensor) => sum(mul(3, x)))(tensor([1, 2]));
  assert.equal(Array.from(g.data), [3, 3]);
});

test('a broadcasting mismatch names both shapes', () => {
  assert.throws(() => add(tensor([[1, 2, 3]]), tensor([[1, 2], [3, 4]])), (e: Error) =>
    e instanceof ShapeError && e.message.includes('[1,3]') && e.message.includes('[2,2]'));
});

const unaries: [string, (t: Tensor) => Tensor, (x: number) => number, (x: number) => number, (seed: number, shape: number[]) => Tensor][] = [
  ['neg', neg, (x) => -x, () => -1, (s, sh) => randomTensor(sh, s)],
  ['exp', exp, Math.exp, Math.exp, (s, sh) => randomTensor(sh, s)],
  ['log', log, Math.log, (x) => 1 / x, (s, sh) => add(abs(randomTensor(sh, s)), 0.5)],
  ['log1p', log1p, Math.log1p, (x) => 1 / (1 + x), (s, sh) => add(abs(randomTensor(sh, s)), -0.5)],
  ['sqrt', sqrt, Math.sqrt, (x) => 0.5 / Math.sqrt(x), (s, sh) => add(abs(randomTensor(sh, s)), 0.5)],
  ['square', square, (x) => x * x, (x) => 2 * x, (s, sh) => randomTensor(sh, s)],
  ['abs', abs, Math.abs, Math.sign, (s, sh) => randomTensor(sh, s)],
  ['relu', relu, (x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0), (s, sh) => randomTensor(sh, s)],
  ['sigmoid', sigmoid, (x) => 1 / (1 + Math.exp(-x)), (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2, (s, sh) => randomTensor(sh, s, 3)],
  ['tanh', tanh, Math.tanh, (x) => 1 - Math.tanh(x) ** 2, (s, sh) => randomTensor(sh, s)],
  ['softplus', softplus, (x) => Math.log(1 + Math.exp(x)), (x) => 1 / (1 + Math.exp(-x)), (s, sh) => randomTensor(sh, s, 3)],
];

for (const [name, op, value, derivative, make] of unaries) {
  test(`${name}: forward and derivative match the closed form; gradcheck passes`, () => {
    fc.assert(
      fc.property(shapeArb(3, 4), seedArb, (shape, seed) => {
        const x = make(seed, shape);
        const y = op(x);
        assert.equal(y.shape, x.shape);
        assert.ok(allClose(y.data, Array.from(x.data, value), 1e-14));
        const [g] = grad((t: Tensor) => sum(op(t)))(x);
        assert.ok(allClose(g.data, Array.from(x.data, derivative), 1e-13));
        const check = gradcheck((t) => weightedSum(op(t), seed), [x]);
        assert.ok(check.ok, JSON.stringify(check.failures));
      }),
    );
  });
}

test("relu'(0) = 0 and abs'(0) = 0 exactly (the documented kink conventions)", () => {
  const x = tensor([-1, 0, 2]);
  assert.equal(Array.from(grad((t: Tensor) => sum(relu(t)))(x)[0].data), [0, 0, 1]);
  assert.equal(Array.from(grad((t: Tensor) => sum(abs(t)))(x)[0].data), [-1, 0, 1]);
});

test('sigmoid and softplus do not overflow at large |x|', () => {
  const x = tensor([-1000, 1000]);
  assert.equal(Array.from(sigmoid(x).data), [0, 1]);
  assert.equal(Array.from(softplus(x).data), [0, 1000]);
});

test('where: picks by mask, broadcasts, routes gradients to the chosen side only', () => {
  fc.assert(
    fc.property(broadcastPairArb, seedArb, ({ out, a: sa, b: sb }, seed) => {
      const a = randomTensor(sa, seed);
      const b = randomTensor(sb, seed + 1);
      const mask = new Tensor(randomTensor(out, seed + 2).data.map((v) => (v > 0 ? 1 : 0)), out);
      const y = where(mask, a, b);
      const expected = add(mul(mask, a), mul(sub(1, mask), b));
      assert.ok(allClose(y.data, expected.data, 0));
      const check = gradcheck((x, z) => weightedSum(where(mask, x, z), seed), [a, b]);
      assert.ok(check.ok, JSON.stringify(check.failures));
    }),
  );
});

test('where with a −Infinity fill masks entries with zero gradient to the fill', () => {
  const [g] = grad((x: Tensor) => sum(exp(where(tensor([1, 0, 1]), x, -Infinity))))(tensor([0, 5, 1]));
  assert.equal(Array.from(g.data), [1, 0, Math.E]);
});

test.run();
