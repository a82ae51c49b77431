/**
 * Matmul GFLOP/s, for context: @mmcl/autodiff's packed gemm against a naive triple loop (same rounding order)
 * and against numpy's BLAS (whatever libblas.so.3 Debian selects: see the machine section), same shapes.
 */
import { gemm } from '@mmcl/autodiff';
import { naiveGemm } from '../../packages/autodiff/src/gemm.js';
import type { ReferenceServer } from '../harness/reference.js';
import { median, timed } from '../harness/stats.js';

const shapes: Array<[string, number, number, number]> = [
  ['64×64·64×64', 64, 64, 64],
  ['256×256·256×256', 256, 256, 256],
  ['1024×1024·1024×1024', 1024, 1024, 1024],
  ['100×2000·2000×50', 100, 50, 2000],
];

export async function matmulTable(server: ReferenceServer, reps: number): Promise<string> {
  const lines = ['| shape | naive loop GFLOP/s | mmcl gemm GFLOP/s | numpy BLAS GFLOP/s | gemm / naive | BLAS / gemm |', '|---|---:|---:|---:|---:|---:|'];
  for (const [label, m, n, k] of shapes) {
    const a = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i));
    const b = Float64Array.from({ length: k * n }, (_, i) => Math.cos(i));
    const c = new Float64Array(m * n);
    const flops = 2 * m * n * k;
    // The naive loop at 1024³ takes seconds; time it once there.
    const naiveReps = m * n * k > 1e8 ? 1 : reps;
    const tNaive: number[] = [];
    const tGemm: number[] = [];
    for (let r = 0; r < Math.max(reps, naiveReps); r++) {
      if (r < naiveReps) tNaive.push((await timed(() => naiveGemm(false, false, m, n, k, a, b, c))).ms);
      tGemm.push((await timed(() => gemm(false, false, m, n, k, a, b, c))).ms);
    }
    const tBlas = (await server.request<{ ms: number }>({ cmd: 'matmul', m, k, n, reps })).ms;
    const gf = (ms: number) => flops / (ms * 1e6);
    const [gNaive, gGemm, gBlas] = [gf(median(tNaive)), gf(median(tGemm)), gf(tBlas)];
    lines.push(`| ${label} | ${gNaive.toFixed(2)} | ${gGemm.toFixed(2)} | ${gBlas.toFixed(2)} | ${(gGemm / gNaive).toFixed(1)}× | ${(gBlas / gGemm).toFixed(1)}× |`);
  }
  return lines.join('\n');
}
