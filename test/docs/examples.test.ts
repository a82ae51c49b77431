// Every runnable example in docs/examples is executed here, so the documentation cannot rot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScripts, type ScriptResult } from './doctest.js';

const folder = join(process.cwd(), 'docs', 'examples');
const examples = readdirSync(folder).filter((f) => f.endsWith('.ts')).sort();

// What each example must print: a line that only a correct run produces.
const expected: Record<string, RegExp> = {
  '01-grad-and-gradcheck.ts': /gradcheck: ok=true/,
  '02-simulate-paper1.ts': /multi .*test accuracy/,
  '03-verify-lemmas.ts': /exact statements: (\d+) of \1 held/,
  '04-intrinsic-dimension.ts': /MLE \(k = 20\): \d/,
  '06-researcher-script.ts': /equals signalLearning: true\n.*equals noiseMemorization: true\n(.|\n)*multi-modal, mean over 2 seeds(.|\n)*Thm 4\.2\(2\).*holds: true\n(.|\n)*Thm 4\.3\(2\).*holds: true/,
  '05-train-mlp.ts': /loss fell at least 10×: true\n[\s\S]*gradcheck over the pytree: ok=true/,
};

test('every example in docs/examples has an expected output here', () => {
  assert.equal(examples, Object.keys(expected).sort());
});

// All of them in one Node process (doctest.ts), each from its own scratch folder.
const scratch = mkdtempSync(join(tmpdir(), 'mmcl-doc-examples-'));
symlinkSync(join(process.cwd(), 'node_modules'), join(scratch, 'node_modules'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));
const results = new Map<string, ScriptResult>();
test.before(() => {
  const outcome = runScripts(
    scratch,
    examples.map((example) => ({ name: example, code: readFileSync(join(folder, example), 'utf8'), cwd: join(scratch, example.replace(/\W/g, '-')) })),
    600_000,
  );
  examples.forEach((example, k) => results.set(example, outcome[k]));
});

for (const example of examples) {
  test(`docs/examples/${example} runs and prints its result`, () => {
    const run = results.get(example)!;
    assert.ok(run.ok, `${example} failed: ${run.message}`);
    assert.match(run.output + '\n', expected[example] ?? /^$/);
  });
}

test.run();
