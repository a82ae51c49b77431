// Every runnable example in docs/examples is executed here, so the documentation cannot rot.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

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

for (const example of examples) {
  test(`docs/examples/${example} runs and prints its result`, () => {
    const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(folder, example)], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.is(run.status, 0, `${example} exited with ${run.status}: ${run.stderr}`);
    assert.match(run.stdout, expected[example] ?? /^$/);
  });
}

test.run();
