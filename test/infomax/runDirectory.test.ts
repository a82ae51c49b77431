import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNpyFile } from '@mmcl/autodiff';
import { RunDirectoryError, simulate, writeRunDirectory } from '@mmcl/infomax';
import { sameBits } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'mmcl-infomax-rundir-'));
const config = { mode: 'multi' as const, d: 60, n: 10, m: 4, steps: 6, nTest: 12, probeTrainSize: 6, evalEvery: 3, populationSamples: 100 };
const result = simulate(config);

test('a run directory holds config.json, inputs/*.npy, trajectory/*.npy and summary.json that read back bit for bit', () => {
  const dir = join(root, 'multi');
  writeRunDirectory(result, dir);
  assert.equal(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')), result.config);
  const inputs: Array<[string, Float64Array | Int32Array, number[]]> = [
    ['y', result.inputs.y, [10]], ['mu', result.inputs.mu, [60]], ['xi', result.inputs.xi, [10, 60]],
    ['eps', result.inputs.eps, [10, 60]], ['W0', result.inputs.W0, [4, 60]], ['mu_tilde', result.inputs.muTilde!, [60]],
    ['xi_tilde', result.inputs.xiTilde!, [10, 60]], ['W0_tilde', result.inputs.W0Tilde!, [4, 60]],
    ['negatives', result.inputs.negatives, [result.inputs.negatives.length]],
    ['negative_offsets', result.inputs.negativeOffsets, [11]],
  ];
  for (const [name, data, shape] of inputs) {
    const read = readNpyFile(join(dir, 'inputs', `${name}.npy`));
    assert.equal(read.shape, shape, name);
    assert.ok(sameBits(read.data as Float64Array | Int32Array, data), name);
  }
  const trajectories: Array<[string, Float64Array | Int32Array, number[]]> = [
    ['loss', result.loss, [7]], ['gamma', result.h.gamma.data, [7, 4]], ['rho', result.h.rho.data, [7, 4, 10]],
    ['gamma_tilde', result.g!.gamma.data, [7, 4]], ['rho_tilde', result.g!.rho.data, [7, 4, 10]],
    ['test_accuracy', result.testAccuracy, [3]], ['eval_steps', result.evalSteps, [3]],
  ];
  for (const [name, data, shape] of trajectories) {
    const read = readNpyFile(join(dir, 'trajectory', `${name}.npy`));
    assert.equal(read.shape, shape, name);
    assert.ok(sameBits(read.data as Float64Array | Int32Array, data), name);
  }
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  assert.is(summary.final.loss, result.loss[6]);
  assert.is(summary.engine, 'reduced');
  assert.is(typeof summary.wallTimeMs, 'number');
  assert.ok(typeof summary.final.signalTilde === 'number');
  // nothing but the final directory is left in the parent (no staging folder)
  assert.equal(readdirSync(root), ['multi']);
});

test('an existing empty directory is reused', () => {
  const dir = join(root, 'empty');
  mkdirSync(dir);
  writeRunDirectory(result, dir);
  assert.ok(existsSync(join(dir, 'summary.json')));
});

test('a non-empty target is refused and left untouched; a failed write leaves nothing behind', () => {
  const dir = join(root, 'occupied');
  mkdirSync(dir);
  writeFileSync(join(dir, 'keep.txt'), 'x');
  assert.throws(() => writeRunDirectory(result, dir), (e: unknown) => e instanceof RunDirectoryError);
  assert.equal(readdirSync(dir), ['keep.txt']);
  const broken = { ...result, loss: new Float64Array(2) }; // wrong length: encoding the loss fails mid-write
  const target = join(root, 'broken');
  assert.throws(() => writeRunDirectory(broken, target));
  assert.not.ok(existsSync(target));
  assert.ok(readdirSync(root).every((name) => !name.includes('partial')), readdirSync(root).join(','));
});

test("mmcl's own earlier run directory is replaced only with { overwrite: true }; an orphaned staging folder is reused, not piled up", () => {
  const dir = join(root, 'again');
  writeRunDirectory(result, dir);
  assert.is(JSON.parse(readFileSync(join(dir, '.mmcl-output.json'), 'utf8')).command, 'writeRunDirectory');
  assert.throws(() => writeRunDirectory(result, dir), (e: unknown) => e instanceof RunDirectoryError && /earlier result of mmcl writeRunDirectory; pass \{ overwrite: true \}/.test(e.message));
  // What a write killed before its rename leaves: the marked staging sibling.
  mkdirSync(join(root, '.again.partial'));
  writeFileSync(join(root, '.again.partial', '.mmcl-output.json'), JSON.stringify({ mmcl: 'output', command: 'writeRunDirectory', options: null, staging: true, files: [] }));
  writeRunDirectory(result, dir, { overwrite: true });
  assert.ok(existsSync(join(dir, 'summary.json')));
  assert.not.ok(existsSync(join(root, '.again.partial')));
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  assert.throws(() => writeRunDirectory(result, dir, { overwrite: true }), (e: unknown) => e instanceof RunDirectoryError && /'notes.txt', which mmcl did not write/.test(e.message));
  assert.is(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine');
  rmSync(dir, { recursive: true });
});

test('a write killed inside its commit (staging folder marked complete, not yet renamed) is finished by the next write, which with { overwrite: true } replaces it (what a sweep worker redoing that run does)', () => {
  const dir = join(root, 'cut');
  writeRunDirectory(result, join(root, 'complete'));
  // What commit leaves when killed after marking the staging folder complete and before renaming it into place.
  renameSync(join(root, 'complete'), join(root, '.cut.partial'));
  assert.throws(() => writeRunDirectory(result, dir), (e: unknown) => e instanceof RunDirectoryError && /earlier result of mmcl writeRunDirectory/.test(e.message));
  assert.ok(existsSync(join(dir, 'summary.json')), 'the finished copy was moved into place, not lost');
  writeRunDirectory(result, dir, { overwrite: true });
  assert.ok(existsSync(join(dir, 'summary.json')));
  assert.not.ok(existsSync(join(root, '.cut.partial')) || existsSync(join(root, '.cut.replaced')));
  rmSync(dir, { recursive: true });
});

test('numpy loads every .npy of a run directory (float64 C order for arrays, int32 for index lists)', () => {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    console.log('  skipped: python3 with numpy is not available (apt-get install -y python3-numpy)');
    return;
  }
  const dir = join(root, 'single');
  writeRunDirectory(simulate({ ...config, mode: 'single' }), dir);
  const script = [
    'import sys, os, numpy as np',
    'root = sys.argv[1]; count = 0',
    'for sub in ("inputs", "trajectory"):',
    '    for f in sorted(os.listdir(os.path.join(root, sub))):',
    '        a = np.load(os.path.join(root, sub, f))',
    '        assert a.flags["C_CONTIGUOUS"], f',
    '        assert a.dtype in (np.float64, np.int32), (f, a.dtype)',
    '        assert np.all(np.isfinite(a)), f',
    '        count += 1',
    'rho = np.load(os.path.join(root, "trajectory", "rho.npy")); assert rho.shape == (7, 4, 10)',
    'print(count)',
  ].join('\n');
  const run = spawnSync('python3', ['-c', script, dir], { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  assert.ok(Number(run.stdout.trim()) >= 15, run.stdout);
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test('a Gram-sampler run directory stores gram.npy / gram_tilde.npy with their row index and no d-dimensional inputs', () => {
  const gramResult = simulate({ ...config, d: 1e12, sampler: 'gram' });
  const dir = join(root, 'gram');
  writeRunDirectory(gramResult, dir);
  assert.is(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).sampler, 'gram');
  const files = readdirSync(join(dir, 'inputs')).sort();
  assert.equal(files, ['gram.npy', 'gram_index.json', 'gram_tilde.npy', 'negative_offsets.npy', 'negatives.npy', 'y.npy', 'y_test.npy']);
  const index = JSON.parse(readFileSync(join(dir, 'inputs', 'gram_index.json'), 'utf8'));
  assert.equal(index['gram.npy'], { mu: [0, 1], nu: [1, 1], xi: [2, 10], w0: [12, 4], zeta: [16, 12] });
  assert.equal(index['gram_tilde.npy'], { mu: [0, 1], xi: [1, 10], w0: [11, 4] });
  for (const [file, block] of [['gram', gramResult.inputs.gram!.h], ['gram_tilde', gramResult.inputs.gram!.g!]] as const) {
    const read = readNpyFile(join(dir, 'inputs', `${file}.npy`));
    assert.equal(read.shape, [block.size, block.size]);
    assert.ok(sameBits(read.data as Float64Array, block.matrix), file);
  }
});

test.run();
