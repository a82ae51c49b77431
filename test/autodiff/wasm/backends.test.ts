import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const script = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'backend-run.ts');

function run(backend: string): { backend: string; digests: Record<string, string> } {
  const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    encoding: 'utf8', env: { ...process.env, MMCL_BACKEND: backend },
  });
  return JSON.parse(out);
}

test('MMCL_BACKEND=js and =wasm give the same bits for every gemm-dependent workload (autodiff, paper 1 both engines and modes with the probe, paper 2 training, raw gemm)', () => {
  const js = run('js');
  const wasm = run('wasm');
  assert.is(js.backend, 'js');
  assert.is(wasm.backend, 'wasm');
  assert.ok(Object.keys(js.digests).length >= 18, Object.keys(js.digests).join(', '));
  assert.equal(wasm.digests, js.digests);
});

test('an unknown MMCL_BACKEND is a one-line error naming the variable and the choices', () => {
  try {
    execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
      encoding: 'utf8', env: { ...process.env, MMCL_BACKEND: 'gpu' }, stdio: 'pipe',
    });
    assert.unreachable('should have failed');
  } catch (error) {
    assert.match(String((error as { stderr: string }).stderr), /MMCL_BACKEND: unknown backend "gpu"; use wasm or js/);
  }
});

test.run();
