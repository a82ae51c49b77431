// `npm run bench` (benchmarks/run.ts): usage, bad flags, and partial runs that never overwrite the recorded full results.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const bench = (args: string[], timeout = 60_000) =>
  spawnSync('npm', ['run', '--silent', 'bench', '--', ...args], { cwd: root, encoding: 'utf8', timeout });

test('npm run bench -- --help prints the usage and exits 0 (no stack trace, nothing run)', () => {
  const run = bench(['--help']);
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, /^usage: npm run bench -- \[--quick\] \[--only [a-z0-9,]+\]/);
  assert.match(run.stdout, /benchmarks\/results\/partial\/latest\.json with --only or --quick/);
  assert.not.match(run.stderr, /\n\s+at /);
});

test('bad flags are one line with exit 2, before anything runs', () => {
  for (const [args, pattern] of [
    [['--only', 'nonsense'], /^bench: --only: unknown section "nonsense"; use paper1, /],
    [['--reps', '0'], /^bench: --reps: must be a whole number ≥ 1 \(got "0"\)/],
    [['--frobnicate'], /^bench: Unknown option '--frobnicate'.* — run 'npm run bench -- --help' for the usage/],
  ] as const) {
    const run = bench([...args]);
    assert.is(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, pattern);
    assert.is(run.stderr.trim().split('\n').length, 1, run.stderr);
  }
});

test('benchmarks/results/partial/ is ignored by git, so partial runs are never committed as results', () => {
  const ignored = spawnSync('git', ['check-ignore', '-q', 'benchmarks/results/partial/latest.json'], { cwd: root });
  assert.is(ignored.status, 0, 'benchmarks/results/partial/ must be in .gitignore');
  const full = spawnSync('git', ['check-ignore', '-q', 'benchmarks/results/latest.json'], { cwd: root });
  assert.is(full.status, 1, 'the recorded full results stay tracked');
});

// A real partial run: the cheapest section (autodiff, mmcl only) still starts the PyTorch reference, so it is long.
const long = process.env.MMCL_LONG === '1' ? test : test.skip;
if (process.env.MMCL_LONG !== '1') console.log('skipped: a real `npm run bench -- --only autodiff --quick` (set MMCL_LONG=1 to run it)');

long('--only writes its report to benchmarks/results/partial/ and leaves the recorded full results untouched', () => {
  const recorded = join(root, 'benchmarks', 'results', 'latest.json');
  const before = existsSync(recorded) ? { bytes: readFileSync(recorded), mtime: statSync(recorded).mtimeMs } : null;
  const started = Date.now();
  const run = bench(['--only', 'autodiff', '--quick'], 600_000);
  assert.is(run.status, 0, run.stderr);
  const partial = join(root, 'benchmarks', 'results', 'partial', 'latest.json');
  assert.ok(existsSync(partial) && statSync(partial).mtimeMs >= started - 1000, 'the partial report is written');
  if (before) {
    assert.ok(readFileSync(recorded).equals(before.bytes), 'the full results are unchanged');
    assert.is(statSync(recorded).mtimeMs, before.mtime);
  }
});

test.run();
