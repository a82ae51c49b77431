// Divergence end to end: a finite blow-up is a warning plus `diverged` in summary.json (exit 1 with --strict); a
// sweep names the run that stopped on numerical trouble and keeps the runs that finished.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCaptured, tempDir } from './helpers.js';

const dir = tempDir('mmcl-divergence-');
const TINY = { d: 60, n: 10, m: 4, steps: 40, nTest: 20, probeTrainSize: 10, populationSamples: 0, evalEvery: 40 };
const blowUp = join(dir, 'blow-up.json');
writeFileSync(blowUp, JSON.stringify({ ...TINY, mode: 'single', eta: 10 }));

test('run: a loss that grows a millionfold is a warning and `diverged` in summary.json; --strict exits 1 and keeps the result', async () => {
  const out = join(dir, 'warned');
  const warned = await runCaptured(['run', blowUp, '--out', out, '--quiet']);
  assert.is(warned.code, 0, warned.stderr);
  assert.match(warned.stderr, /^mmcl: warning: seed 0 diverged: loss .* at step \d+, above 1\.00e\+6 × its initial 1\.73/);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.is(summary.diverged.factor, 1e6);
  assert.ok(summary.diverged.loss > 1e6 * summary.diverged.initialLoss);
  const strict = await runCaptured(['run', blowUp, '--out', out, '--quiet', '--overwrite', '--strict']);
  assert.is(strict.code, 1);
  assert.match(strict.stderr.trim().split('\n').pop()!, /^mmcl run: --strict: 1 run\(s\) diverged \(first: seed 0, step \d+\)/);
  assert.ok(existsSync(join(out, 'summary.json')));
  const lenient = await runCaptured(['run', blowUp, '--out', join(dir, 'lenient'), '--quiet', '--divergence-factor', '1e20']);
  assert.is(lenient.stderr, '');
  assert.is(JSON.parse(readFileSync(join(dir, 'lenient', 'summary.json'), 'utf8')).diverged, false);
});

test('fig1: a run stopping on numerical trouble is named with its step and seed; the finished runs are kept', async () => {
  const config = join(dir, 'fig1.json');
  writeFileSync(config, JSON.stringify({ model: { probeTrainSize: 10, populationSamples: 0 } }));
  const out = join(dir, 'fig1');
  const argv = ['fig1', '--seeds', '1', '--workers', '1', '--quiet', '--config', config, '--d', '60', '--n', '10', '--m', '4', '--steps', '40', '--n-test', '20', '--eval-every', '40', '--eta', '1', '--out', out];
  const { code, stderr } = await runCaptured(argv);
  assert.is(code, 1);
  assert.is(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, /^mmcl fig1: run seed-0-multi failed: numerical trouble at step 40 \(seed 0\): probe fit failed \(cholesky.*1 of 2 runs finished \(the finished runs are kept in .*\.fig1\.partial\)/);
  assert.not.ok(existsSync(out));
  assert.equal(readdirSync(join(dir, '.fig1.partial', '.tasks')), ['seed-0-single.json']);
});

test.run();
