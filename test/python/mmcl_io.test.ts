// python/mmcl_io.py against the TypeScript writer: every array as written, and W^(t) rebuilt from γ, ρ equal to
// weightsFromCoefficients. Needs python3 with NumPy (.ci/run installs Debian's python3-numpy); without it the tests
// are skipped, counted as skipped by uvu and the reason printed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy } from '@mmcl/autodiff';
import { simulate, writeRunDirectory } from '@mmcl/infomax';
import { encoderData, weightsFromCoefficients } from '@mmcl/infomax/internal';

const reader = join(process.cwd(), 'python');
const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
const numpy = probe.status === 0;
if (!numpy) console.log(`skipped: python3 with NumPy is not available (${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}); install it with apt-get install -y python3-numpy`);
const maybe = numpy ? test : test.skip;

const root = mkdtempSync(join(tmpdir(), 'mmcl-python-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

function python(code: string): string {
  const run = spawnSync('python3', ['-c', code], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: reader }, timeout: 60_000 });
  assert.is(run.status, 0, run.stderr);
  return run.stdout;
}

maybe('python -c loads a multi-modal run directory and rebuilds W^(t), W~^(t) from γ, ρ to 1e-13 of weightsFromCoefficients', () => {
  const result = simulate({ mode: 'multi', d: 40, n: 6, m: 3, steps: 5, nTest: 10, probeTrainSize: 5, populationSamples: 0 });
  const dir = join(root, 'multi');
  writeRunDirectory(result, dir);
  const { config, inputs } = result;
  const reference = join(root, 'reference');
  const points = [0, 3, 5];
  const { m, n, d } = config;
  const stack = (which: 'h' | 'g') => {
    const flat = new Float64Array(points.length * m * d);
    points.forEach((t, k) => {
      const { gamma, rho } = result[which]!;
      flat.set(weightsFromCoefficients(encoderData(config, inputs, which), gamma.data.subarray(t * m, (t + 1) * m), rho.data.subarray(t * m * n, (t + 1) * m * n)), k * m * d);
    });
    return flat;
  };
  writeFileSync(`${reference}-h.npy`, encodeNpy(stack('h'), [points.length, m, d]));
  writeFileSync(`${reference}-g.npy`, encodeNpy(stack('g'), [points.length, m, d]));
  const out = JSON.parse(python(`
import json, numpy as np, mmcl_io
run = mmcl_io.load_run(${JSON.stringify(dir)})
report = {}
for enc in ('h', 'g'):
    ref = np.load(${JSON.stringify(reference)} + f'-{enc}.npy')
    rebuilt = np.stack([mmcl_io.weights(run, t, enc) for t in ${JSON.stringify(points)}])
    report[enc] = float(np.abs(rebuilt - ref).max() / np.abs(ref).max())
report['shapes'] = [list(run.h.gamma.shape), list(run.h.rho.shape), list(run.g.rho.shape)]
report['gamma'] = run.h.gamma.ravel().tolist()
report['rho_tilde'] = run.g.rho.ravel().tolist()
report['signal'] = bool(np.array_equal(np.abs(run.h.gamma).max(axis=1), run.trajectory['signal']))
report['noise'] = bool(np.array_equal(run.g.rho.max(axis=1).mean(axis=1), run.trajectory['noise_tilde']))
print(json.dumps(report))
`));
  assert.ok(out.h < 1e-13 && out.g < 1e-13, `relative differences h ${out.h}, g ${out.g}`);
  assert.equal(out.shapes, [[6, 3], [6, 3, 6], [6, 3, 6]]);
  assert.equal(out.gamma, Array.from(result.h.gamma.data));
  assert.equal(out.rho_tilde, Array.from(result.g!.rho.data));
  assert.ok(out.signal && out.noise, 'signal/noise series recomputed from γ, ρ');
});

maybe('with weight decay W^(t) = a_t W^(0) + …: the reader applies trajectory/a.npy (to 1e-13 of weightsFromCoefficients)', () => {
  const result = simulate({ d: 40, n: 6, m: 3, steps: 5, nTest: 10, probeTrainSize: 5, populationSamples: 0, engine: 'dense', optimizer: { name: 'sgd', weightDecay: 2 } });
  const dir = join(root, 'decayed');
  writeRunDirectory(result, dir);
  const { m, n, d } = result.config;
  const a = result.h.a!;
  assert.ok(a[5] < 1, 'the weights decayed');
  const W = weightsFromCoefficients(encoderData(result.config, result.inputs, 'h'), result.h.gamma.data.subarray(5 * m, 6 * m), result.h.rho.data.subarray(5 * m * n, 6 * m * n), a[5]);
  writeFileSync(join(root, 'decayed-W.npy'), encodeNpy(W, [m, d]));
  const out = python(`import numpy as np, mmcl_io
ref = np.load(${JSON.stringify(join(root, 'decayed-W.npy'))})
print(float(np.abs(mmcl_io.weights(mmcl_io.load_run(${JSON.stringify(dir)}), 5) - ref).max() / np.abs(ref).max()))`);
  assert.ok(Number(out) < 1e-13, out);
});

maybe('a single-modal run has g = None, and an array of the wrong shape is refused naming the file', () => {
  const dir = join(root, 'single');
  writeRunDirectory(simulate({ d: 30, n: 4, m: 2, steps: 3, nTest: 8, probeTrainSize: 4, populationSamples: 0 }), dir);
  assert.match(python(`import mmcl_io; print(mmcl_io.load_run(${JSON.stringify(dir)}).g)`), /^None$/m);
  writeFileSync(join(dir, 'trajectory', 'rho.npy'), encodeNpy(new Float64Array(4 * 2 * 3), [4, 2, 3]));
  const run = spawnSync('python3', ['-c', `import mmcl_io; mmcl_io.load_run(${JSON.stringify(dir)})`], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: reader } });
  assert.is.not(run.status, 0);
  assert.match(run.stderr, /RunDirectoryError: .*trajectory\/rho\.npy holds float64 \(4, 2, 3\) but config\.json needs float64 \(4, 2, 4\)/);
});

test.run();
