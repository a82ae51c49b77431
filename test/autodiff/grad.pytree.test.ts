import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AutodiffError, Tensor, add, grad, gradcheck, linear, mean, mul, relu, reusableVjp, square, sum, tensor, treeLeaves, treeMap, valueAndGrad, vjp,
} from '@mmcl/autodiff';
import { bitwiseEqual, randomTensor } from './helpers.js';

interface Layer { weight: Tensor; bias: Tensor }
interface Params { layers: Layer[]; scale: Tensor }

function params(seed: number): Params {
  return {
    layers: [
      { weight: randomTensor([4, 3], seed), bias: randomTensor([4], seed + 1) },
      { weight: randomTensor([2, 4], seed + 2), bias: randomTensor([2], seed + 3) },
    ],
    scale: randomTensor([], seed + 4),
  };
}

function mlpLoss(p: Params, x: Tensor): Tensor {
  const h = relu(linear(x, p.layers[0].weight, p.layers[0].bias));
  return mul(mean(square(linear(h, p.layers[1].weight, p.layers[1].bias))), p.scale);
}

test('valueAndGrad over a pytree returns gradients in the same structure and shapes, equal bit for bit to the positional API', () => {
  const p = params(1);
  const x = randomTensor([5, 3], 9);
  const { value, grads } = valueAndGrad(mlpLoss, { argnums: 0 })(p, x);
  assert.equal(Object.keys(grads), ['layers', 'scale']);
  assert.is(grads.layers.length, 2);
  assert.equal(grads.layers[1].weight.shape, [2, 4]);
  assert.equal(grads.scale.shape, []);
  const flat = (w0: Tensor, b0: Tensor, w1: Tensor, b1: Tensor, s: Tensor) =>
    mlpLoss({ layers: [{ weight: w0, bias: b0 }, { weight: w1, bias: b1 }], scale: s }, x);
  const positional = valueAndGrad(flat)(...(treeLeaves(p) as [Tensor, Tensor, Tensor, Tensor, Tensor]));
  assert.is(value, positional.value);
  treeLeaves(grads).forEach((g, k) => assert.ok(bitwiseEqual(g.data, positional.grads[k].data), `leaf ${k}`));
});

test('gradcheck over a pytree: gradcheck of the loss as a function of the leaves, and the pytree gradient against differences', () => {
  const p = params(2);
  const x = randomTensor([6, 3], 10);
  const rebuild = (leaves: Tensor[]) => treeMap(p, (_t, k) => leaves[k]) as Params;
  const result = gradcheck((...leaves) => mlpLoss(rebuild(leaves), x), treeLeaves(p), { mode: 'full' });
  assert.ok(result.ok, JSON.stringify(result.failures));
  // The pytree API itself, at gradcheck's point, along random directions over all leaves together (4th-order stencil).
  const point = rebuild(result.point);
  const { grads } = valueAndGrad(mlpLoss, { argnums: 0 })(point, x);
  const h = 1e-4;
  for (const seed of [40, 41, 42]) {
    const direction = treeMap(point, (t, k) => randomTensor(t.shape, seed * 10 + k));
    const at = (t: number) => mlpLoss(treeMap(point, (leaf, k) => add(leaf, mul(treeLeaves(direction)[k], t * h))) as Params, x).item();
    const numeric = (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * h);
    let analytic = 0;
    treeLeaves(grads).forEach((g, k) => g.data.forEach((v, i) => { analytic += v * treeLeaves(direction)[k].data[i]; }));
    assert.ok(Math.abs(numeric - analytic) <= 1e-8 + 1e-6 * Math.abs(analytic), `direction ${seed}: ${numeric} vs ${analytic}`);
  }
});

test('default argnums: every argument is differentiated and the grads mirror the argument list', () => {
  const [ga, gb] = grad((a: { u: Tensor }, b: Tensor[]) => sum(mul(a.u, add(b[0], b[1]))))({ u: tensor([1, 2]) }, [tensor([3, 4]), tensor([5, 6])]);
  assert.equal(Array.from(ga.u.data), [8, 10]);
  assert.equal(Array.from(gb[0].data), [1, 2]);
  assert.equal(Array.from(gb[1].data), [1, 2]);
});

test('a leaf used twice in the tree gets two separate gradients; the caller\'s tensors are untouched', () => {
  const x = tensor([1, 2]);
  const g = grad((p: { a: Tensor; b: Tensor }) => sum(mul(mul(p.a, p.a), p.b)), { argnums: 0 })({ a: x, b: x });
  assert.equal(Array.from(g.a.data), [2, 8]);
  assert.equal(Array.from(g.b.data), [1, 4]);
  assert.equal(Array.from(x.data), [1, 2]);
});

test('hasAux passes the aux value through; argnums leaves other arguments as they are', () => {
  const data = { rows: 2, values: new Float64Array([1, 2]) };
  const { value, grads, aux } = valueAndGrad((w: Tensor, d: typeof data) => {
    const y = mul(w, tensor(d.values));
    return [sum(y), { first: y.data[0] }] as const;
  }, { argnums: 0, hasAux: true })(tensor([3, 4]), data);
  assert.is(value, 11);
  assert.equal(Array.from(grads.data), [1, 2]);
  assert.equal(aux, { first: 3 });
});

test('bad pytrees and options are clear errors naming the path', () => {
  assert.throws(() => grad((p: { w: Tensor; n: number }) => sum(p.w))({ w: tensor([1]), n: 3 }), (e: Error) =>
    e instanceof AutodiffError && e.message === 'grad: argument 0.n: leaves must be Tensors, got a number (wrap numbers with scalar() or tensor())');
  assert.throws(() => grad((x: Tensor, d: Float64Array) => sum(x))(tensor([1]), new Float64Array(1)), /argument 1: leaves must be Tensors, got a Float64Array/);
  assert.throws(() => grad((x: Tensor) => sum(x), { argnums: 1 })(tensor([1])), /argnums 1 is out of range for 1 argument/);
  assert.throws(() => valueAndGrad((x: Tensor) => sum(x) as unknown as [Tensor, number], { hasAux: true })(tensor([1])), /with hasAux, f must return \[loss, aux\]/);
});

test('vjp: pullback of a chosen cotangent equals the gradient of ⟨cotangent, f⟩, for a pytree output; reusable', () => {
  const p = params(3);
  const x = randomTensor([5, 3], 11);
  const f = (q: Params) => ({ hidden: relu(linear(x, q.layers[0].weight, q.layers[0].bias)), scaled: mul(q.scale, 2) });
  const { out, pullback } = vjp(f, p);
  assert.equal(out.hidden.shape, [5, 4]);
  for (const seed of [20, 30]) {
    const cotangent = { hidden: randomTensor([5, 4], seed), scaled: randomTensor([], seed + 1) };
    const [viaVjp] = pullback(cotangent);
    const viaGrad = grad((q: Params) => {
      const y = f(q);
      return add(sum(mul(y.hidden, cotangent.hidden)), sum(mul(y.scaled, cotangent.scaled)));
    })(p)[0];
    treeLeaves(viaVjp).forEach((g, k) => {
      const expected = treeLeaves(viaGrad)[k];
      for (let i = 0; i < g.size; i++) assert.ok(Math.abs(g.data[i] - expected.data[i]) <= 1e-14 * Math.max(1, Math.abs(expected.data[i])), `leaf ${k}`);
    });
  }
  assert.throws(() => pullback({ hidden: tensor([1]), scaled: tensor(1) } as never), /cotangent leaf 0 has shape \[1\], f returned \[5,4\]/);
});

test('vjp of a single tensor output seeds the tape with the cotangent itself (bit for bit a weighted gradient)', () => {
  const x = randomTensor([3], 4);
  const { pullback } = vjp((t: Tensor) => mul(t, t), x);
  const [dx] = pullback(tensor([1, 0, -1]));
  assert.equal(Array.from(dx.data), [2 * x.data[0], 0, -2 * x.data[2]]);
});

test('reuseBuffers: the same bits as fresh arrays, call after call, with the previous call\'s arrays reused', () => {
  const x = randomTensor([5, 3], 12);
  const plain = valueAndGrad(mlpLoss, { argnums: 0 });
  const reusing = valueAndGrad(mlpLoss, { argnums: 0, reuseBuffers: true });
  let previous: Float64Array | null = null;
  let reusedOnce = false;
  for (const seed of [5, 6, 7]) {
    const p = params(seed);
    const expected = plain(p, x);
    const got = reusing(p, x);
    assert.is(got.value, expected.value);
    treeLeaves(got.grads).forEach((g, k) => assert.ok(bitwiseEqual(g.data, treeLeaves(expected.grads)[k].data), `seed ${seed}, leaf ${k}`));
    const first = treeLeaves(got.grads)[0].data;
    if (previous !== null && first.buffer === previous.buffer) reusedOnce = true;
    previous = first;
  }
  assert.ok(reusedOnce, 'a gradient array of one call is reused by the next');
});

test('reusableVjp: the values and pullbacks of vjp bit for bit, call after call, with the previous call\'s arrays reused', () => {
  const x = randomTensor([6, 3], 21);
  const hidden = (p: Params) => relu(linear(x, p.layers[0].weight, p.layers[0].bias));
  const reusing = reusableVjp(hidden);
  for (const seed of [31, 32, 33]) {
    const p = params(seed);
    const expected = vjp(hidden, p);
    const got = reusing(p);
    assert.ok(bitwiseEqual(got.out.data, expected.out.data), `seed ${seed}: value`);
    const cotangent = randomTensor([6, 4], seed + 100);
    const [want] = expected.pullback(cotangent);
    const [have] = got.pullback(cotangent);
    treeLeaves(have).forEach((g, k) => assert.ok(bitwiseEqual(g.data, treeLeaves(want)[k].data), `seed ${seed}, leaf ${k}`));
  }
});

test.run();
