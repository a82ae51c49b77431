// Size limits before allocating: configurations that do not fit are refused in one line before any work.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { totalmem } from 'node:os';
import { resolveConfig } from '@mmcl/infomax';
import { checkMemory, simulationMemory } from '../../packages/cli/src/memory.js';
import { CliError } from '../../packages/cli/src/errors.js';
import { runCaptured, tempDir } from './helpers.js';

const dir = tempDir('mmcl-memory-');

test('run: d = 1e8, d = 1e9 and steps = 1e6 are refused before any work, naming the estimate, the machine and the keys', async () => {
  for (const [config, keys] of [[{ d: 1e8 }, 'd, n'], [{ d: 1e9 }, 'd, n'], [{ steps: 1e6 }, 'steps, m']] as const) {
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify(config));
    const out = join(dir, 'out');
    const { code, stderr } = await runCaptured(['run', file, '--out', out, '--quiet']);
    assert.is(code, 2, stderr);
    assert.is(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, new RegExp(`^mmcl run: memory: this configuration needs about [\\d.]+ [GT]iB, more than the limit of [\\d.]+ GiB \\(this machine has [\\d.]+ GiB\\) — lower ${keys}.* in .*big\\.json, or raise the limit with --max-memory GB`));
  }
  assert.equal(readdirSync(dir), ['big.json'], 'nothing written');
});

test('fig1 counts the runs in flight and names --workers; verify counts both engines; --max-memory lowers or raises the limit', async () => {
  const fig1 = await runCaptured(['fig1', '--d', '10000000', '--workers', '2', '--out', join(dir, 'fig1')]);
  assert.is(fig1.code, 2);
  assert.match(fig1.stderr, /^mmcl fig1: memory: .*\(2 runs at once, .* each\).* — lower --d, --n, --n-test, --steps or --workers/);
  const config = join(dir, 'default.json');
  writeFileSync(config, '{}');
  const verify = await runCaptured(['verify', config, '--out', join(dir, 'verify'), '--quiet', '--max-memory', '0.001']);
  assert.is(verify.code, 2);
  assert.match(verify.stderr, /^mmcl verify: memory: .*\(2 runs at once/);
  const bad = await runCaptured(['run', config, '--out', join(dir, 'x'), '--max-memory', 'lots']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /^mmcl run: --max-memory: must be a positive number of GiB \(got "lots"\)/);
  assert.not.throws(() => checkMemory(simulationMemory(resolveConfig({ steps: 1e6 })), { maxMemory: 64 }));
});

test('the estimate grows with d, steps and the mode, and the Gram sampler (no d-dimensional array) is not refused at d = 1e12', () => {
  const base = simulationMemory(resolveConfig({}));
  assert.ok(base.bytes < 0.1 * totalmem(), 'the Figure-1 defaults fit easily');
  assert.ok(simulationMemory(resolveConfig({ d: 4000 })).bytes > 1.9 * base.bytes * 0.9);
  assert.ok(simulationMemory(resolveConfig({ mode: 'multi' })).bytes > base.bytes);
  assert.ok(simulationMemory(resolveConfig({ steps: 2000 })).bytes > simulationMemory(resolveConfig({ steps: 200 })).bytes);
  const gram = { ...resolveConfig({ d: 1e12 }), sampler: 'gram' } as ReturnType<typeof resolveConfig>;
  const estimate = simulationMemory(gram);
  assert.ok(estimate.bytes < 2 ** 30, `${estimate.bytes} bytes`);
  assert.not.ok(estimate.keys.includes('d'));
  assert.throws(() => checkMemory(simulationMemory(resolveConfig({ d: 1e12 })), {}), (err: Error) => err instanceof CliError && err.field === 'memory');
});

test.run();
