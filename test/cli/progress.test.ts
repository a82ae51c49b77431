import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createProgress } from '../../packages/cli/src/progress.js';

function stderrOf(action: () => void): string {
  let written = '';
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => ((written += String(chunk)), true)) as typeof process.stderr.write;
  try {
    action();
  } finally {
    process.stderr.write = original;
  }
  return written;
}

test('the bar is silent with --quiet and when stderr is not a terminal', () => {
  const tty = process.stderr.isTTY;
  try {
    for (const [isTTY, quiet] of [[true, true], [false, false]] as const) {
      process.stderr.isTTY = isTTY;
      assert.is(stderrOf(() => {
        const bar = createProgress('demo', 3, { quiet });
        bar.increment();
        bar.stop();
      }), '');
    }
  } finally {
    process.stderr.isTTY = tty;
  }
});

test('on a terminal the bar shows the label and the count', () => {
  const tty = process.stderr.isTTY;
  try {
    process.stderr.isTTY = true;
    const written = stderrOf(() => {
      const bar = createProgress('demo', 4, { start: 1 });
      bar.increment();
      bar.stop();
    });
    assert.match(written, /demo \[/);
    assert.match(written, /1\/4/);
  } finally {
    process.stderr.isTTY = tty;
  }
});

test.run();
