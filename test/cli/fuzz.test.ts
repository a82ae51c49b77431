// Generated bad input (issue #11): ≥ 1 000 configurations across `run`, `verify`, `fig1` flags and `id` files, each
// with at least one invalid element. Every one must exit 2 with one line naming the key, no stack trace, and
// leave nothing behind. Run in-process through runCli (the parsing layer), plus a few real processes on top.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNpy } from '@mmcl/autodiff';
import { resolveConfig } from '@mmcl/infomax';
import { runCaptured, tempDir } from './helpers.js';

const dir = tempDir('mmcl-fuzz-');
const inputs = new Set<string>();
let counter = 0;
function file(name: string, contents: string | Uint8Array): string {
  const path = join(dir, `${counter++}-${name}`);
  writeFileSync(path, contents);
  inputs.add(path.slice(dir.length + 1));
  return path;
}
function freshOut(): string {
  return join(dir, `out-${counter++}`);
}

/** Exit 2, one line naming `key`, no stack trace, nothing written at `out` (or its staging sibling). */
function assertRefused(result: { code: number; stdout: string; stderr: string }, key: string, out?: string): void {
  const context = `${key}: ${result.stderr}`;
  assert.is(result.code, 2, context);
  const lines = result.stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, context);
  assert.ok(lines[0].includes(key), `the message names ${key}: ${lines[0]}`);
  assert.not.match(result.stderr, /\n\s+at |Error:/, 'no stack trace');
  if (out) assert.not.ok(existsSync(out), `${out} left behind`);
}

// Values no key of the engine configuration accepts (optimizer takes objects, so only a string for it).
const invalidValue = fc.constantFrom<unknown>('abc', null, [], -1e400, 'NaN', { nested: 1 }, '');
const engineKeys = Object.keys(resolveConfig({}));
const unknownKey = fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/).filter((k) => !engineKeys.includes(k));
/** A configuration file with one bad key (invalid value or unknown key) and some valid others; returns the key. */
const badConfig = fc.tuple(
  fc.oneof(
    fc.tuple(fc.constantFrom(...engineKeys), invalidValue),
    fc.tuple(unknownKey, fc.constantFrom<unknown>(1, 'x', true)),
  ),
  fc.subarray(['seed', 'mode', 'steps'] as const),
).filter(([[key, value]]) => !(key === 'optimizer' && typeof value === 'object'));

function configOf([[key, value], valid]: [[string, unknown], readonly string[]]): { key: string; path: string } {
  const contents: Record<string, unknown> = {};
  for (const k of valid) contents[k] = k === 'mode' ? 'multi' : k === 'steps' ? 3 : 1;
  contents[key] = value;
  return { key, path: file('config.json', JSON.stringify(contents)) };
}

test('run: 300 generated bad configurations', async () => {
  await fc.assert(
    fc.asyncProperty(badConfig, async (generated) => {
      const { key, path } = configOf(generated);
      const out = freshOut();
      assertRefused(await runCaptured(['run', path, '--out', out, '--quiet']), key, out);
    }),
    { numRuns: 300 },
  );
});

const badVerifyFlag = fc.oneof(
  fc.tuple(fc.constant('--epsilon'), fc.constantFrom('0', '-1', 'abc', 'NaN', 'Infinity', '')),
  fc.tuple(fc.constant('--delta'), fc.constantFrom('0', '1', '2', '-0.5', 'abc')),
  fc.tuple(fc.constant('--cross-engine'), fc.stringMatching(/^[a-z]{1,8}$/).filter((w) => !['auto', 'always', 'never'].includes(w))),
  fc.tuple(fc.constant('--max-memory'), fc.constantFrom('0', '-3', 'abc')),
);

test('verify: 250 generated bad configurations or flags', async () => {
  const valid = file('valid.json', JSON.stringify({ d: 40, n: 8, m: 3, steps: 2 }));
  await fc.assert(
    fc.asyncProperty(fc.oneof(badConfig.map((c) => ({ c })), badVerifyFlag.map((f) => ({ f }))), async (generated) => {
      const out = freshOut();
      if ('c' in generated) {
        const { key, path } = configOf(generated.c);
        assertRefused(await runCaptured(['verify', path, '--out', out, '--quiet']), key, out);
      } else {
        const [flag, value] = generated.f;
        assertRefused(await runCaptured(['verify', valid, '--out', out, '--quiet', flag, value]), flag, out);
      }
    }),
    { numRuns: 250 },
  );
});

const intFlags = ['--seeds', '--d', '--n', '--m', '--steps', '--workers', '--n-test', '--eval-every'];
const positiveFlags = ['--eta', '--tau', '--mu-norm', '--mu-tilde-norm', '--divergence-factor'];
const badFig1Flag = fc.oneof(
  fc.tuple(fc.constantFrom(...intFlags), fc.constantFrom('-1', '1.5', 'abc', 'NaN', '', '1e400')),
  fc.tuple(fc.constantFrom(...positiveFlags), fc.constantFrom('0', '-2', 'abc', 'Infinity', '')),
  fc.tuple(fc.stringMatching(/^[a-z]{3,10}$/).map((w) => `--${w}-x`), fc.constant('1')),
);

test('fig1: 300 generated bad flags, alone or among valid ones', async () => {
  await fc.assert(
    fc.asyncProperty(badFig1Flag, fc.subarray([['--seeds', '2'], ['--steps', '5'], ['--quiet']]), fc.boolean(), async ([flag, value], generated, first) => {
      const out = freshOut();
      const bad = [flag, value];
      const valid = generated.filter(([name]) => name !== flag); // a later valid value of the same flag would win
      const argv = ['fig1', '--out', out, ...(first ? [...bad, ...valid.flat()] : [...valid.flat(), ...bad])];
      assertRefused(await runCaptured(argv), flag, out);
    }),
    { numRuns: 300 },
  );
});

/** .npy files that no estimator can use, each named in the message by its path. */
const badPoints = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 64 }).map((bytes) => ({ kind: 'bytes', bytes })),
  fc.integer({ min: 1, max: 40 }).map((cut) => ({ kind: 'truncated', bytes: encodeNpy(new Float64Array(60).fill(1.5), [30, 2]).subarray(0, cut) })),
  fc.integer({ min: 3, max: 50 }).map((n) => ({ kind: '1-D', bytes: encodeNpy(Float64Array.from({ length: n }, (_, i) => i), [n]) })),
  fc.tuple(fc.integer({ min: 25, max: 40 }), fc.integer({ min: 0, max: 24 }), fc.constantFrom(Number.NaN, Infinity)).map(([n, at, bad]) => {
    const data = Float64Array.from({ length: 2 * n }, (_, i) => Math.sin(i) * 3 + i / 5);
    data[at] = bad;
    return { kind: 'non-finite', bytes: encodeNpy(data, [n, 2]) };
  }),
  fc.integer({ min: 1, max: 15 }).map((n) => ({ kind: 'few rows', bytes: encodeNpy(Float64Array.from({ length: 2 * n }, (_, i) => i * 1.1), [n, 2]) })),
);

test('id: 250 generated unusable point files', async () => {
  await fc.assert(
    fc.asyncProperty(badPoints, async ({ bytes }) => {
      const path = file('points.npy', bytes);
      const json = freshOut();
      assertRefused(await runCaptured(['id', path, '--json', json]), path, json);
    }),
    { numRuns: 250 },
  );
});

test('a few real processes: exit 2, one line, no stack trace', () => {
  const bin = fileURLToPath(new URL('../../packages/cli/bin/mmcl.js', import.meta.url));
  const config = file('bad.json', JSON.stringify({ eta: -1 }));
  const cases: [string[], string][] = [
    [['run', config, '--out', freshOut()], 'eta'],
    [['fig1', '--seeds', '--out', freshOut()], '--seeds'],
    [['id', file('junk.npy', 'not numpy')], 'junk.npy'],
    [['verify', config, '--epsilon', 'abc'], 'eta'],
  ];
  for (const [argv, key] of cases) {
    const child = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
    assertRefused({ code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr }, key);
  }
});

test('nothing but the inputs is left in the folder', () => {
  const left = readdirSync(dir).filter((name) => !inputs.has(name));
  assert.equal(left, []);
});

test.run();
