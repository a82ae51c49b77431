/**
 * Issue 13 item 5 for paper 1: do the two encoders of a multi-modal step gain from running on two threads?
 *
 * The encoders are independent until the loss and again after it, so a two-thread step would run each encoder's
 * products on its own thread and meet twice per step (before the loss, and after the gradient or increments).
 * This measures the two things that decide it, with the real kernel (the wasm gemm) and the Figure-1 shapes:
 * - dense engine: one encoder's products per step (forward ⟨W, ξ⟩ and backward dW = Gᵀ·ξ, 2·2·m·n·d flops), both
 *   encoders one after the other on the main thread, against encoder g on a worker thread while the main thread
 *   does encoder h (data in SharedArrayBuffers, hand-over by Atomics.wait / notify: the fastest channel there is);
 * - the round trip of an empty hand-over, against the size of the reduced engine's per-encoder pieces (~0.1–0.3 ms).
 * Medians of alternated repetitions, CPU and wall time; `uptime` load printed beside them.
 * Run by `npm run bench -- --only paper1` (a row of the paper-1 table), or alone:
 * node --conditions=source --import tsx benchmarks/infomax/encoder-threads.ts [steps] [reps]
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createStreams, gemm } from '@mmcl/autodiff';
import { median } from '../harness/stats.js';

const [n, m, d] = [100, 50, 2000];

interface Encoder { xi: Float64Array; W: Float64Array; v: Float64Array; g: Float64Array; dW: Float64Array }

function sharedArray(length: number, fill?: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(length * 8));
  if (fill) out.set(fill);
  return out;
}

function encoderOn(buffers: SharedArrayBuffer[]): Encoder {
  const [xi, W, v, g, dW] = buffers.map((b) => new Float64Array(b));
  return { xi, W, v, g, dW };
}

/** One encoder's share of a dense step: ⟨w_r, ξ_i⟩ (n×m) forward, dW = Gᵀ·ξ (m×d) backward. */
function forward(e: Encoder): void {
  gemm(false, true, n, m, d, e.xi, e.W, e.v);
}
function backward(e: Encoder): void {
  gemm(true, false, m, d, n, e.g, e.xi, e.dW);
}

// Flag protocol on an Int32Array: [0] = task (0 idle, 1 forward, 2 backward, 3 nothing, 4 quit), [1] = done count.
if (!isMainThread && (workerData as { flags?: SharedArrayBuffer } | null)?.flags) {
  const { flags: flagBuffer, buffers } = workerData as { flags: SharedArrayBuffer; buffers: SharedArrayBuffer[] };
  const flags = new Int32Array(flagBuffer);
  const e = encoderOn(buffers);
  parentPort!.postMessage('ready');
  for (;;) {
    Atomics.wait(flags, 0, 0);
    const task = Atomics.load(flags, 0);
    if (task === 4) break;
    if (task === 1) forward(e);
    else if (task === 2) backward(e);
    Atomics.store(flags, 0, 0);
    Atomics.add(flags, 1, 1);
    Atomics.notify(flags, 1);
  }
}

/** Per-step wall times (ms) of each side, one entry per repetition, and the load average before and after. */
export interface EncoderThreadTimes {
  oneThread: number[];
  twoThreads: number[];
  roundTrip: number[];
  cpu: { oneThread: number[]; twoThreads: number[] };
  load: { before: number[]; after: number[] };
}

/**
 * Times the two encoders' products of `steps` multi-modal dense steps on one thread and on two (encoder g on a
 * worker), and an empty hand-over, alternated `reps` times.
 */
export async function measureEncoderThreads(steps: number, reps: number): Promise<EncoderThreadTimes> {
  const stream = createStreams(13).test;
  const make = (): Encoder => ({
    xi: sharedArray(n * d, stream.normal(n * d)), W: sharedArray(m * d, stream.normal(m * d, 0.01)),
    v: sharedArray(n * m), g: sharedArray(n * m, stream.normal(n * m)), dW: sharedArray(m * d),
  });
  const [h, g] = [make(), make()];
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const buffers = [g.xi, g.W, g.v, g.g, g.dW].map((a) => a.buffer as SharedArrayBuffer);
  // Node 20 does not pass `--import tsx` on to worker threads: a one-line bootstrap registers tsx first (as the CLI's pool.ts does).
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { flags: flags.buffer, buffers } });
  await new Promise((resolve) => worker.once('message', resolve));

  /** Hands `task` to the worker, runs `own` here, waits for the worker. */
  const together = (task: number, own: () => void) => {
    const before = Atomics.load(flags, 1);
    Atomics.store(flags, 0, task);
    Atomics.notify(flags, 0);
    own();
    while (Atomics.load(flags, 1) === before) Atomics.wait(flags, 1, before);
  };
  const clock = (body: () => void) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    body();
    const c = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / steps, cpu: (c.user + c.system) / 1000 / steps };
  };
  const sides = {
    oneThread: () => clock(() => {
      for (let s = 0; s < steps; s++) { forward(h); forward(g); backward(h); backward(g); }
    }),
    twoThreads: () => clock(() => {
      for (let s = 0; s < steps; s++) { together(1, () => forward(h)); together(2, () => backward(h)); }
    }),
    roundTrip: () => clock(() => {
      for (let s = 0; s < steps; s++) together(3, () => {});
    }),
  };
  for (let s = 0; s < 3; s++) { forward(h); backward(h); together(1, () => {}); together(2, () => {}); } // warm-up, both threads
  const before = loadavg();
  const names = Object.keys(sides) as Array<keyof typeof sides>;
  const out: EncoderThreadTimes = { oneThread: [], twoThreads: [], roundTrip: [], cpu: { oneThread: [], twoThreads: [] }, load: { before, after: [] } };
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(rep + k) % names.length];
      const t = sides[name]();
      out[name].push(t.wall);
      if (name !== 'roundTrip') out.cpu[name].push(t.cpu);
    }
  }
  Atomics.store(flags, 0, 4);
  Atomics.notify(flags, 0);
  await worker.terminate();
  out.load.after = loadavg();
  return out;
}

if (isMainThread && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const steps = Number(process.argv[2] ?? 30);
  const reps = Number(process.argv[3] ?? 5);
  const t = await measureEncoderThreads(steps, reps);
  const load = (x: number[]) => x.map((v) => v.toFixed(1)).join(' / ');
  console.log(`encoder products per multi-modal dense step (n = ${n}, m = ${m}, d = ${d}), ${steps} steps × ${reps} reps, load ${load(t.load.before)} → ${load(t.load.after)}`);
  console.log(`  one thread (h then g)        wall ${median(t.oneThread).toFixed(3)} ms/step   cpu ${median(t.cpu.oneThread).toFixed(3)} ms/step`);
  console.log(`  two threads (g on a worker)  wall ${median(t.twoThreads).toFixed(3)} ms/step   cpu (both threads) ${median(t.cpu.twoThreads).toFixed(3)} ms/step`);
  console.log(`  speed-up ${(median(t.oneThread) / median(t.twoThreads)).toFixed(2)}×; an empty hand-over round trip costs ${(median(t.roundTrip) * 1000).toFixed(0)} µs (two per step)`);
}
