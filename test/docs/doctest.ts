/**
 * Shared by the doc tests (not a test file): turns `expr; // → value` claims into assertions, and runs many
 * TypeScript scripts in one Node process (one tsx loader, one module graph of the packages) instead of one process
 * per script, each in its own working folder, with its failures, exits and timeouts reported per script.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `expr; // → value` becomes a call that compares expr with value; the rest of the line is kept. */
export function instrumentTs(code: string): string {
  const out = code.split('\n').map((line, k) => {
    const claim = /^(\s*)(.*?);?\s*\/\/\s*→\s*(.+?)\s*$/.exec(line);
    if (!claim || claim[2].trim() === '') return line;
    const [, indent, expression, value] = claim;
    return `${indent}__expect(${expression}, ${JSON.stringify(value)}, ${k + 1});`;
  });
  // Kept on the first line with the code, so that line numbers in errors stay those of the block.
  return `${EXPECT} ${out.join('\n')}\n`;
}

// Typed arrays compare as arrays (also inside arrays and plain objects); the claimed value is a JavaScript literal, optionally prefixed by a typed array
// name (and length, as Node prints it: `Float64Array(2) [1, 1]`). A mismatch throws, naming the line of the block.
const EXPECT = [
  `const __plain = (v) => ArrayBuffer.isView(v) ? Array.from(v) : Array.isArray(v) ? v.map(__plain)`,
  `  : v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, __plain(x)])) : v;`,
  `const __expect = (actual, claimed, line) => {`,
  `  const expected = (0, eval)('(' + claimed.replace(/^(Float64Array|Float32Array|Int32Array|Uint8Array)(\\(\\d+\\))?\\s+/, '') + ')');`,
  `  const a = JSON.stringify(__plain(actual)), e = JSON.stringify(__plain(expected));`,
  `  if (a !== e) throw new Error('block line ' + line + ': claimed → ' + claimed + ' but got ' + a);`,
  `};`,
].join(' ');

export interface Script {
  /** Shown in failures. */
  name: string;
  /** The TypeScript to run as a module (already instrumented). */
  code: string;
  /** The working folder to run it in (created if missing). */
  cwd: string;
}

export interface ScriptResult {
  ok: boolean;
  /** The error, non-zero exit or timeout, with what the script printed. */
  message: string;
  ms: number;
  /** What the script printed through console (one line per call). */
  output: string;
}

// The runner: imports each script in turn with process.chdir to its folder; process.exit and console output are
// captured per script; one line of JSON per finished script goes to the results file, so a crash or a timeout
// still reports every script before it and names the one that was running.
const RUNNER = `import { appendFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [plan, results] = process.argv.slice(2);
const scripts = JSON.parse(readFileSync(plan, 'utf8'));
let printed = [];
const keep = (...args) => { printed.push(args.map(String).join(' ')); };
console.log = keep; console.info = keep; console.warn = keep; console.error = keep;
const realExit = process.exit;
class Exit extends Error { constructor(code) { super('process.exit(' + code + ')'); this.code = code; } }
process.exit = (code = 0) => { throw new Exit(code); };
let current;
const fail = (error) => { appendFileSync(results, JSON.stringify({ index: current, ok: false, message: String(error?.stack ?? error) + '\\n' + printed.join('\\n'), ms: 0 }) + '\\n'); realExit(4); };
process.on('unhandledRejection', fail);
process.on('uncaughtException', fail);
appendFileSync(results, '');
for (const [index, script] of scripts.entries()) {
  current = index; printed = [];
  process.chdir(script.cwd);
  const start = performance.now();
  let ok = true, message = '';
  try { await import(pathToFileURL(script.file).href); }
  catch (error) {
    if (error instanceof Exit && error.code === 0) ok = true;
    else { ok = false; message = String(error?.stack ?? error); }
  }
  const ms = performance.now() - start;
  appendFileSync(results, JSON.stringify({ index, ok, message: ok ? '' : message + '\\n' + printed.join('\\n'), ms, output: printed.join('\\n') }) + '\\n');
}
realExit(0);
`;

/**
 * Runs the scripts in one Node process (with the packages' TypeScript sources through tsx) under `folder`. A script still running after `timeoutMs` in total fails with the timeout;
 * scripts after it are reported as not run.
 */
export function runScripts(folder: string, scripts: readonly Script[], timeoutMs: number): ScriptResult[] {
  mkdirSync(folder, { recursive: true });
  // tsx and the packages resolve from the folder: it sees the repository's node_modules (the tests run from its root).
  if (!existsSync(join(folder, 'node_modules'))) symlinkSync(join(process.cwd(), 'node_modules'), join(folder, 'node_modules'));
  // The scripts are ES modules (import, top-level await), whatever a package.json above the folder says.
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const plan = scripts.map((script, k) => {
    mkdirSync(script.cwd, { recursive: true });
    const file = join(script.cwd, `doctest-${k}.mts`);
    writeFileSync(file, script.code);
    return { file, cwd: script.cwd };
  });
  writeFileSync(join(folder, 'plan.json'), JSON.stringify(plan));
  writeFileSync(join(folder, 'runner.mjs'), RUNNER);
  const results = join(folder, 'results.jsonl');
  const run = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(folder, 'runner.mjs'), join(folder, 'plan.json'), results],
    { cwd: folder, encoding: 'utf8', timeout: timeoutMs },
  );
  const reported = new Map<number, ScriptResult>();
  if (existsSync(results)) {
    for (const line of readFileSync(results, 'utf8').split('\n').filter(Boolean)) {
      const { index, ok, message, ms, output } = JSON.parse(line) as ScriptResult & { index: number };
      if (!reported.has(index)) reported.set(index, { ok, message, ms, output: output ?? '' });
    }
  }
  const died = run.error ? `the runner stopped: ${run.error.message}` : `the runner exited with ${run.status}`;
  let blamed = false;
  return scripts.map((_, k) => {
    const result = reported.get(k);
    if (result) return result;
    const message = blamed ? 'not run: an earlier script stopped the runner' : `${died} while this script ran\n${run.stderr}`;
    blamed = true;
    return { ok: false, message, ms: 0, output: '' };
  });
}
