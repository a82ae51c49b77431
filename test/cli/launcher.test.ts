// The `mmcl` launcher (packages/cli/bin/mmcl.js) started from a folder outside the checkout: it must find its own
// tsx and sources, and read relative paths against the folder it was started in.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStreams, writeNpyFile } from '@mmcl/autodiff';

const launcher = fileURLToPath(new URL('../../packages/cli/bin/mmcl.js', import.meta.url));
const outside = mkdtempSync(join(tmpdir(), 'mmcl-launcher-'));
test.after(() => rmSync(outside, { recursive: true, force: true }));

test('started from a folder outside the repository (no node_modules there), mmcl runs a command on relative paths', () => {
  assert.not.ok(existsSync(join(outside, 'node_modules')));
  writeNpyFile(join(outside, 'points.npy'), createStreams(3).data.normal(200 * 3), [200, 3]);
  const run = spawnSync(process.execPath, [launcher, 'id', 'points.npy', '--json', 'id.json'], { cwd: outside, encoding: 'utf8', timeout: 120_000 });
  assert.is(run.status, 0, run.stderr);
  assert.match(run.stdout, /^MLE \(k = 20, mean\) intrinsic dimension of points\.npy \(200 × 3\): \d\.\d{4}\n$/);
  assert.is(JSON.parse(readFileSync(join(outside, 'id.json'), 'utf8')).points, 200);
  const help = spawnSync(process.execPath, [launcher, '--help'], { cwd: outside, encoding: 'utf8', timeout: 120_000 });
  assert.is(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: mmcl/);
});

test.run();
