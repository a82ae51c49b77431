import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileAtomic } from '@mmcl/autodiff';

test('writeFileAtomic writes strings and bytes, replaces existing files, leaves no temporary files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmcl-atomic-'));
  const path = join(dir, 'out.json');
  writeFileAtomic(path, '{"a":1}');
  assert.is(readFileSync(path, 'utf8'), '{"a":1}');
  writeFileAtomic(path, new Uint8Array([104, 105]));
  assert.is(readFileSync(path, 'utf8'), 'hi');
  assert.equal(readdirSync(dir), ['out.json']);
});

test('a failed write throws and leaves no temporary file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmcl-atomic-'));
  // Renaming a file over a directory fails.
  const target = join(dir, 'sub');
  writeFileAtomic(join(target + '.keep'), 'x');
  assert.throws(() => writeFileAtomic(dir, 'y'));
  assert.equal(readdirSync(dir), ['sub.keep']);
});

test.run();
