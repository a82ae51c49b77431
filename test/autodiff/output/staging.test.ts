// The one staging routine behind every mmcl output folder (stageFolder): refusals, orphaned staging folders, and
// kill -9 at each step between writing and the final rename, in a child process, followed by a rerun.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MARKER, readMarker, stageFolder, type StageFolderOptions } from '@mmcl/autodiff/internal';

class Refused extends Error {}
const refusal = { raise: (problem: string, fix: string) => new Refused(`${problem} — ${fix}`) };
const DEMO: StageFolderOptions = { command: 'demo', refusal };
const root = mkdtempSync(join(tmpdir(), 'mmcl-staging-'));
let folders = 0;
const fresh = () => {
  const dir = join(root, `case-${folders++}`);
  mkdirSync(dir);
  return dir;
};
test.after(() => rmSync(root, { recursive: true, force: true }));

/** Asserts that `run` is refused with the caller's error type and a message matching `pattern`. */
function refuses(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (err: unknown) => err instanceof Refused && pattern.test(err.message));
}

/** Writes `files` into a folder of `command` the way a finished run does. */
function finished(out: string, files: Record<string, string>, options: Partial<StageFolderOptions> = {}): void {
  const output = stageFolder(out, { ...DEMO, ...options });
  for (const [name, text] of Object.entries(files)) output.write(name, text);
  output.commit();
}

test('files appear only on commit, with a marker listing them; nothing else is left beside the folder', () => {
  const dir = fresh();
  const out = join(dir, 'result');
  const output = stageFolder(out, { ...DEMO, options: { seeds: 2 } });
  output.write('sub/a.txt', 'one');
  assert.not.ok(existsSync(out));
  assert.is(readMarker(output.staging)?.staging, true);
  output.commit();
  assert.is(readFileSync(join(out, 'sub', 'a.txt'), 'utf8'), 'one');
  const marker = readMarker(out)!;
  assert.equal([marker.command, marker.options, marker.staging, marker.files], ['demo', { seeds: 2 }, false, ['sub', 'sub/a.txt']]);
  assert.equal(readdirSync(dir), ['result']);
});

test("refusals use the caller's error and name its target; a foreign folder is never touched, even with overwrite", () => {
  const dir = fresh();
  const user = join(dir, 'thesis');
  mkdirSync(user);
  writeFileSync(join(user, 'thesis.txt'), 'months of work');
  for (const overwrite of [false, true]) {
    refuses(() => stageFolder(user, { ...DEMO, overwrite, refusal: { ...refusal, target: 'dir' } }), /thesis is not empty and was not written by mmcl — choose another dir/);
  }
  assert.equal(readdirSync(dir), ['thesis'], 'refused before creating a staging folder');
  assert.equal(readdirSync(user), ['thesis.txt']);
  const file = join(dir, 'plain');
  writeFileSync(file, 'data');
  refuses(() => stageFolder(file, DEMO), /exists and is not a folder/);
  refuses(() => stageFolder(join(file, 'below'), DEMO), /cannot write to .*plain/);
  assert.is(readFileSync(file, 'utf8'), 'data');
});

test("mmcl's own result is replaced only with overwrite, and not when it holds an entry mmcl did not write", () => {
  const dir = fresh();
  const out = join(dir, 'result');
  finished(out, { 'a.txt': 'one' });
  refuses(() => stageFolder(out, DEMO), /holds an earlier result of mmcl demo — pass --overwrite/);
  finished(out, { 'b.txt': 'two' }, { overwrite: true });
  assert.equal(readdirSync(out).sort(), [MARKER, 'b.txt'], 'replaced, not merged');
  writeFileSync(join(out, 'notes.txt'), 'mine');
  refuses(() => stageFolder(out, { ...DEMO, overwrite: true }), /'notes.txt', which mmcl did not write/);
  // A foreign file that appears while the run is going is caught at commit; the new result stays staged.
  rmSync(join(out, 'notes.txt'));
  const late = stageFolder(out, { ...DEMO, overwrite: true });
  late.write('c.txt', 'three');
  writeFileSync(join(out, 'late.txt'), 'added meanwhile');
  refuses(() => late.commit(), /'late.txt', which mmcl did not write/);
  assert.equal(readdirSync(out).sort(), [MARKER, 'b.txt', 'late.txt']);
  assert.ok(existsSync(join(late.staging, 'c.txt')));
  assert.is(readMarker(late.staging)?.staging, true, 'a refused commit leaves the staging folder as it was');
});

test('an orphaned staging folder: reused by a resumable run of the same command, replaced by a fresh one, refused for another command', () => {
  const dir = fresh();
  const out = join(dir, 'result');
  stageFolder(out, { ...DEMO, resumable: true }).write('task-1.json', '{}');
  const resumed = stageFolder(out, { ...DEMO, resumable: true });
  assert.ok(resumed.resumed);
  assert.ok(existsSync(join(resumed.staging, 'task-1.json')), 'the finished task is kept');
  refuses(() => stageFolder(out, { command: 'other', refusal }), /holds an unfinished run of mmcl demo — continue it with mmcl demo --resume, pass --overwrite/);
  const again = stageFolder(out, DEMO);
  assert.not.ok(again.resumed);
  assert.equal(readdirSync(again.staging), [MARKER], 'a fresh run of the same command starts from an empty staging folder');
  // A command without --resume is not offered as the way to continue.
  refuses(() => stageFolder(out, { command: 'other', refusal }), /holds an unfinished run of mmcl demo — pass --overwrite to discard it/);
  const replaced = stageFolder(out, { command: 'other', overwrite: true, refusal });
  assert.is(readMarker(replaced.staging)?.command, 'other');
  // A staging-looking folder without mmcl's marker is the user's.
  const mine = join(dir, 'mine');
  mkdirSync(join(dir, '.mine.partial'));
  writeFileSync(join(dir, '.mine.partial', 'keep.txt'), 'user file');
  refuses(() => stageFolder(mine, { ...DEMO, overwrite: true }), /\.mine\.partial exists and was not written by mmcl/);
  assert.equal(readdirSync(join(dir, '.mine.partial')), ['keep.txt']);
});

test('discard removes the staging folder, and only a marked one', () => {
  const dir = fresh();
  const output = stageFolder(join(dir, 'result'), DEMO);
  output.write('a.txt', 'x');
  output.discard();
  assert.equal(readdirSync(dir), []);
});

// A child process stages OUT as command `demo` (resumable, with --overwrite), writes a.txt = TEXT and commits; it
// is killed with SIGKILL just before the KILL_AT-th folder rename (commit renames an older result aside, then the
// staging folder into place), or, with KILL_AT = 0, right after the write.
const stagingModule = pathToFileURL(resolve('packages/autodiff/src/output/staging.ts')).href;
const CHILD = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const killAt = Number(process.env.KILL_AT);
const rename = fs.renameSync;
let folderRenames = 0;
fs.renameSync = (from, to) => {
  if (!String(from).endsWith('.tmp') && ++folderRenames === killAt) process.kill(process.pid, 'SIGKILL');
  return rename(from, to);
};
syncBuiltinESMExports();
const { stageFolder } = await import(${JSON.stringify(stagingModule)});
const output = stageFolder(process.env.OUT, { command: 'demo', resumable: true, overwrite: true, refusal: { raise: (p, f) => new Error(p + ' — ' + f) } });
output.write('a.txt', process.env.TEXT);
if (killAt === 0) process.kill(process.pid, 'SIGKILL');
output.commit();
`;

function killedChild(out: string, text: string, killAt: number): void {
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', CHILD], {
    env: { ...process.env, OUT: out, TEXT: text, KILL_AT: String(killAt) },
    encoding: 'utf8',
  });
  assert.is(run.signal, 'SIGKILL', `the child was to be killed: ${run.stderr}`);
}

test('kill -9 between the write and the rename: the rerun keeps (resume) or replaces the orphan, never lists it as done', () => {
  const dir = fresh();
  const out = join(dir, 'result');
  killedChild(out, 'first', 0);
  assert.not.ok(existsSync(out), 'nothing appears at the target');
  assert.equal(readdirSync(join(dir, '.result.partial')).sort(), [MARKER, 'a.txt']);
  const resumed = stageFolder(out, { ...DEMO, resumable: true });
  assert.ok(resumed.resumed);
  assert.is(readFileSync(join(resumed.staging, 'a.txt'), 'utf8'), 'first', 'the killed run\'s work is still there for --resume');
  resumed.commit();
  assert.is(readFileSync(join(out, 'a.txt'), 'utf8'), 'first');
  assert.equal(readdirSync(dir), ['result']);
});

for (const [killAt, when] of [[1, 'after the staging folder was marked complete, before the older result was moved aside'], [2, 'between the two renames']] as const) {
  test(`kill -9 inside commit, ${when}: the next stageFolder finishes the commit, losing neither result`, () => {
    const dir = fresh();
    const out = join(dir, 'result');
    finished(out, { 'a.txt': 'old' });
    killedChild(out, 'new', killAt);
    assert.ok(existsSync(join(dir, '.result.partial')), 'the complete result is still staged');
    if (killAt === 2) assert.not.ok(existsSync(out), 'the older result had been moved aside');
    refuses(() => stageFolder(out, DEMO), /holds an earlier result of mmcl demo/);
    assert.is(readFileSync(join(out, 'a.txt'), 'utf8'), 'new');
    assert.is(readMarker(out)?.staging, false);
    assert.equal(readdirSync(dir), ['result'], 'no staging folder or older result left beside it');
  });
}

test('a kill inside commit with nothing to replace: the finished result is put in place by the next run', () => {
  const dir = fresh();
  const out = join(dir, 'result');
  killedChild(out, 'only', 1);
  assert.not.ok(existsSync(out));
  const next = stageFolder(out, { ...DEMO, overwrite: true });
  assert.is(readFileSync(join(out, 'a.txt'), 'utf8'), 'only', 'finished before the new run starts');
  next.discard();
  assert.equal(readdirSync(dir), ['result']);
});

test.run();
