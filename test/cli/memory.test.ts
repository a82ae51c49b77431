// Size limits before allocating: configurations that do not fit are refused in one line before any work.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { totalmem } from 'node:os';
import fc from 'fast-check';
import { resolveConfig } from '@mmcl/infomax';
import { sampleGramInputs } from '@mmcl/infomax/internal';
import { encodeNpy } from '@mmcl/autodiff';
import { checkMemory, coloredMnistMemory, gramBlockMemory, idMemory, idsweepMemory, simulationMemory } from '../../packages/cli/src/memory.js';
import { DEFAULT_CONFIG } from '../../packages/coloredmnist/src/config.js';
import { handNpy } from '../autodiff/npyBytes.js';
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
  const estimate = simulationMemory(resolveConfig({ d: 1e12, sampler: 'gram' }));
  assert.ok(estimate.bytes < 2 ** 30, `${estimate.bytes} bytes`);
  assert.not.ok(estimate.keys.includes('d'));
  assert.throws(() => checkMemory(simulationMemory(resolveConfig({ d: 1e12 })), {}), (err: Error) => err instanceof CliError && err.field === 'memory');
});

test("the Gram sampler's blocks: the estimate covers the matrices sampleGramInputs actually allocates (2n + m + nTest + 2 rows single-modal), plus the Bartlett factors and the write copy", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 5, max: 40 }), fc.constantFrom('single', 'multi'), (n, m, nTest, mode) => {
      const config = resolveConfig({ d: 1e12, n, m, nTest, mode, probeTrainSize: 2, populationSamples: 0, sampler: 'gram' });
      const { h: first, g: second } = sampleGramInputs(config).gram;
      const blocks = second ? [first, second] : [first];
      // The fixed vectors: µ and ν in the first block, µ~ alone in the second.
      const fixedRows = (block: typeof first) => ('nu' in block.index ? 2 : 1);
      // What the sampler holds (each matrix), and the transient k×k Bartlett factor and Wishart matrix of each block.
      const allocated = blocks.reduce((total, block) => total + 8 * block.matrix.length, 0);
      const transient = blocks.reduce((total, block) => total + 8 * 2 * (block.size - fixedRows(block)) ** 2, 0);
      const estimate = gramBlockMemory(config);
      assert.ok(estimate >= 2 * allocated + transient, `${estimate} < ${2 * allocated + transient} (${mode}, n ${n}, m ${m}, nTest ${nTest})`);
      assert.ok(estimate <= 1.1 * (2 * allocated + transient) + 8 * 2 * 100, `${estimate} overestimates ${2 * allocated + transient}`);
      assert.ok(simulationMemory(config).bytes >= estimate);
    }),
    { numRuns: 60 },
  );
});

test('id: the estimate is made from the header before the data is read; refused in one line naming the rows, --k and --max-memory; nothing written', async () => {
  const file = join(dir, 'points.npy');
  writeFileSync(file, encodeNpy(new Float64Array(300).map((_, i) => Math.sin(i)), [100, 3]));
  const json = join(dir, 'id.json');
  const { code, stderr } = await runCaptured(['id', file, '--json', json, '--max-memory', '0.00001']);
  assert.is(code, 2);
  assert.is(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /^mmcl id: memory: this configuration needs about [\d.]+ MiB, more than the limit of [\d.]+ MiB \(this machine has [\d.]+ GiB\) — lower the rows in the file \(save a subsample, e\.g\. X\[::2\]\) or --k, or raise the limit with --max-memory GB/);
  assert.not.ok(readdirSync(dir).includes('id.json'));
  // A header announcing 10⁹ × 100 float64 (with no data behind it) is refused by the estimate, not by a failed read.
  const huge = join(dir, 'huge.npy');
  writeFileSync(huge, handNpy('<f8', false, [1e9, 100], new Uint8Array(0)));
  const refused = await runCaptured(['id', huge]);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /^mmcl id: memory: this configuration needs about [\d.]+ TiB/);
  const small = idMemory({ rows: 100, columns: 3, fileBytes: 2528, k: 20 }).bytes;
  assert.ok(idMemory({ rows: 200, columns: 3, fileBytes: 2528, k: 20 }).bytes > 1.9 * (small - 2528));
});

test('idsweep: the testRows² similarity summary dominates at large --test-rows; refused before any work, naming --test-rows and --workers', async () => {
  const sizes = { trainRows: 2560, referenceRows: 500, testRows: 1000, batchSize: 256, hidden: [50, 50, 50], outputDim: 29 };
  const base = idsweepMemory(sizes);
  const big = idsweepMemory({ ...sizes, testRows: 100_000 });
  assert.is(big.keys[0], '--test-rows');
  assert.ok(big.bytes > 8 * 2 * 1e10, 'the 10¹⁰ negatives and their sorted copy');
  assert.ok(base.bytes < 0.05 * totalmem(), 'the defaults fit easily');
  assert.is(idsweepMemory({ ...sizes, hidden: [100_000, 100_000] }).keys[0], '--hidden');
  const out = join(dir, 'idsweep');
  const { code, stderr } = await runCaptured(['idsweep', '--test-rows', '400000', '--dims', '3,5', '--workers', '2', '--out', out, '--quiet']);
  assert.is(code, 2, stderr);
  assert.is(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /^mmcl idsweep: memory: this configuration needs about [\d.]+ TiB \(2 runs at once, .* — lower --test-rows, .* or --workers, or raise the limit with --max-memory GB/);
  const limited = await runCaptured(['idsweep', '--dims', '3', '--out', out, '--quiet', '--max-memory', '0.001']);
  assert.is(limited.code, 2);
  assert.match(limited.stderr, /^mmcl idsweep: memory: /);
  assert.not.ok(readdirSync(dir).some((name) => name.includes('idsweep')), 'nothing written');
});

test('coloredmnist: the encoder width, batch and data sizes drive the estimate; refused before any work', async () => {
  const base = coloredMnistMemory(DEFAULT_CONFIG);
  assert.ok(base.bytes < 0.1 * totalmem(), `the defaults fit: ${base.bytes}`);
  assert.is(coloredMnistMemory({ ...DEFAULT_CONFIG, encoder: 'mlp', width: 10_000_000 }).keys[0], '--width');
  assert.is(coloredMnistMemory({ ...DEFAULT_CONFIG, encoder: 'cnn', channels: 5000 }).keys[0], '--channels');
  assert.ok(coloredMnistMemory({ ...DEFAULT_CONFIG, dataset: 'mnist60k' }).bytes >= base.bytes + 8 * 60_000 * 784);
  const out = join(dir, 'cmnist');
  const { code, stderr } = await runCaptured(['coloredmnist', '--encoder', 'mlp', '--width', '10000000', '--out', out, '--quiet']);
  assert.is(code, 2, stderr);
  assert.is(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /^mmcl coloredmnist: memory: this configuration needs about [\d.]+ [GT]iB, .* — lower --width, .*or raise --downsample, or raise the limit with --max-memory GB/);
  assert.not.ok(readdirSync(dir).some((name) => name.includes('cmnist')), 'nothing written');
});

test('optim: every run is estimated (times the runs in flight) and --max-memory is a flag of the command', async () => {
  const out = join(dir, 'optim');
  const { code, stderr } = await runCaptured(['optim', '--d', '1000000000', '--seeds', '1', '--out', out, '--quiet']);
  assert.is(code, 2, stderr);
  assert.match(stderr, /^mmcl optim: memory: .* — lower --d, .*or raise the limit with --max-memory GB/);
  const limited = await runCaptured(['optim', '--seeds', '1', '--out', out, '--quiet', '--max-memory', '0.0001']);
  assert.is(limited.code, 2);
  assert.match(limited.stderr, /^mmcl optim: memory: /);
  assert.not.ok(readdirSync(dir).some((name) => name.includes('optim')), 'nothing written');
});

test.run();
