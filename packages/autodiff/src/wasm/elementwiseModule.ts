/**
 * Generates the WebAssembly module of the elementwise kernels that sit between the gemms of a dense network: the
 * bias pass (with an optional ReLU), ReLU forward and backward, and the column sums of a gradient (a bias
 * gradient). Every kernel runs f64x2 lanes over adjacent entries and a scalar tail for an odd count.
 *
 * Same bits as the TypeScript loops of ../kernels.ts, entry by entry:
 * - bias: one IEEE addition c + b; ReLU as f64x2.pmax(0, v), which is exactly `v > 0 ? v : 0` (NaN and −0 give +0);
 * - ReLU backward: g AND (x > 0 mask), exactly `x > 0 ? g : 0`;
 * - column sums: each lane is one column's running sum from +0 over the rows in order 0, 1, …, rows − 1.
 *
 * Internal to @mmcl/autodiff.
 */
import { F64, I32, type FunctionBuilder, type Local, ModuleBuilder } from './encoder.js';
import { forRange } from './gemmModule.js';

const BYTES = 8;
const PAIR = 16;

/** end = base + (count & ~1)·8: the end of the f64x2 part of `count` entries at `base`. */
function pairEnd(f: FunctionBuilder, base: Local, count: Local, end: Local): void {
  f.get(base).get(count).i32(-2).i32And().i32(BYTES).i32Mul().i32Add().set(end);
}

/** Pushes `v > 0 ? v : 0` for the f64 in local `v`. */
function scalarRelu(f: FunctionBuilder, v: Local): void {
  f.get(v).f64Zero().get(v).f64Zero().f64Gt().select();
}

/** bias(c, b, rows, cols, relu): c[i][o] ← c[i][o] + b[o], then max-with-0 when relu ≠ 0, in place. */
function addBias(module: ModuleBuilder): void {
  const { body: f } = module.addFunction('bias', [I32, I32, I32, I32, I32]);
  const [c, b, rows, cols, relu] = Array.from({ length: 5 }, (_, i) => f.param(i));
  const [i, row, p, bp, rowEnd] = Array.from({ length: 5 }, () => f.local(I32));
  const v = f.local(F64);
  const pass = (withRelu: boolean) => forRange(f, i, () => f.i32(0), rows, 1, () => {
    // row = c + i·cols·8 (forRange's step must be a constant, so rows are counted, not stepped through)
    f.get(c).get(i).get(cols).i32Mul().i32(BYTES).i32Mul().i32Add().set(row);
    pairEnd(f, row, cols, rowEnd);
    f.get(b).set(bp);
    forRange(f, p, () => f.get(row), rowEnd, PAIR, () => {
      f.get(p);
      if (withRelu) f.v128Zero();
      f.get(p).v128Load().get(bp).v128Load().f64x2Add();
      if (withRelu) f.f64x2Pmax();
      f.v128Store();
      f.get(bp).i32(PAIR).i32Add().set(bp);
    });
    f.get(cols).i32(1).i32And().ifElse(() => {
      f.get(rowEnd).f64Load().get(bp).f64Load().f64Add().set(v);
      f.get(rowEnd);
      if (withRelu) scalarRelu(f, v);
      else f.get(v);
      f.f64Store();
    });
  });
  f.get(relu).ifElse(() => pass(true), () => pass(false));
}

/** relu(x, out, n): out[i] = x[i] > 0 ? x[i] : 0. */
function relu(module: ModuleBuilder): void {
  const { body: f } = module.addFunction('relu', [I32, I32, I32]);
  const [x, out, n] = Array.from({ length: 3 }, (_, i) => f.param(i));
  const [i, end, zero] = Array.from({ length: 3 }, () => f.local(I32));
  const v = f.local(F64);
  f.i32(0).set(zero);
  pairEnd(f, zero, n, end);
  forRange(f, i, () => f.i32(0), end, PAIR, () => {
    f.get(out).get(i).i32Add().v128Zero().get(x).get(i).i32Add().v128Load().f64x2Pmax().v128Store();
  });
  f.get(n).i32(1).i32And().ifElse(() => {
    f.get(x).get(end).i32Add().f64Load().set(v);
    f.get(out).get(end).i32Add();
    scalarRelu(f, v);
    f.f64Store();
  });
}

/** reluBackward(g, x, out, n): out[i] = x[i] > 0 ? g[i] : 0. */
function reluBackward(module: ModuleBuilder): void {
  const { body: f } = module.addFunction('reluBackward', [I32, I32, I32, I32]);
  const [g, x, out, n] = Array.from({ length: 4 }, (_, i) => f.param(i));
  const [i, end, zero] = Array.from({ length: 3 }, () => f.local(I32));
  f.i32(0).set(zero);
  pairEnd(f, zero, n, end);
  forRange(f, i, () => f.i32(0), end, PAIR, () => {
    f.get(out).get(i).i32Add();
    f.get(g).get(i).i32Add().v128Load();
    f.get(x).get(i).i32Add().v128Load().v128Zero().f64x2Gt();
    f.v128And().v128Store();
  });
  f.get(n).i32(1).i32And().ifElse(() => {
    f.get(out).get(end).i32Add();
    f.get(g).get(end).i32Add().f64Load().f64Zero();
    f.get(x).get(end).i32Add().f64Load().f64Zero().f64Gt();
    f.select().f64Store();
  });
}

/** columnSums(g, rows, cols, out): out[o] = Σ_i g[i][o], from +0, rows in order. */
function columnSums(module: ModuleBuilder): void {
  const { body: f } = module.addFunction('columnSums', [I32, I32, I32, I32]);
  const [g, rows, cols, out] = Array.from({ length: 4 }, (_, i) => f.param(i));
  const [i, p, q, outEnd, pairsEnd] = Array.from({ length: 5 }, () => f.local(I32));
  f.get(out).get(cols).i32(BYTES).i32Mul().i32Add().set(outEnd);
  forRange(f, q, () => f.get(out), outEnd, BYTES, () => f.get(q).f64Zero().f64Store());
  pairEnd(f, out, cols, pairsEnd);
  f.get(g).set(p);
  forRange(f, i, () => f.i32(0), rows, 1, () => {
    // p walks g row after row: it ends each row where the next begins.
    forRange(f, q, () => f.get(out), pairsEnd, PAIR, () => {
      f.get(q).get(q).v128Load().get(p).v128Load().f64x2Add().v128Store();
      f.get(p).i32(PAIR).i32Add().set(p);
    });
    f.get(cols).i32(1).i32And().ifElse(() => {
      f.get(pairsEnd).get(pairsEnd).f64Load().get(p).f64Load().f64Add().f64Store();
      f.get(p).i32(BYTES).i32Add().set(p);
    });
  });
}

/** The module bytes: exported `bias`, `relu`, `reluBackward` and `columnSums` over one imported memory. */
export function elementwiseModuleBytes(): Uint8Array<ArrayBuffer> {
  const module = new ModuleBuilder();
  addBias(module);
  relu(module);
  reluBackward(module);
  columnSums(module);
  return module.encode();
}
