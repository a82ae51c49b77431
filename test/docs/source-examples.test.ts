// Every @example block in packages/*/src runs here, and every claimed value in it is compared: a line
// `expr; // → value` asserts that expr deep-equals value (see doctest.ts); other comments are prose. The blocks of
// one package run in one Node process (a few seconds each instead of one process per block). An example uses the
// names of its own package (public face and /internal) and of @mmcl/autodiff without importing them, as its doc
// comment sits beside the definition; whatever it imports explicitly wins. A block whose first line is
// `// doctest: skip REASON` is skipped with the reason printed, so a skipped block is never silent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { instrumentTs, runScripts, type ScriptResult } from './doctest.js';

const root = process.cwd();
const packages = readdirSync(join(root, 'packages')).filter((p) => existsSync(join(root, 'packages', p, 'src', 'index.ts')));

export interface SourceExample {
  /** packages/<name>/src/… */
  file: string;
  /** 1-based line of the `@example` tag. */
  line: number;
  pkg: string;
  code: string;
  skip?: string;
}

/** The @example blocks of one source file: from the tag to the end of the comment or the next tag. */
export function extractExamples(file: string, pkg: string, text: string): SourceExample[] {
  const lines = text.split('\n');
  const examples: SourceExample[] = [];
  for (let k = 0; k < lines.length; k++) {
    const tag = /^\s*\*\s*@example\b\s?(.*)$/.exec(lines[k]);
    if (!tag) continue;
    const body = tag[1].trim() === '' ? [] : [tag[1]];
    let j = k + 1;
    for (; j < lines.length && !/^\s*\*\//.test(lines[j]) && !/^\s*\*\s*@\w/.test(lines[j]); j++) {
      body.push(lines[j].replace(/^\s*\*\s?/, ''));
    }
    const code = body.join('\n');
    const skip = /^\s*\/\/\s*doctest:\s*skip\s+(.*?)\s*$/.exec(body[0] ?? '')?.[1];
    examples.push({ file, line: k + 1, pkg, code, skip });
    k = j - 1;
  }
  return examples;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(folder, e.name)) : e.name.endsWith('.ts') ? [join(folder, e.name)] : [],
  );
}

const examples = packages.flatMap((pkg) =>
  sourceFiles(join(root, 'packages', pkg, 'src')).flatMap((f) => extractExamples(relative(root, f), pkg, readFileSync(f, 'utf8'))),
);

// The names offered to an example without an import, in order of precedence: its own file's exports (so that an
// example of a function the package keeps to itself runs too), its package (public face, then /internal), autodiff.
async function exportedNames(specifier: string): Promise<string[]> {
  return Object.keys(await import(specifier));
}
const offered = new Map<string, { specifier: string; names: string[] }[]>();
for (const pkg of packages) {
  const sources = [`@mmcl/${pkg}`, ...(existsSync(join(root, 'packages', pkg, 'src', 'internal.ts')) ? [`@mmcl/${pkg}/internal`] : [])];
  if (pkg !== 'autodiff') sources.push('@mmcl/autodiff');
  offered.set(pkg, await Promise.all(sources.map(async (specifier) => ({ specifier, names: await exportedNames(specifier) }))));
}

/** An import line for each offered name the example uses but neither imports nor declares. */
export async function prelude(example: SourceExample): Promise<string> {
  const bound = new Set<string>();
  for (const m of example.code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const n of m[1].split(',')) bound.add(n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim());
  }
  for (const m of example.code.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)) bound.add(m[1]);
  for (const m of example.code.matchAll(/\b(?:const|let|var)\s+[[{]([^=]*)[\]}]\s*=/g)) {
    for (const n of m[1].split(',')) bound.add(n.trim().split(/\s*:\s*/).pop()!.replace(/\s*=.*$/, '').replace(/^\.\.\./, ''));
  }
  const lines: string[] = [];
  const own = pathToFileURL(join(root, example.file)).href;
  const sources = [{ specifier: own, names: await exportedNames(own) }, ...(offered.get(example.pkg) ?? [])];
  for (const { specifier, names } of sources) {
    const used = names.filter((n) => !bound.has(n) && new RegExp(`(?<![\\w$])(?<!(?:^|[^.])\\.)${n.replace(/\$/g, '\\$')}(?![\\w$])`).test(example.code));
    used.forEach((n) => bound.add(n));
    if (used.length > 0) lines.push(`import { ${used.join(', ')} } from '${specifier}';`);
  }
  return lines.join(' ');
}

const scratch = mkdtempSync(join(tmpdir(), 'mmcl-source-examples-'));
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

const skipped: string[] = [];
const results = new Map<SourceExample, ScriptResult>();

test('the sources hold @example blocks, and the scan finds them', () => {
  assert.ok(examples.length >= 150, `found only ${examples.length} @example blocks: the scan is broken`);
  assert.ok(examples.some((e) => e.code.includes('// →')), 'no example claims a value');
});

test.before(async () => {
  for (const pkg of packages) {
    const runnable = examples.filter((e) => e.pkg === pkg && !e.skip);
    const folder = join(scratch, pkg);
    const preludes = await Promise.all(runnable.map(prelude));
    const outcome = runScripts(
      folder,
      runnable.map((e, k) => ({
        name: `${e.file}:${e.line}`,
        // The prelude shares the block's first line, so that line numbers in errors count from the block.
        code: `${preludes[k]} ${instrumentTs(e.code)}`,
        cwd: join(folder, `example-${k}`),
      })),
      600_000,
    );
    runnable.forEach((e, k) => results.set(e, outcome[k]));
  }
});

for (const example of examples) {
  const name = `${example.file}:${example.line}`;
  if (example.skip) {
    skipped.push(`${name}: ${example.skip}`);
    test.skip(name, () => {});
    continue;
  }
  test(`${name} runs and its claims hold`, () => {
    const result = results.get(example);
    assert.ok(result, `${name} was not run`);
    assert.ok(result.ok, `${name} failed:\n${result.message}\n--- the example:\n${example.code}`);
  });
}

test.after(() => {
  if (skipped.length > 0) console.log(`\n@example blocks skipped (${skipped.length}):\n  ${skipped.join('\n  ')}`);
  const slow = [...results].filter(([, r]) => r.ms > 2000).map(([e, r]) => `${e.file}:${e.line} ${(r.ms / 1000).toFixed(1)} s`);
  if (slow.length > 0) console.log(`\n@example blocks over 2 s:\n  ${slow.join('\n  ')}`);
});

test.run();
