import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { getBackend, linear, mean, relu, reusableVjp, setBackend, square, Tensor, treeLeaves, valueAndGrad, wasmArray } from '@mmcl/autodiff';
import { bitwiseEqual, randomTensor } from './helpers.js';

interface Layer { weight: Tensor; bias: Tensor }

const layers = (seed: number): Layer[] => [
  { weight: randomTensor([16, 8], seed), bias: randomTensor([16], seed + 1) },
  { weight: randomTensor([3, 16], seed + 2), bias: randomTensor([3], seed + 3) },
];

function loss(p: Layer[], x: Tensor): Tensor {
  return mean(square(linear(relu(linear(x, p[0].weight, p[0].bias)), p[1].weight, p[1].bias)));
}

/** The kernels' WebAssembly memory as it is now. */
function wasmBuffer(): ArrayBufferLike {
  const probe = wasmArray(0);
  const buffer = probe.data.buffer;
  probe.free();
  return buffer;
}

/** Whether `a` lives in the kernels' WebAssembly memory. */
function resident(a: Float64Array): boolean {
  return a.buffer === wasmBuffer();
}

test('reuseBuffers on the wasm backend: from the second call on the arrays are resident in wasm memory, with the same bits as fresh arrays', () => {
  const initial = getBackend();
  setBackend('wasm');
  try {
    const x = randomTensor([40, 8], 3);
    const plain = valueAndGrad(loss, { argnums: 0 });
    const reusing = valueAndGrad(loss, { argnums: 0, reuseBuffers: true });
    const residency: boolean[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const expected = plain(layers(seed), x);
      const got = reusing(layers(seed), x);
      assert.is(got.value, expected.value);
      treeLeaves(got.grads).forEach((g, k) => assert.ok(bitwiseEqual(g.data, treeLeaves(expected.grads)[k].data), `seed ${seed}, leaf ${k}`));
      residency.push(resident(treeLeaves(got.grads)[0].data));
      assert.not.ok(resident(treeLeaves(expected.grads)[0].data));
    }
    assert.equal(residency, [false, true, true, true]);
  } finally {
    setBackend(initial);
  }
});

test('reuseBuffers: a call during which wasm memory grows (f allocates resident memory) is run again on plain arrays and gives the same bits', () => {
  const initial = getBackend();
  setBackend('wasm');
  try {
    const x = randomTensor([40, 8], 5);
    let grow = false;
    let calls = 0;
    const growing = (p: Layer[], input: Tensor) => {
      calls++;
      const h = relu(linear(input, p[0].weight, p[0].bias));
      if (grow) {
        grow = false;
        wasmArray(wasmBuffer().byteLength / 8 + 1).free(); // more than the memory holds: it must grow
      }
      return mean(square(linear(h, p[1].weight, p[1].bias)));
    };
    const plain = valueAndGrad(loss, { argnums: 0 });
    const reusing = valueAndGrad(growing, { argnums: 0, reuseBuffers: true });
    for (const seed of [1, 2, 3]) {
      grow = seed === 3;
      const before = calls;
      const got = reusing(layers(seed), x);
      const expected = plain(layers(seed), x);
      assert.is(calls - before, seed === 3 ? 2 : 1, `seed ${seed}: calls of f`);
      assert.is(got.value, expected.value);
      treeLeaves(got.grads).forEach((g, k) => assert.ok(bitwiseEqual(g.data, treeLeaves(expected.grads)[k].data), `seed ${seed}, leaf ${k}`));
    }
  } finally {
    setBackend(initial);
  }
});

test('a pool does not lay out its resident arena while a reusableVjp trace awaits its pullback (growth would detach that trace\'s arrays)', () => {
  const initial = getBackend();
  setBackend('wasm');
  try {
    const x = randomTensor([40, 8], 7);
    const hidden = reusableVjp((p: Layer[]) => relu(linear(x, p[0].weight, p[0].bias)));
    const head = valueAndGrad((h: Tensor) => mean(square(h)), { reuseBuffers: true });
    for (const seed of [1, 2, 3, 4]) {
      const { out, pullback } = hidden(layers(seed));
      const value = out.data.slice();
      const [dh] = head(out).grads;
      assert.ok(bitwiseEqual(out.data, value), `seed ${seed}: the open trace's value stays attached`);
      assert.not.ok(resident(dh.data), `seed ${seed}: the head's arrays stay plain while the trace is open`);
      pullback(dh);
    }
    assert.ok(resident(hidden(layers(5)).out.data), 'the trace itself is resident');
  } finally {
    setBackend(initial);
  }
});

test('reuseBuffers on the js backend keeps plain arrays', () => {
  const initial = getBackend();
  setBackend('js');
  try {
    const reusing = valueAndGrad(loss, { argnums: 0, reuseBuffers: true });
    const x = randomTensor([4, 8], 3);
    reusing(layers(1), x);
    assert.not.ok(resident(treeLeaves(reusing(layers(2), x).grads)[0].data));
  } finally {
    setBackend(initial);
  }
});

test.run();
