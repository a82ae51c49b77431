/**
 * A small WebAssembly binary encoder: enough of the format (LEB128 integers, the type, import, function, export and
 * code sections, structured control flow, i32/f64 scalar and f64x2 SIMD instructions) for mmcl's kernel generators
 * to emit their modules as bytes at run time, with no toolchain and no committed binary. In the spirit of jax-js's
 * `wasmblr`, written for what our kernels need and nothing more.
 *
 * Internal to @mmcl/autodiff.
 */

/** Value types (binary encoding). */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

/**
 * Unsigned LEB128.
 *
 * @example
 * unsignedLeb128(624485); // → [0xe5, 0x8e, 0x26]
 */
export function unsignedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`unsignedLeb128: ${value} is not a u32`);
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/**
 * Signed LEB128 (for i32 constants).
 *
 * @example
 * signedLeb128(-123456); // → [0xc0, 0xbb, 0x78]
 */
export function signedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`signedLeb128: ${value} is not an i32`);
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function name(text: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(text));
  return [...unsignedLeb128(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...unsignedLeb128(body.length), ...body];
}

/** A local variable or parameter of a function being built: its index. */
export type Local = number & { readonly __local: unique symbol };

/**
 * The body of one function, written as a stack-machine instruction stream. Methods return `this` so that code reads
 * as the instruction sequence it emits; control flow takes callbacks so blocks are always closed.
 */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly localTypes: ValueType[] = [];
  private readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];

  constructor(params: readonly ValueType[], results: readonly ValueType[] = []) {
    this.params = params;
    this.results = results;
  }

  /** The i-th parameter. */
  param(index: number): Local {
    if (index >= this.params.length) throw new RangeError(`param ${index}: the function has ${this.params.length}`);
    return index as Local;
  }

  /** Declares a new local of the given type. */
  local(type: ValueType): Local {
    this.localTypes.push(type);
    return (this.params.length + this.localTypes.length - 1) as Local;
  }

  get signature(): number[] {
    return [0x60, ...vector(this.params.map((t) => [t])), ...vector(this.results.map((t) => [t]))];
  }

  /** The function's entry in the code section: locals (run-length encoded by type) then the body. */
  encodeBody(): number[] {
    const groups: number[][] = [];
    for (const type of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === type) last[0]++;
      else groups.push([1, type]);
    }
    const body = [...vector(groups.map(([count, type]) => [...unsignedLeb128(count), type])), ...this.code, 0x0b];
    return [...unsignedLeb128(body.length), ...body];
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(0xfd, ...unsignedLeb128(opcode), ...immediates);
  }

  private memarg(alignLog2: number, offset: number): number[] {
    return [...unsignedLeb128(alignLog2), ...unsignedLeb128(offset)];
  }

  // Control flow. Branch depths count enclosing blocks from the innermost (0).
  block(body: () => void): this { this.op(0x02, 0x40); body(); return this.op(0x0b); }
  loop(body: () => void): this { this.op(0x03, 0x40); body(); return this.op(0x0b); }
  /** if (pop) { then } else { otherwise } */
  ifElse(then: () => void, otherwise?: () => void): this {
    this.op(0x04, 0x40);
    then();
    if (otherwise) { this.op(0x05); otherwise(); }
    return this.op(0x0b);
  }
  br(depth: number): this { return this.op(0x0c, ...unsignedLeb128(depth)); }
  brIf(depth: number): this { return this.op(0x0d, ...unsignedLeb128(depth)); }
  call(functionIndex: number): this { return this.op(0x10, ...unsignedLeb128(functionIndex)); }

  // Locals.
  get(local: Local): this { return this.op(0x20, ...unsignedLeb128(local)); }
  set(local: Local): this { return this.op(0x21, ...unsignedLeb128(local)); }
  tee(local: Local): this { return this.op(0x22, ...unsignedLeb128(local)); }

  // i32.
  i32(value: number): this { return this.op(0x41, ...signedLeb128(value)); }
  i32Eqz(): this { return this.op(0x45); }
  i32Eq(): this { return this.op(0x46); }
  i32Ne(): this { return this.op(0x47); }
  i32LtU(): this { return this.op(0x49); }
  i32GtU(): this { return this.op(0x4b); }
  i32LeU(): this { return this.op(0x4d); }
  i32GeU(): this { return this.op(0x4f); }
  i32Add(): this { return this.op(0x6a); }
  i32Sub(): this { return this.op(0x6b); }
  i32Mul(): this { return this.op(0x6c); }
  i32DivU(): this { return this.op(0x6e); }
  i32And(): this { return this.op(0x71); }
  i32Shl(): this { return this.op(0x74); }
  /** Pops cond, b, a; pushes cond ? a : b. */
  select(): this { return this.op(0x1b); }
  /** Pushes min(a, b) (unsigned), via select. */
  i32MinU(a: Local, b: Local): this { return this.get(a).get(b).get(a).get(b).i32LtU().op(0x1b); }

  // f64 (scalar; the same IEEE-754 double operations as the SIMD lanes, hence the same bits).
  f64Load(offset = 0): this { return this.op(0x2b, ...this.memarg(3, offset)); }
  f64Store(offset = 0): this { return this.op(0x39, ...this.memarg(3, offset)); }
  f64Add(): this { return this.op(0xa0); }
  f64Mul(): this { return this.op(0xa2); }
  f64Zero(): this { return this.op(0x44, 0, 0, 0, 0, 0, 0, 0, 0); }
  /** Pops b, a; pushes a > b (i32 0 or 1; false when either is NaN). */
  f64Gt(): this { return this.op(0x64); }

  // v128 / f64x2. Alignment hints are 8 bytes: our operands are only Float64Array-aligned.
  v128Load(offset = 0): this { return this.simd(0x00, ...this.memarg(3, offset)); }
  v128Load64Splat(offset = 0): this { return this.simd(0x0a, ...this.memarg(3, offset)); }
  v128Store(offset = 0): this { return this.simd(0x0b, ...this.memarg(3, offset)); }
  v128Zero(): this { return this.simd(0x0c, ...new Array<number>(16).fill(0)); }
  f64x2Add(): this { return this.simd(0xf0); }
  f64x2Mul(): this { return this.simd(0xf2); }
  /** Lane-wise a > b as all-ones / all-zeros masks (false when either is NaN). */
  f64x2Gt(): this { return this.simd(0x4a); }
  /** Pops b, a; pushes a < b ? b : a per lane (pseudo-maximum: pmax(0, x) is exactly x > 0 ? x : 0). */
  f64x2Pmax(): this { return this.simd(0xf7); }
  v128And(): this { return this.simd(0x4e); }
}

/** An exported function of a module under construction. */
interface ExportedFunction {
  readonly name: string;
  readonly body: FunctionBuilder;
}

/**
 * A module that imports one memory (`env.memory`) and defines functions; `encode()` gives the bytes.
 *
 * @example
 * const m = new ModuleBuilder();
 * const f = m.addFunction('add', [I32, I32], [I32]);
 * f.body.get(f.body.param(0)).get(f.body.param(1)).i32Add();
 * new WebAssembly.Instance(new WebAssembly.Module(m.encode()), { env: { memory: new WebAssembly.Memory({ initial: 1 }) } });
 */
export class ModuleBuilder {
  private readonly functions: ExportedFunction[] = [];

  /** Adds a function (exported under `exportName` unless it is empty); returns its builder and its index. */
  addFunction(exportName: string, params: readonly ValueType[], results: readonly ValueType[] = []): { body: FunctionBuilder; index: number } {
    const body = new FunctionBuilder(params, results);
    this.functions.push({ name: exportName, body });
    return { body, index: this.functions.length - 1 };
  }

  encode(): Uint8Array<ArrayBuffer> {
    const types = section(1, vector(this.functions.map((f) => f.body.signature)));
    const imports = section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]]));
    const functions = section(3, vector(this.functions.map((_, i) => unsignedLeb128(i))));
    const exported = this.functions.map((f, i) => ({ f, i })).filter(({ f }) => f.name !== '');
    const exports = section(7, vector(exported.map(({ f, i }) => [...name(f.name), 0x00, ...unsignedLeb128(i)])));
    const code = section(10, vector(this.functions.map((f) => f.body.encodeBody())));
    return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...functions, ...exports, ...code]);
  }
}
