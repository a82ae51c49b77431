/**
 * Generates the WebAssembly gemm module: a B-packing routine, f64x2 register-tiled micro-kernels (one per row count
 * 1..ROWS, so row edges need no padding) and a blocked driver, all over one imported memory.
 *
 * Rounding order, the contract shared with the TypeScript kernel (../gemm.ts): every C[i][j] is Σ_p A[i][p]·B[p][j]
 * accumulated left to right from +0, a multiply then an add per term (f64x2.mul, f64x2.add: no fused multiply-add),
 * then, when accumulating, added to the old C[i][j]. The kernels vectorise across columns of C (each f64x2 lane is
 * its own C entry with its own running sum) and never across p, so each lane performs exactly the scalar loop's
 * operations in the scalar loop's order; k-blocks continue the running sums that the previous block stored.
 *
 * Internal to @mmcl/autodiff.
 */
import { I32, type FunctionBuilder, type Local, ModuleBuilder, V128 } from './encoder.js';

/** Rows of C per micro-tile. 4 rows × 2 f64x2 vectors = 8 accumulators: enough to hide the add latency, few
 * enough that V8 keeps accumulators, B vectors and the A splat in xmm registers. Measured (2026-12-02, all the
 * issue's hot shapes) against 4×6, 6×4, 4×8 and 3×8 tiles and a 2-step unrolled loop: those made V8 spill
 * accumulators to the stack and ran 20–40% slower. */
export const TILE_ROWS = 4;
/** Columns of C per micro-tile (two f64x2 vectors); B is packed into strips this wide, k-major, zero-padded. */
export const TILE_COLS = 4;
/** k-block: a packed B strip segment of 256 steps is 8 KiB and stays in L1 while the rows of A pass over it. */
const DEPTH_BLOCK = 256;
/** m-block: 64 rows × 256 steps of A (128 KiB) stay in L2 while every B strip passes over them. */
const ROW_BLOCK = 64;
const VECTORS = TILE_COLS / 2;
const BYTES = 8;

/** Bytes of the packed-B buffer the driver needs. */
export function packedBytes(n: number, k: number): number {
  return Math.ceil(n / TILE_COLS) * TILE_COLS * k * BYTES;
}

/** Bytes of the edge-tile scratch the driver needs (partial column strips go through it). */
export const TILE_BYTES = TILE_ROWS * TILE_COLS * BYTES;

/** for (counter = start; counter < end; counter += step) body — unsigned compare, step a constant (a Local is a
 * number at run time too, so a local step would be emitted as its index: step through rows by counting them). */
export function forRange(f: FunctionBuilder, counter: Local, start: () => void, end: Local, step: number, body: () => void): void {
  start();
  f.set(counter);
  f.block(() => f.loop(() => {
    f.get(counter).get(end).i32GeU().brIf(1);
    body();
    f.get(counter).i32(step).i32Add().set(counter).br(0);
  }));
}

/**
 * Micro-kernel for `rows` rows: tile(aPtr, rowStep, colStep, transA, bPtr, depth, cPtr, ldc, fresh).
 * op(A)[r][p] is at aPtr + r·rowStep + p·colStep (bytes); with transA the rows are adjacent (rowStep = 8), which
 * becomes an immediate offset. The packed B segment has TILE_COLS values per step. C rows are ldc bytes apart.
 * `fresh` starts the sums at +0, otherwise they continue from C.
 */
function addTileKernel(module: ModuleBuilder, rows: number): number {
  const { body: f, index } = module.addFunction('', [I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [aPtr, rowStep, colStep, transA, bPtr, depth, cPtr, ldc, fresh] = Array.from({ length: 9 }, (_, i) => f.param(i));
  const acc = Array.from({ length: rows }, () => Array.from({ length: VECTORS }, () => f.local(V128)));
  const bv = Array.from({ length: VECTORS }, () => f.local(V128));
  const av = f.local(V128);
  const cRow = Array.from({ length: rows }, () => f.local(I32));
  const aRow = Array.from({ length: rows }, () => f.local(I32));
  const bp = f.local(I32);
  const bEnd = f.local(I32);
  const stepBytes = TILE_COLS * BYTES;

  for (let r = 0; r < rows; r++) {
    f.get(cPtr);
    if (r > 0) f.get(ldc).i32(r).i32Mul().i32Add();
    f.set(cRow[r]);
  }
  f.get(fresh).ifElse(
    () => { for (const row of acc) for (const v of row) f.v128Zero().set(v); },
    () => { for (let r = 0; r < rows; r++) for (let v = 0; v < VECTORS; v++) f.get(cRow[r]).v128Load(v * 16).set(acc[r][v]); },
  );

  /** acc[r][·] += splat(A value) · bv[·], for every row; `loadA(r)` pushes the splat of op(A)[r][p]. */
  const step = (loadA: (r: number) => void) => {
    for (let v = 0; v < VECTORS; v++) f.get(bp).v128Load(v * 16).set(bv[v]);
    for (let r = 0; r < rows; r++) {
      loadA(r);
      f.set(av);
      for (let v = 0; v < VECTORS; v++) f.get(acc[r][v]).get(av).get(bv[v]).f64x2Mul().f64x2Add().set(acc[r][v]);
    }
  };

  f.get(bPtr).set(bp);
  f.get(bPtr).get(depth).i32(stepBytes).i32Mul().i32Add().set(bEnd);
  /** do { step; advance; bp += stepBytes } while (bp < bEnd): depth ≥ 1. One step per iteration: unrolling
   * made V8 hoist both steps' loads and spill accumulators. */
  const loopSteps = (advance: () => void, loadA: (r: number) => void) => {
    f.loop(() => {
      step(loadA);
      advance();
      f.get(bp).i32(stepBytes).i32Add().tee(bp).get(bEnd).i32LtU().brIf(0);
    });
  };
  f.get(transA).ifElse(
    // op(A) rows are adjacent: one pointer, rows at immediate offsets r·8, colStep bytes per step of p.
    () => loopSteps(() => f.get(aPtr).get(colStep).i32Add().set(aPtr), (r) => f.get(aPtr).v128Load64Splat(r * BYTES)),
    () => {
      // op(A) rows are rowStep apart, each read along p with unit stride.
      for (let r = 0; r < rows; r++) {
        f.get(aPtr);
        if (r > 0) f.get(rowStep).i32(r).i32Mul().i32Add();
        f.set(aRow[r]);
      }
      loopSteps(() => { for (let r = 0; r < rows; r++) f.get(aRow[r]).i32(BYTES).i32Add().set(aRow[r]); }, (r) => f.get(aRow[r]).v128Load64Splat());
    },
  );

  for (let r = 0; r < rows; r++) for (let v = 0; v < VECTORS; v++) f.get(cRow[r]).get(acc[r][v]).v128Store(v * 16);
  return index;
}

/**
 * pack(b, transB, k, n, out): op(B) (k×n) into ⌈n/TILE_COLS⌉ strips, strip s holding columns s·TILE_COLS.. as
 * [p·TILE_COLS + c], zero-padded. Without transB a strip row is TILE_COLS adjacent values (vector copies); with it,
 * each column of op(B) is a row of B.
 */
function addPack(module: ModuleBuilder): number {
  const { body: f, index } = module.addFunction('', [I32, I32, I32, I32, I32]);
  const [b, transB, k, n, out] = Array.from({ length: 5 }, (_, i) => f.param(i));
  const [s, full, p, src, dst, end, col, cols, rowBytes] = Array.from({ length: 9 }, () => f.local(I32));
  const srcRows = Array.from({ length: TILE_COLS }, () => f.local(I32));
  const stripBytes = TILE_COLS * BYTES;
  f.get(n).i32(TILE_COLS).i32DivU().set(full);
  f.get(n).i32(BYTES).i32Mul().set(rowBytes);
  forRange(f, s, () => f.i32(0), full, 1, () => {
    // dst = out + s·k·stripBytes, end = dst + k·stripBytes
    f.get(out).get(s).get(k).i32Mul().i32(stripBytes).i32Mul().i32Add().tee(dst)
      .get(k).i32(stripBytes).i32Mul().i32Add().set(end);
    f.get(transB).ifElse(
      () => {
        for (let c = 0; c < TILE_COLS; c++) {
          f.get(b).get(s).i32(TILE_COLS).i32Mul().i32(c).i32Add().get(k).i32Mul().i32(BYTES).i32Mul().i32Add().set(srcRows[c]);
        }
        forRange(f, dst, () => f.get(dst), end, stripBytes, () => {
          for (let c = 0; c < TILE_COLS; c++) {
            f.get(dst).get(srcRows[c]).f64Load().f64Store(c * BYTES);
            f.get(srcRows[c]).i32(BYTES).i32Add().set(srcRows[c]);
          }
        });
      },
      () => {
        f.get(b).get(s).i32(stripBytes).i32Mul().i32Add().set(src);
        forRange(f, dst, () => f.get(dst), end, stripBytes, () => {
          for (let v = 0; v < VECTORS; v++) f.get(dst).get(src).v128Load(v * 16).v128Store(v * 16);
          f.get(src).get(rowBytes).i32Add().set(src);
        });
      },
    );
  });
  // The partial last strip: zero it, then copy its existing columns one by one.
  f.get(n).get(full).i32(TILE_COLS).i32Mul().i32Sub().tee(cols).ifElse(() => {
    f.get(out).get(full).get(k).i32Mul().i32(stripBytes).i32Mul().i32Add().tee(dst)
      .get(k).i32(stripBytes).i32Mul().i32Add().set(end);
    forRange(f, src, () => f.get(dst), end, 16, () => f.get(src).v128Zero().v128Store());
    forRange(f, col, () => f.i32(0), cols, 1, () => {
      forRange(f, p, () => f.i32(0), k, 1, () => {
        // out[((full·k + p)·TILE_COLS + col)] = op(B)[p][full·TILE_COLS + col]
        f.get(dst).get(p).i32(stripBytes).i32Mul().i32Add().get(col).i32(BYTES).i32Mul().i32Add();
        // source element index: transB ? (full·TILE_COLS + col)·k + p : p·n + full·TILE_COLS + col
        f.get(b);
        f.get(full).i32(TILE_COLS).i32Mul().get(col).i32Add().get(k).i32Mul().get(p).i32Add();
        f.get(p).get(n).i32Mul().get(full).i32(TILE_COLS).i32Mul().i32Add().get(col).i32Add();
        f.get(transB).select();
        f.i32(BYTES).i32Mul().i32Add().f64Load().f64Store();
      });
    });
  });
  return index;
}

/**
 * gemm(m, n, k, a, transA, b, transB, c, out, pack, tile, accumulate), byte addresses: packs op(B), builds the sums
 * in `out` k-block by k-block, then (accumulate) sets c = c + out. Without accumulate `out` is `c` itself.
 */
function addDriver(module: ModuleBuilder, pack: number, tiles: readonly number[]): void {
  const { body: f } = module.addFunction('gemm', Array.from({ length: 12 }, () => I32));
  const [m, n, k, a, transA, b, transB, c, out, packed, tile, accumulate] = Array.from({ length: 12 }, (_, i) => f.param(i));
  const [p0, depth, fresh, i0, i1, s, strips, j0, cols, bPtr, i, rows, aPtr, rowStep, colStep, cPtr, r, q, t0, t1] =
    Array.from({ length: 20 }, () => f.local(I32));
  const tileRowBytes = TILE_COLS * BYTES;

  f.get(b).get(transB).get(k).get(n).get(packed).call(pack);
  f.get(n).i32(TILE_COLS - 1).i32Add().i32(TILE_COLS).i32DivU().set(strips);
  f.i32(BYTES).get(k).i32(BYTES).i32Mul().get(transA).select().set(rowStep);
  f.get(m).i32(BYTES).i32Mul().i32(BYTES).get(transA).select().set(colStep);

  const callTile = (cPtrValue: () => void, ldc: () => void) => {
    const dispatch = (count: number): void => {
      const call = () => {
        f.get(aPtr).get(rowStep).get(colStep).get(transA).get(bPtr).get(depth);
        cPtrValue();
        ldc();
        f.get(fresh).call(tiles[count - 1]);
      };
      if (count === 1) call();
      else f.get(rows).i32(count).i32Eq().ifElse(call, () => dispatch(count - 1));
    };
    dispatch(TILE_ROWS);
  };
  /** Copies the rows × cols corner between `out` at (i, j0) and the tile, in the direction given. */
  const copyEdge = (toTile: boolean) => {
    forRange(f, r, () => f.i32(0), rows, 1, () => forRange(f, q, () => f.i32(0), cols, 1, () => {
      const tileAddress = () => f.get(tile).get(r).i32(tileRowBytes).i32Mul().i32Add().get(q).i32(BYTES).i32Mul().i32Add();
      const outAddress = () => f.get(out).get(i).get(r).i32Add().get(n).i32Mul().get(j0).i32Add().get(q).i32Add().i32(BYTES).i32Mul().i32Add();
      if (toTile) { tileAddress(); outAddress(); } else { outAddress(); tileAddress(); }
      f.f64Load().f64Store();
    }));
  };

  forRange(f, p0, () => f.i32(0), k, DEPTH_BLOCK, () => {
    f.get(k).get(p0).i32Sub().set(t0);
    f.i32(DEPTH_BLOCK).set(t1);
    f.i32MinU(t0, t1).set(depth);
    f.get(p0).i32Eqz().set(fresh);
    forRange(f, i0, () => f.i32(0), m, ROW_BLOCK, () => {
      f.get(i0).i32(ROW_BLOCK).i32Add().set(t0);
      f.i32MinU(t0, m).set(i1);
      forRange(f, s, () => f.i32(0), strips, 1, () => {
        f.get(s).i32(TILE_COLS).i32Mul().tee(j0);
        f.get(n).get(j0).i32Sub().set(t0);
        f.i32(TILE_COLS).set(t1);
        f.i32MinU(t0, t1).set(cols);
        f.get(packed).get(s).get(k).i32Mul().get(p0).i32Add().i32(tileRowBytes).i32Mul().i32Add().set(bPtr);
        forRange(f, i, () => f.get(i0), i1, TILE_ROWS, () => {
          f.get(i1).get(i).i32Sub().set(t0);
          f.i32(TILE_ROWS).set(t1);
          f.i32MinU(t0, t1).set(rows);
          // aPtr = a + 8·(transA ? p0·m + i : i·k + p0)
          f.get(a);
          f.get(p0).get(m).i32Mul().get(i).i32Add();
          f.get(i).get(k).i32Mul().get(p0).i32Add();
          f.get(transA).select().i32(BYTES).i32Mul().i32Add().set(aPtr);
          f.get(cols).i32(TILE_COLS).i32Eq().ifElse(
            () => {
              f.get(out).get(i).get(n).i32Mul().get(j0).i32Add().i32(BYTES).i32Mul().i32Add().set(cPtr);
              callTile(() => f.get(cPtr), () => f.get(n).i32(BYTES).i32Mul());
            },
            () => {
              f.get(fresh).i32Eqz().ifElse(() => copyEdge(true));
              callTile(() => f.get(tile), () => f.i32(tileRowBytes));
              copyEdge(false);
            },
          );
        });
      });
    });
  });

  f.get(accumulate).ifElse(() => {
    // c = c + out over m·n entries: f64x2 pairs, then a scalar tail (the same IEEE addition per entry).
    f.get(m).get(n).i32Mul().i32(BYTES).i32Mul().set(t0);
    f.get(t0).i32(-16).i32And().set(t1);
    forRange(f, q, () => f.i32(0), t1, 16, () => {
      f.get(c).get(q).i32Add();
      f.get(c).get(q).i32Add().v128Load().get(out).get(q).i32Add().v128Load().f64x2Add();
      f.v128Store();
    });
    f.get(t1).get(t0).i32Ne().ifElse(() => {
      f.get(c).get(t1).i32Add();
      f.get(c).get(t1).i32Add().f64Load().get(out).get(t1).i32Add().f64Load().f64Add();
      f.f64Store();
    });
  });
}

/** The module bytes: pack, the micro-kernels for 1..TILE_ROWS rows and the exported driver `gemm`. */
export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const module = new ModuleBuilder();
  const pack = addPack(module);
  const tiles = Array.from({ length: TILE_ROWS }, (_, r) => addTileKernel(module, r + 1));
  addDriver(module, pack, tiles);
  return module.encode();
}
