/** The `mmcl run` command (packages/cli/src/commands/run.ts), driven through runCli in-process. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCaptured as run, tempDir } from '../cli/helpers.js';

const root = tempDir('mmcl-run-command-');

function configFile(name: string, contents: unknown): string {
  const path = join(root, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

test('mmcl run writes a complete run directory', async () => {
  const out = join(root, 'ok');
  const { code } = await run(['run', configFile('ok.json', { mode: 'multi', d: 80, n: 10, m: 3, steps: 4, nTest: 10, probeTrainSize: 5, populationSamples: 0 }), '--out', out, '--quiet']);
  assert.is(code, 0);
  assert.equal(readdirSync(out).sort(), ['.mmcl-output.json', 'config.json', 'inputs', 'summary.json', 'trajectory']);
});

test('bad configurations: one line naming the key, exit code 2, no run directory left behind', async () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ n: 1 }, /config\.n: must be an integer ≥ 2/],
    [{ tau: -1 }, /config\.tau: must be > 0/],
    [{ eta: 0 }, /config\.eta: must be > 0/],
    [{ learningRate: 1 }, /config\.learningRate: unknown key/],
    ['{"d": 1e999}', /config\.d: must be a finite number \(got Infinity\)/],
    ['{not json', /is not valid JSON/],
  ];
  for (const [k, [contents, pattern]] of cases.entries()) {
    const out = join(root, `bad-${k}`);
    const { code, stderr } = await run(['run', configFile(`bad-${k}.json`, contents), '--out', out, '--quiet']);
    assert.is(code, 2, stderr);
    assert.match(stderr, pattern);
    assert.is(stderr.trim().split('\n').length, 1, stderr);
    assert.not.ok(existsSync(out), `${out} left behind`);
  }
  assert.ok(readdirSync(root).every((name) => !name.startsWith('.')), 'no hidden staging folders');
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test.run();
