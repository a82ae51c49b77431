/**
 * The kernel table of issue 12: gemm GFLOP/s of the TypeScript kernel (js) and the generated WebAssembly SIMD
 * kernel (wasm) at the project's hot shapes, alternated within one run (rotating which goes first), single thread.
 * Times are CPU time of this process (the machine is shared; a single-threaded kernel's CPU time is its wall time
 * on a quiet machine), medians over `reps` samples of ≥ ~40 ms each. Operands are ordinary Float64Arrays, so the
 * wasm column includes copying A, B in and C out. The load average at the start and end is printed with the table.
 */
import { cpus, loadavg } from 'node:os';
import { gemmJs } from '../../packages/autodiff/src/gemm.js';
import { gemmWasm } from '../../packages/autodiff/src/wasm/gemm.js';
import { alternate, median } from '../harness/stats.js';

/** [label, transA, transB, m, n, k]: C (m×n) = op(A) (m×k) · op(B) (k×n). */
const SHAPES: Array<[string, boolean, boolean, number, number, number]> = [
  ['256×256·256×256', false, false, 256, 256, 256],
  ['1024×1024·1024×1024', false, false, 1024, 1024, 1024],
  ['paper 1 forward 100×2000·2000×50', false, false, 100, 50, 2000],
  ['paper 1 backward dA 100×50·(2000×50)ᵀ', false, true, 100, 2000, 50],
  ['paper 1 backward dB (100×2000)ᵀ·100×50', true, false, 2000, 50, 100],
  ['reduced engine 50×100·100×100', false, false, 50, 100, 100],
  ['paper 2 reference set 2000×50·50×50', false, false, 2000, 50, 50],
  ['paper 2 batch 256×20·20×50', false, false, 256, 50, 20],
];

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One row of the table: GFLOP/s of each backend, both measured in the same alternation. */
export interface KernelRow {
  shape: string;
  js: number;
  wasm: number;
}

export async function kernelTable(reps: number): Promise<{ markdown: string; rows: KernelRow[] }> {
  const loadBefore = loadavg();
  const rows: KernelRow[] = [];
  for (const [label, transA, transB, m, n, k] of SHAPES) {
    const a = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i));
    const b = Float64Array.from({ length: k * n }, (_, i) => Math.cos(i));
    const c = new Float64Array(m * n);
    const flops = 2 * m * n * k;
    const calls = Math.max(1, Math.round(6e8 / flops)); // ~40 ms of wasm work per sample
    const sample = (kernel: typeof gemmWasm) => async () => {
      const start = cpuMs();
      for (let i = 0; i < calls; i++) kernel(transA, transB, m, n, k, a, b, c, false);
      return (cpuMs() - start) / calls;
    };
    gemmWasm(transA, transB, m, n, k, a, b, c, false); // compile and tier up before timing
    gemmJs(transA, transB, m, n, k, a, b, c, false);
    const times = await alternate(reps, { js: sample(gemmJs), wasm: sample(gemmWasm) });
    rows.push({ shape: label, js: flops / median(times.js) / 1e6, wasm: flops / median(times.wasm) / 1e6 });
  }
  const loadAfter = loadavg();
  const lines = [
    `Single thread, CPU time, median of ${reps} alternated samples; load average (1/5/15 min) ${loadBefore.map((x) => x.toFixed(1)).join(' / ')} before, ${loadAfter.map((x) => x.toFixed(1)).join(' / ')} after, on ${cpus().length} cores.`,
    '',
    '| shape | js GFLOP/s | wasm GFLOP/s | wasm / js |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.shape} | ${r.js.toFixed(2)} | ${r.wasm.toFixed(2)} | ${(r.wasm / r.js).toFixed(2)}× |`),
  ];
  return { markdown: lines.join('\n'), rows };
}
