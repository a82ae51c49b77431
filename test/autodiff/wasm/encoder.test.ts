import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { F64, I32, ModuleBuilder, V128, signedLeb128, unsignedLeb128 } from '../../../packages/autodiff/src/wasm/encoder.js';

test('LEB128: the specification examples and the i32 extremes', () => {
  assert.equal(unsignedLeb128(0), [0]);
  assert.equal(unsignedLeb128(127), [0x7f]);
  assert.equal(unsignedLeb128(128), [0x80, 0x01]);
  assert.equal(unsignedLeb128(624485), [0xe5, 0x8e, 0x26]);
  assert.equal(unsignedLeb128(0xffffffff), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.equal(signedLeb128(-1), [0x7f]);
  assert.equal(signedLeb128(63), [0x3f]);
  assert.equal(signedLeb128(64), [0xc0, 0x00]);
  assert.equal(signedLeb128(-123456), [0xc0, 0xbb, 0x78]);
  assert.equal(signedLeb128(-0x80000000), [0x80, 0x80, 0x80, 0x80, 0x78]);
  assert.throws(() => unsignedLeb128(-1), /not a u32/);
  assert.throws(() => signedLeb128(2 ** 31), /not an i32/);
});

test('a built module validates and runs: i32 arithmetic, a loop with a branch, f64x2 multiply-add over memory', () => {
  const module = new ModuleBuilder();
  const add = module.addFunction('add', [I32, I32], [I32]);
  add.body.get(add.body.param(0)).get(add.body.param(1)).i32Add();
  // sum(n) = 0 + 1 + ... + (n − 1), with a counted loop
  const sum = module.addFunction('sum', [I32], [I32]);
  {
    const f = sum.body;
    const [i, total] = [f.local(I32), f.local(I32)];
    f.block(() => f.loop(() => {
      f.get(i).get(f.param(0)).i32GeU().brIf(1);
      f.get(total).get(i).i32Add().set(total);
      f.get(i).i32(1).i32Add().set(i).br(0);
    }));
    f.get(total);
  }
  // axpy2(x, y, out): out[0..1] = x[0..1]·y[0..1] + out[0..1] (f64x2), and out[2] = x[2]·y[2] + out[2] (f64)
  const axpy = module.addFunction('axpy2', [I32, I32, I32]);
  {
    const f = axpy.body;
    const [x, y, out] = [f.param(0), f.param(1), f.param(2)];
    const v = f.local(V128);
    f.get(x).v128Load().get(y).v128Load().f64x2Mul().set(v);
    f.get(out).get(out).v128Load().get(v).f64x2Add().v128Store();
    f.get(out).get(x).f64Load(16).get(y).f64Load(16).f64Mul().get(out).f64Load(16).f64Add().f64Store(16);
  }
  const bytes = module.encode();
  assert.ok(WebAssembly.validate(bytes));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as Record<string, (...args: number[]) => number>;
  assert.is(exports.add(2, 40), 42);
  assert.is(exports.sum(10), 45);
  const heap = new Float64Array(memory.buffer);
  heap.set([1, 2, 3], 0);
  heap.set([4, 5, 6], 4);
  heap.set([0.5, 0.25, 0.125], 8);
  exports.axpy2(0, 32, 64);
  assert.equal(Array.from(heap.subarray(8, 11)), [4.5, 10.25, 18.125]);
  assert.is(F64, 0x7c);
});

test.run();
