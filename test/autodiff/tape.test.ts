import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Tensor, add, concat, createStreams, exp, gatherRows, grad, logSoftmax, matmul, matmulNT, mean, mul, relu, sliceRows,
  stopGradient, sum, tensor, where,
} from '@mmcl/autodiff';
import { Tape, withTape } from '../../packages/autodiff/src/tape.js';
import { bitwiseEqual } from './helpers.js';

/** A small InfoNCE-like loss touching most ops, with many accumulations into W. */
function loss(seed: number) {
  const streams = createStreams(seed);
  const x = new Tensor(streams.data.normal(12 * 7), [12, 7]);
  const w = new Tensor(streams.init.normal(5 * 7, 0.3), [5, 7]);
  const f = (weights: Tensor) => {
    const h = relu(matmulNT(x, weights));
    const sim = matmulNT(h, stopGradient(h));
    const mask = new Tensor(new Float64Array(144).map((_, i) => ((i % 12) + Math.floor(i / 12)) % 2), [12, 12]);
    const logits = where(mask, sim, -Infinity);
    const picked = gatherRows(concat([logSoftmax(logits, 1), sliceRows(logits, 0, 1)], 0), [0, 3, 3, 5]);
    return add(mean(where(sliceRows(mask, 0, 4), picked, 0)), mul(sum(exp(mul(weights, 0.1))), 1e-3));
  };
  return { f, w };
}

test('the same seed gives identical value and gradient bits in two runs', () => {
  const run = () => {
    const { f, w } = loss(7);
    const [g] = grad(f)(w);
    return { value: f(w).data[0], g: g.data };
  };
  const first = run();
  const second = run();
  assert.ok(Object.is(first.value, second.value));
  assert.ok(bitwiseEqual(first.g, second.g));
  const other = loss(8);
  assert.not.ok(bitwiseEqual(grad(other.f)(other.w)[0].data, first.g));
});

test('two separate processes with the same seed print identical value and gradient bits', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'determinism-run.ts');
  const run = (seed: number) =>
    execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', script, String(seed)], { encoding: 'utf8' }).trim();
  const first = run(3);
  assert.ok(/^[0-9a-f]+:[0-9a-f]+$/.test(first) && first.length > 1000, first.slice(0, 80));
  assert.is(run(3), first);
  assert.is.not(run(4), first);
});

test('the tape records ops in execution order, only those that depend on a variable', () => {
  const tape = new Tape();
  const x = tape.track(tensor([1, 2]));
  const c = tensor([3, 4]);
  withTape(tape, () => {
    mul(c, c); // constant: not recorded
    const y = mul(x, c);
    sum(relu(y));
  });
  assert.equal(tape.entries.map((e) => e.op), ['mul', 'relu', 'sum']);
  assert.ok(Array.isArray(tape.entries));
});

test('nothing is recorded outside grad (ops are plain forward computations)', () => {
  const a = tensor([[1, 2]]);
  const b = matmul(a, tensor([[1], [1]]));
  assert.is(b.tapeId, 0);
});

test.run();
