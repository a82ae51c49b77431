// Every fenced TypeScript, Python and shell block in docs/*.md and the READMEs runs here, in a scratch folder that
// holds a small multi-modal run directory at runs/example, and every claimed value is compared: a TypeScript line
// `expr; // → value` asserts that expr deep-equals value, a Python line `print(...)  # → text` that it printed text.
// A block preceded by `<!-- doctest: skip REASON -->` is skipped; the skips are counted by uvu and their reasons
// printed, so a skipped block is never silent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, writeRunDirectory } from '@mmcl/infomax';

const root = process.cwd();
const sources = [
  'README.md',
  ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f)),
  ...readdirSync(join(root, 'packages')).map((p) => join('packages', p, 'README.md')).filter((f) => existsSync(join(root, f))),
];
const LANGUAGES: Record<string, 'ts' | 'python' | 'sh'> = { ts: 'ts', typescript: 'ts', python: 'python', py: 'python', sh: 'sh', bash: 'sh', shell: 'sh' };

interface Block {
  file: string;
  line: number;
  language: 'ts' | 'python' | 'sh';
  code: string;
  skip?: string;
}

export function extractBlocks(file: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let k = 0; k < lines.length; k++) {
    const open = /^```(\w+)\s*$/.exec(lines[k]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > k && /^```\s*$/.test(l));
    const language = LANGUAGES[open[1]];
    if (language) {
      const skip = /<!--\s*doctest:\s*skip\s+(.*?)\s*-->/.exec(lines[k - 1] ?? '')?.[1];
      blocks.push({ file, line: k + 1, language, code: lines.slice(k + 1, end).join('\n'), skip });
    }
    k = end;
  }
  return blocks;
}

/** `expr; // → value` becomes a call that compares expr with value; the rest of the line is kept. */
export function instrumentTs(code: string): string {
  const out = code.split('\n').map((line, k) => {
    const claim = /^(\s*)(.*?);?\s*\/\/\s*→\s*(.+?)\s*$/.exec(line);
    if (!claim || claim[2].trim() === '') return line;
    const [, indent, expression, value] = claim;
    return `${indent}__expect(${expression}, ${JSON.stringify(value)}, ${k + 1});`;
  });
  return `${EXPECT}\n${out.join('\n')}\n`;
}

// Typed arrays compare as arrays; the claimed value is a JavaScript literal, optionally prefixed by a typed array name.
const EXPECT = `const __plain = (v) => ArrayBuffer.isView(v) ? Array.from(v) : Array.isArray(v) ? v.map(__plain) : v;
const __expect = (actual, claimed, line) => {
  const expected = (0, eval)('(' + claimed.replace(/^(Float64Array|Int32Array)\\s+/, '') + ')');
  const a = JSON.stringify(__plain(actual)), e = JSON.stringify(__plain(expected));
  if (a !== e) { console.error('block line ' + line + ': claimed → ' + claimed + ' but got ' + a); process.exit(3); }
};`;

const scratch = mkdtempSync(join(tmpdir(), 'mmcl-doc-blocks-'));
writeRunDirectory(
  simulate({ mode: 'multi', d: 40, n: 6, m: 3, steps: 5, nTest: 10, probeTrainSize: 5, populationSamples: 0 }),
  join(scratch, 'runs', 'example'),
);
test.after(() => rmSync(scratch, { recursive: true, force: true }));

const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
const blocks = sources.flatMap((file) => extractBlocks(file, readFileSync(join(root, file), 'utf8')));
const skipped: string[] = [];

test('the docs hold runnable blocks, and the scan finds them', () => {
  assert.ok(blocks.filter((b) => b.language === 'ts' && !b.skip).length >= 4, 'TypeScript blocks');
  assert.ok(blocks.filter((b) => b.language === 'python' && !b.skip).length >= 2, 'Python blocks');
});

function run(block: Block): { status: number | null; stdout: string; stderr: string } {
  // Each block in its own folder (blocks of one page may write the same paths), with the packages and runs/example.
  const dir = join(scratch, `block-${block.file.replace(/\W/g, '-')}-${block.line}`);
  mkdirSync(join(dir, 'runs'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  cpSync(join(scratch, 'runs', 'example'), join(dir, 'runs', 'example'), { recursive: true });
  const common = { cwd: dir, encoding: 'utf8' as const, timeout: 240_000 };
  if (block.language === 'ts') {
    const file = join(dir, 'block.ts');
    writeFileSync(file, instrumentTs(block.code));
    return spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', file], common);
  }
  if (block.language === 'python') {
    return spawnSync('python3', ['-c', block.code], { ...common, env: { ...process.env, PYTHONPATH: join(root, 'python') } });
  }
  return spawnSync('bash', ['-euo', 'pipefail', '-c', block.code], common);
}

for (const block of blocks) {
  const name = `${block.file}:${block.line} (${block.language})`;
  const reason = block.skip ?? (block.language === 'python' && !numpy ? 'python3 with NumPy is not installed (apt-get install python3-numpy)' : undefined);
  if (reason) {
    skipped.push(`${name}: ${reason}`);
    test.skip(name, () => {});
    continue;
  }
  test(`${name} runs and prints what it claims`, () => {
    const result = run(block);
    assert.is(result.status, 0, `${name} exited with ${result.status}:\n${result.stderr}${result.stdout}`);
    if (block.language === 'python') {
      const claims = block.code.split('\n').map((l) => /#\s*→\s*(.+?)\s*$/.exec(l)?.[1]).filter((c): c is string => c !== undefined);
      const printed = result.stdout.trim().split('\n').slice(-claims.length);
      assert.equal(printed, claims, `${name}: printed output`);
    }
  });
}

test.after(() => {
  if (skipped.length > 0) console.log(`\ndoc blocks skipped (${skipped.length}):\n  ${skipped.join('\n  ')}`);
});

test.run();
