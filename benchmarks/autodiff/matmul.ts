/**
 * Float64 matmul throughput: @mmcl/autodiff's packed gemm (all three transpose variants) against the naive triple
 * loop with the same rounding order, at 64, 256, 1024 and paper 1's shape (100×2000 · 2000×50).
 * Prints a Markdown table of medians; ratios are measured in the same run (the machine is shared and noisy).
 *
 *   node --conditions=source --import tsx benchmarks/autodiff/matmul.ts [--reps 7] [--wall]
 */
import { gemm, median, randomStream } from '@mmcl/autodiff';
import { naiveGemm } from '../../packages/autodiff/src/gemm.js';

const repsArg = process.argv.indexOf('--reps');
/**
 * Milliseconds of CPU time used by this process (default), or of wall-clock time with --wall. CPU time is the
 * default because the development machine is shared: time spent descheduled while others run is not ours.
 */
const wall = process.argv.includes('--wall');
const clock = wall ? () => performance.now() : () => process.cpuUsage().user / 1000;
const clockName = wall ? 'wall-clock' : 'CPU';
const reps = repsArg >= 0 ? Number(process.argv[repsArg + 1]) : 7;

const shapes: Array<[string, number, number, number]> = [
  ['64×64 · 64×64', 64, 64, 64],
  ['256×256 · 256×256', 256, 256, 256],
  ['1024×1024 · 1024×1024', 1024, 1024, 1024],
  ['100×2000 · 2000×50 (paper 1)', 100, 50, 2000],
];

/** Milliseconds per call, after ≥ 100 ms of warm-up (so the JIT has optimised), each sample lasting ≥ 20 ms. */
function timePerCall(body: () => void, samples: number): number[] {
  let t0 = clock();
  let warm = 0;
  while (clock() - t0 < 100 || warm < 1) {
    body();
    warm++;
  }
  const once = (clock() - t0) / warm;
  const calls = Math.max(1, Math.ceil(20 / Math.max(once, 0.001)));
  const out: number[] = [];
  for (let s = 0; s < samples; s++) {
    t0 = clock();
    for (let c = 0; c < calls; c++) body();
    out.push((clock() - t0) / calls);
  }
  return out;
}

const rows: string[] = [
  '| shape | naive loop GFLOP/s | gemm A·B GFLOP/s | gemm A·Bᵀ GFLOP/s | gemm Aᵀ·B GFLOP/s | A·B / naive |',
  '|---|---:|---:|---:|---:|---:|',
];
const stream = randomStream(0, 'data');
for (const [label, m, n, k] of shapes) {
  const a = stream.normal(m * k);
  const b = stream.normal(k * n);
  const c = new Float64Array(m * n);
  const gflops = (ms: number) => (2 * m * n * k) / (ms * 1e6);
  // The naive loop takes seconds at 1024³: fewer samples there.
  const naiveSamples = m * n * k > 1e8 ? 1 : reps;
  const naive = median(timePerCall(() => naiveGemm(false, false, m, n, k, a, b, c), naiveSamples));
  const nn = median(timePerCall(() => gemm(false, false, m, n, k, a, b, c), reps));
  const nt = median(timePerCall(() => gemm(false, true, m, n, k, a, b, c), reps));
  const tn = median(timePerCall(() => gemm(true, false, m, n, k, a, b, c), reps));
  rows.push(`| ${label} | ${gflops(naive).toFixed(2)} | ${gflops(nn).toFixed(2)} | ${gflops(nt).toFixed(2)} | ${gflops(tn).toFixed(2)} | ${(naive / nn).toFixed(1)}× |`);
}
console.log(`Float64 matmul, single thread, ${clockName} time, median of ${reps} samples (naive at 1024: 1 sample).\n`);
console.log(rows.join('\n'));
