// Every fenced TypeScript, Python and shell block in docs/*.md and the READMEs runs here, in a scratch folder that
// holds a small multi-modal run directory at runs/example, and every claimed value is compared: a TypeScript line
// `expr; // → value` asserts that expr deep-equals value, a Python line `print(...)  # → text` that it printed text.
// A block preceded by `<!-- doctest: skip REASON -->` is skipped; the skips are counted by uvu and their reasons
// printed, so a skipped block is never silent. The TypeScript blocks run in one Node process (doctest.ts), each in
// its own folder; Python and shell blocks run as their own processes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, writeRunDirectory } from '@mmcl/infomax';
import { instrumentTs, runScripts, type ScriptResult } from './doctest.js';

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

/** Each block in its own folder (blocks of one page may write the same paths), with the packages and runs/example. */
function folderOf(block: Block): string {
  const dir = join(scratch, `block-${block.file.replace(/\W/g, '-')}-${block.line}`);
  if (existsSync(dir)) return dir;
  mkdirSync(join(dir, 'runs'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  cpSync(join(scratch, 'runs', 'example'), join(dir, 'runs', 'example'), { recursive: true });
  return dir;
}

// Every TypeScript block, in one process: one tsx loader and one module graph of the packages for all of them.
const tsBlocks = blocks.filter((b) => b.language === 'ts' && !b.skip);
const tsResults = new Map<Block, ScriptResult>();
test.before(() => {
  const outcome = runScripts(
    join(scratch, 'ts'),
    tsBlocks.map((block) => ({ name: `${block.file}:${block.line}`, code: instrumentTs(block.code), cwd: folderOf(block) })),
    600_000,
  );
  tsBlocks.forEach((block, k) => tsResults.set(block, outcome[k]));
});

function run(block: Block): { status: number | null; stdout: string; stderr: string } {
  const dir = folderOf(block);
  const common = { cwd: dir, encoding: 'utf8' as const, timeout: 240_000 };
  if (block.language === 'ts') {
    const result = tsResults.get(block);
    return result?.ok ? { status: 0, stdout: result.output, stderr: '' } : { status: 1, stdout: '', stderr: result?.message ?? 'not run' };
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
