/**
 * `mmcl verify` end to end (the command module lives in packages/cli/src/commands/verify.ts and is owned by the
 * theory issue): files written, --strict exit code, one-line errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCaptured as quietly, tempDir } from '../cli/helpers.js';

const dir = tempDir('mmcl-verify-');
const config = join(dir, 'small.json');
writeFileSync(config, JSON.stringify({ d: 200, n: 8, m: 3, steps: 15, populationSamples: 0, nTest: 8, probeTrainSize: 4 }));

test('writes verify.json and verify.md; exit 0 without --strict, 1 with it when a statement fails', async () => {
  const out = join(dir, 'out');
  const plain = await quietly(['verify', config, '--out', out, '--quiet', '--cross-engine', 'never']);
  assert.is(plain.code, 0);
  const report = JSON.parse(readFileSync(join(out, 'verify.json'), 'utf8'));
  assert.ok(report.summary.failed > 0, 'this configuration violates some statements');
  assert.match(readFileSync(join(out, 'verify.md'), 'utf8'), /\| statement \| kind \| holds \| margin \| slack \| location \| detail \|/);
  const strict = await quietly(['verify', config, '--out', out, '--quiet', '--cross-engine', 'never', '--strict', '--overwrite']);
  assert.is(strict.code, 1);
  assert.match(strict.stderr, /^mmcl verify: --strict: \d+ statement\(s\) failed: .* — see .*verify\.md\n$/);
});

test('bad input is one line naming the field, exit code 2, and leaves no output folder', async () => {
  const out = join(dir, 'bad');
  const epsilon = await quietly(['verify', config, '--out', out, '--quiet', '--epsilon', '-1']);
  assert.is(epsilon.code, 2);
  assert.match(epsilon.stderr, /^mmcl verify: --epsilon: must be a positive number \(got "-1"\) — pass e.g. --epsilon 0.05\n$/);
  writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ tau: -1 }));
  const key = await quietly(['verify', join(dir, 'wrong.json'), '--out', out, '--quiet']);
  assert.is(key.code, 2);
  assert.match(key.stderr, /config\.tau/);
  assert.is(existsSync(out), false);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
