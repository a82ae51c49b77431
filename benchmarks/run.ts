/**
 * `npm run bench`: mmcl against a PyTorch float64 reference, side by side on this machine, in one run.
 *
 * Installs what the reference needs (Debian's python3-torch, python3-numpy, OpenBLAS) when missing, then runs
 * each case with mmcl and PyTorch alternated, prints a table of medians, speed-ups and trajectory agreement,
 * and writes benchmarks/results/latest.{json,md} and the scaling plot benchmarks/results/scaling.svg.
 * Exits with status 1 if any trajectory check fails.
 *
 *   npm run bench                       # everything (~10 min on 2 quiet cores, ~30 min on busy ones)
 *   npm run bench -- --quick            # fewer repetitions and a smaller large case, for a smoke test
 *   npm run bench -- --only paper2,matmul
 *   npm run bench -- --only kernels       # the gemm kernel table, js against wasm
 *
 * A partial run (--only or --quick) writes to benchmarks/results/partial/, never over the recorded full results.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from './harness/machine.js';
import { ensureReferencePython, ReferenceServer } from './harness/reference.js';
import { Report } from './harness/report.js';
import { formatMs, median } from './harness/stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const SECTIONS = ['paper1', 'large', 'threads', 'sweep', 'paper2', 'matmul', 'kernels', 'autodiff', 'scaling', 'optimizers'] as const;
type Section = (typeof SECTIONS)[number];

const USAGE = `usage: npm run bench -- [--quick] [--only ${SECTIONS.join(',')}] [--reps N] [--out FILE.json]
  --quick   fewer repetitions and a smaller large case (a smoke test)
  --only    run only these sections (comma-separated)
  --reps    repetitions per case (default 3, 2 with --quick)
  --out     where to write the JSON (and .md) report (default benchmarks/results/latest.json for a full run,
            benchmarks/results/partial/latest.json with --only or --quick, so the recorded full results stay)
`;

/** One line on stderr and exit code 2, as the mmcl command does for bad input. */
function usageError(message: string): never {
  process.stderr.write(`bench: ${message} — run 'npm run bench -- --help' for the usage\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      reps: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  usageError((err as Error).message.split('\n')[0]);
}
const values = parsed.values;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const partial = values.only !== undefined || values.quick;
values.out ??= join(here, 'results', ...(partial ? ['partial'] : []), 'latest.json');
mkdirSync(dirname(values.out), { recursive: true });
const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
for (const s of only) if (!SECTIONS.includes(s as Section)) usageError(`--only: unknown section "${s}"; use ${SECTIONS.join(', ')}`);
if (values.reps !== undefined && !(Number.isInteger(Number(values.reps)) && Number(values.reps) >= 1)) usageError(`--reps: must be a whole number ≥ 1 (got "${values.reps}")`);
const want = (s: Section) => only.has(s);
const quick = values.quick;
const reps = Number(values.reps ?? (quick ? 2 : 3));
const work = join(tmpdir(), `mmcl-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const log = (line: string) => process.stdout.write(line + '\n');

const python = ensureReferencePython(log);
const server = new ReferenceServer(python);
const info = await server.request<{ torch: string; numpy: string; threads: number; python: string; executable: string }>({ cmd: 'info' });
const report = new Report(describeMachine(info), ['paper 1 Figure 1', 'paper 1 Figure 1, PyTorch', 'paper 1 large', 'phase sweep', 'paper 2', 'optimizers'],
  ['gemm kernels', 'Matmul', 'benchmarks/autodiff', 'Scaling']);
log(`bench: PyTorch ${info.torch} in ${info.executable}, ${info.threads} intra-op thread(s); mmcl on Node ${process.version} (one thread)`);

// Cheap-to-lose sections first, the target cases last: the machine is shared, and the last minutes of a run
// are the likeliest to be quiet. The report lists rows in reading order regardless (Report's sectionOrder).
try {
  if (want('scaling')) {
    const { runScaling } = await import('./cases/scaling.js');
    log('\nscaling of time per step (mmcl engines)');
    const scaling = await runScaling(join(dirname(values.out!), 'scaling.svg'), quick);
    report.addSection('Scaling of time per step', scaling);
  }
  if (want('autodiff')) {
    const { autodiffTables } = await import('./cases/autodiff.js');
    for (const t of autodiffTables(quick ? 3 : undefined)) report.addSection(t.title, t.markdown);
  }
  if (want('kernels')) {
    const { kernelTable } = await import('./cases/kernels.js');
    log('\ngemm kernels: js against wasm');
    report.addSection('gemm kernels: js against wasm (GFLOP/s)', (await kernelTable(quick ? 3 : 5)).markdown);
  }
  if (want('matmul')) {
    const { matmulTable } = await import('./cases/matmul.js');
    report.addSection('Matmul GFLOP/s (context)', await matmulTable(server, reps));
  }
  if (want('sweep')) {
    const { runSweepThroughput } = await import('./cases/sweep.js');
    log('\nphase sweep throughput');
    await runSweepThroughput(server, report, work, quick);
  }
  if (want('optimizers')) {
    log('\noptimizers on paper 1 (Figure-1 configuration): mmcl against a torch.optim replay of the same run');
    const { runOptimizerCases } = await import('./cases/optimizers.js');
    await runOptimizerCases(server, report, work, quick ? 10 : 50, log);
  }
  const { runPaper1Case } = await import('./cases/paper1.js');
  const steps = 200;
  if (want('large')) {
    const largeSteps = quick ? 3 : 10;
    log(`\npaper 1, large configuration (d = 10000, n = 400, m = 100, ${largeSteps} steps)`);
    await runPaper1Case({
      name: 'large', overrides: { mode: 'single', d: 10_000, n: 400, m: 100, steps: largeSteps },
      engines: ['reduced', 'dense'], reps: Math.min(reps, 3),
    }, server, report, work);
  }
  if (want('paper2')) {
    const { runPaper2Cases } = await import('./cases/paper2.js');
    log('\npaper 2 training step');
    await runPaper2Cases(server, report, work, reps + 2);
  }
  if (want('threads')) {
    const threads = 2;
    await server.request({ cmd: 'threads', n: threads });
    log(`\npaper 1, Figure-1 single-modal with PyTorch at ${threads} intra-op threads (mmcl stays on one)`);
    await runPaper1Case({
      name: `Figure 1, PyTorch ${threads} threads`, overrides: { mode: 'single', steps }, engines: ['reduced', 'dense'],
      // No targets here: they are against PyTorch's fastest setting, which is the paper1 section's (1 thread here).
      reps: Math.min(reps, 2),
    }, server, report, work);
    await server.request({ cmd: 'threads', n: info.threads });
  }
  if (want('paper1')) {
    log(`\npaper 1, Figure-1 configuration (d = 2000, n = 100, m = 50, 200 steps), PyTorch at its default ${info.threads} thread(s)`);
    for (const mode of ['single', 'multi'] as const) {
      await runPaper1Case({
        name: 'Figure 1', overrides: { mode, steps }, engines: ['reduced', 'dense'], reps,
        // The targets: reduced ≥ 10× end to end; dense ≥ 0.5× per step over 20 steps, set-up and γ, ρ included.
        targets: { reduced: 10, dense: 0.5 },
      }, server, report, work);
    }
    // Issue 13 item 5: the two encoders of a multi-modal step on two threads, only if this row shows a gain.
    const { measureEncoderThreads } = await import('./infomax/encoder-threads.js');
    const threads = await measureEncoderThreads(20, reps + 2);
    report.add({
      section: 'paper 1 Figure 1',
      name: 'multi-modal dense step, the two encoders\' products on two threads (d = 2000, n = 100, m = 50)',
      unit: 'one step: ⟨W, ξ⟩ and Gᵀ·ξ of both encoders (wasm gemm), encoder g on a worker thread',
      mmclMs: threads.twoThreads,
      referenceMs: threads.oneThread,
      note: `"PyTorch" column = the same products on one thread; an empty hand-over (Atomics) round trip takes ${formatMs(median(threads.roundTrip))}; load ${threads.load.before.map((x) => x.toFixed(1)).join(' / ')} before`,
    });
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true }); // run directories of up to ~100 MB (large case)
}

report.save(values.out!);
log(`\n${report.table()}\n\nbench: wrote ${values.out} and ${values.out!.replace(/\.json$/, '.md')}`);
if (!report.allAgree()) {
  log('bench: some trajectories do NOT agree within tolerance (see the table)');
  process.exitCode = 1;
}
