/**
 * The autodiff engineer's benchmark scripts (benchmarks/autodiff/*.ts: matmul GFLOP/s and InfoNCE-step overhead),
 * run as they are, their printed tables included in the report verbatim.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'autodiff');

export function autodiffTables(reps?: number): Array<{ title: string; markdown: string }> {
  if (!existsSync(folder)) return [{ title: 'benchmarks/autodiff', markdown: '(benchmarks/autodiff/ is not present in this checkout)' }];
  const scripts = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  return scripts.map((script) => {
    process.stdout.write(`\nrunning benchmarks/autodiff/${script} ...\n`);
    const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(folder, script), ...(reps ? ['--reps', String(reps)] : [])], {
      encoding: 'utf8',
      cwd: join(folder, '..', '..'),
      maxBuffer: 64 * 2 ** 20,
    });
    const output = (run.stdout ?? '').trim();
    const failure = run.status === 0 ? '' : `\n\n(exited with status ${run.status}: ${(run.stderr ?? '').trim().split('\n').slice(-3).join(' ')})`;
    return { title: `benchmarks/autodiff/${script}`, markdown: (output || '(no output)') + failure };
  });
}
