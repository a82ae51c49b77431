/** Keeps the example in docs/autodiff.md runnable: extracts its first ```ts block and runs it. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the grad + gradcheck example of docs/autodiff.md runs and reports a correct gradient', async () => {
  const markdown = readFileSync(join(root, 'docs', 'autodiff.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(markdown)?.[1];
  assert.ok(code, 'docs/autodiff.md has a ```ts example');
  // Inside the repository so that '@mmcl/autodiff' resolves; node_modules/.cache is ignored by git.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'mmcl-doc-'));
  const file = join(folder, 'example.ts');
  writeFileSync(file, code);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => { lines.push(args.map(String).join(' ')); };
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
    rmSync(folder, { recursive: true, force: true });
  }
  assert.ok(lines.some((l) => l.startsWith('loss ')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('gradient OK')), lines.join('\n'));
});

test.run();
