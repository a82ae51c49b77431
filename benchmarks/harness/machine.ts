/** A description of the machine the benchmarks ran on, for the report. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

function lscpu(): Record<string, string> {
  const out = spawnSync('lscpu', [], { encoding: 'utf8' });
  const fields: Record<string, string> = {};
  for (const line of (out.stdout ?? '').split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return fields;
}

/** Which shared library provides libblas.so.3 (Debian alternatives), i.e. the BLAS numpy and torch call. */
function blasLibrary(): string {
  for (const link of ['/etc/alternatives/libblas.so.3-x86_64-linux-gnu', '/etc/alternatives/libblas.so.3-aarch64-linux-gnu']) {
    if (existsSync(link)) {
      const target = realpathSync(link);
      if (target.includes('openblas')) return `OpenBLAS (${target})`;
      if (target.includes('/blas/')) return `netlib reference BLAS (${target})`;
      return target;
    }
  }
  return 'unknown';
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /PRETTY_NAME="([^"]+)"/.exec(release)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function describeMachine(reference: { torch: string; numpy: string; threads: number; python: string; executable: string }): Record<string, string> {
  const cpu = lscpu();
  return {
    CPU: `${cpu['Model name'] ?? cpus()[0]?.model ?? 'unknown'} (${cpu['Architecture'] ?? process.arch})`,
    'CPUs (lscpu)': `${cpu['CPU(s)'] ?? cpus().length}; threads per core ${cpu['Thread(s) per core'] ?? '?'}; ` +
      `L1d ${cpu['L1d cache'] ?? '?'}, L2 ${cpu['L2 cache'] ?? '?'}, L3 ${cpu['L3 cache'] ?? '?'}; flags include ` +
      ['avx2', 'avx512f', 'fma'].filter((f) => (cpu['Flags'] ?? '').split(' ').includes(f)).join(', '),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: osName(),
    Node: process.version,
    Python: `${reference.python} (${reference.executable})`,
    PyTorch: `${reference.torch} (Debian python3-torch), float64, CPU, default intra-op threads = ${reference.threads}`,
    numpy: reference.numpy,
    BLAS: blasLibrary(),
  };
}
