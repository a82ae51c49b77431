/**
 * Phase-sweep throughput, runs per minute on 2 cores. mmcl: the real `mmcl phase` command (reduced engine, one
 * worker per core, probe at t = 0 and T), timed from process start to the written figure. PyTorch: two reference
 * processes in parallel, each running Figure-1-size dense trajectories in the grid's single:multi proportion
 * (1 : C_µ points); a dense run's cost does not depend on ‖µ‖ or ‖µ~‖, so these stand for any grid point.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig, simulate, writeRunDirectory } from '@mmcl/infomax';
import { ReferenceServer } from '../harness/reference.js';
import type { Report } from '../harness/report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORES = 2;

function runCommand(args: string[]): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'packages', 'cli', 'bin', 'mmcl.js'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`mmcl ${args.join(' ')} exited with ${code}`))));
  });
}

export async function runSweepThroughput(server: ReferenceServer, report: Report, workDir: string, quick: boolean): Promise<void> {
  const snrPoints = quick ? 2 : 4;
  const cMuPoints = 2;
  const runs = snrPoints * (1 + cMuPoints);
  const out = join(workDir, 'phase');
  const mmclArgs = ['phase', '--snr', `0.5:4:${snrPoints}`, '--c-mu', `1:4:${cMuPoints}`, '--seeds', '1', '--workers', String(CORES), '--quiet', '--out'];

  // Reference inputs: one single- and one multi-modal Figure-1 run directory.
  const dirs: string[] = [];
  for (const mode of ['single', 'multi'] as const) {
    const dir = join(workDir, `sweep-${mode}`);
    rmSync(dir, { recursive: true, force: true });
    writeRunDirectory(simulate(resolveConfig({ mode, engine: 'reduced', populationSamples: 0, evalEvery: 200 })), dir);
    dirs.push(dir);
  }
  const perProcess = Array.from({ length: runs }, (_, k) => dirs[k % (1 + cMuPoints) === 0 ? 0 : 1]);
  const extra = Array.from({ length: CORES - 1 }, () => new ReferenceServer(server.python));
  const servers = [server, ...extra];
  try {
    const referenceSweep = async () => {
      const start = performance.now();
      await Promise.all(servers.map(async (s, k) => {
        for (let r = k; r < runs; r += CORES) await s.request({ cmd: 'paper1', dir: perProcess[r], record: true });
      }));
      return performance.now() - start;
    };
    const mmclSweep = async () => {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(dirname(out), { recursive: true });
      return runCommand([...mmclArgs, out]);
    };
    const times = { mmcl: [] as number[], reference: [] as number[] };
    for (let rep = 0; rep < (quick ? 1 : 2); rep++) {
      times.mmcl.push(await mmclSweep());
      times.reference.push(await referenceSweep());
    }
    const perMinute = (ms: number) => (runs / ms) * 60_000;
    report.add({
      section: 'phase sweep',
      name: `throughput, ${runs} Figure-1-size runs (200 steps) on ${CORES} cores`,
      unit: `wall time of ${runs} runs (mmcl: \`mmcl phase --workers ${CORES}\` incl. start-up and figure; PyTorch: ${CORES} processes)`,
      mmclMs: times.mmcl,
      referenceMs: times.reference,
      note: `runs per minute: mmcl ${times.mmcl.map((t) => perMinute(t).toFixed(1)).join(', ')}; ` +
        `PyTorch ${times.reference.map((t) => perMinute(t).toFixed(1)).join(', ')} (per repetition)`,
    });
  } finally {
    for (const s of extra) s.close();
  }
}
