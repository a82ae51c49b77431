// The API reference must build with no missing doc comment (TypeDoc validation, treated as errors), and every
// public function must carry a runnable @example in its doc comment.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const packages = ['autodiff', 'infomax', 'theory', 'intrinsic', 'coloredmnist', 'cli'];

test('TypeDoc validates every public export (npm run docs would succeed)', () => {
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--emit', 'none'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.is(run.status, 0, run.stdout + run.stderr);
  assert.not.match(run.stdout + run.stderr, /\[warning\]|\[error\]/);
});

test('every exported function of every package has an @example in its doc comment', () => {
  const entries = packages.map((p) => join(root, 'packages', p, 'src', 'index.ts'));
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.unreachable(String(d.messageText)),
  });
  const program = ts.createProgram(entries, parsed!.options);
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  let functions = 0;
  for (const [index, entry] of entries.entries()) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Function)) continue;
      functions++;
      const tags = symbol.getJsDocTags(checker).map((t) => t.name);
      if (!tags.includes('example')) missing.push(`@mmcl/${packages[index]}: ${exported.name}`);
    }
  }
  assert.ok(functions > 50, `found only ${functions} exported functions: the scan is broken`);
  assert.equal(missing, [], `functions without an @example:\n${missing.join('\n')}`);
});

test.run();
