/**
 * The PyTorch side of the benchmarks: finding (or installing) a Python with torch and numpy, and talking to the
 * long-lived reference process benchmarks/reference/server.py (one JSON request and reply per line).
 *
 * Debian's python3-torch lives in /usr/bin/python3; a `python3` earlier on PATH (pyenv, conda) usually lacks it,
 * so /usr/bin/python3 is tried first.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const referenceDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'reference');
const candidates = ['/usr/bin/python3', 'python3'];
/** What a fresh Debian machine needs: torch and numpy, and OpenBLAS (Debian's default libblas3 is the slow
 * netlib reference BLAS, which would make PyTorch an unfairly weak baseline). */
const aptPackages = ['python3-torch', 'python3-numpy', 'libopenblas0-pthread'];

function hasTorch(python: string): boolean {
  const probe = spawnSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore' });
  return probe.status === 0;
}

function openBlasInstalled(): boolean {
  return existsSync('/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3') ||
    existsSync('/usr/lib/aarch64-linux-gnu/openblas-pthread/libblas.so.3');
}

/** Returns a python executable that imports torch and numpy, installing Debian's packages when none does. */
export function ensureReferencePython(log: (line: string) => void): string {
  let found = candidates.find(hasTorch);
  if (found && openBlasInstalled()) return found;
  if (!existsSync('/usr/bin/apt-get')) {
    if (found) return found;
    throw new Error('bench: no python3 with torch and numpy; install PyTorch (CPU) and numpy, then rerun');
  }
  log(`bench: installing ${aptPackages.join(' ')} with apt-get (once; needs root) ...`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const lock = existsSync('/usr/bin/flock') ? ['flock', '/tmp/apt.lock'] : [];
  const cmd = [...sudo, ...lock, 'sh', '-c', `apt-get update -qq && apt-get install -y -qq ${aptPackages.join(' ')}`];
  const run = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`bench: "${cmd.join(' ')}" failed; install ${aptPackages.join(', ')} by hand`);
  found = candidates.find(hasTorch);
  if (!found) throw new Error('bench: python3-torch installed but no python3 imports torch; check /usr/bin/python3');
  return found;
}

export interface EncodedArray { shape: number[]; base64: string }

/** Decodes an array sent by server.py (float64 little-endian, base64) without a copy through JSON numbers. */
export function decodeArray(encoded: EncodedArray): { data: Float64Array; shape: number[] } {
  const bytes = Buffer.from(encoded.base64, 'base64');
  const data = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(data.buffer).set(bytes);
  return { data, shape: encoded.shape };
}

type Reply = Record<string, unknown> & { ok: boolean; error?: string; trace?: string };

/** One reference process; requests are answered in order. */
export class ReferenceServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(reply: Reply) => void> = [];

  constructor(readonly python: string, env: Record<string, string> = {}) {
    this.child = spawn(python, [join(referenceDir, 'server.py')], {
      cwd: referenceDir,
      env: { ...process.env, ...env },
    });
    this.child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    const lines = createInterface({ input: this.child.stdout });
    lines.on('line', (line) => this.waiting.shift()?.(JSON.parse(line) as Reply));
    this.child.on('exit', (code) => {
      for (const resolve of this.waiting.splice(0)) resolve({ ok: false, error: `reference process exited (${code})` });
    });
  }

  async request<T = Record<string, unknown>>(req: Record<string, unknown>): Promise<T> {
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(JSON.stringify(req) + '\n');
    });
    if (!reply.ok) throw new Error(`reference ${String(req.cmd)}: ${reply.error}\n${reply.trace ?? ''}`);
    return reply as unknown as T;
  }

  close(): void {
    this.child.stdin.end();
  }
}
