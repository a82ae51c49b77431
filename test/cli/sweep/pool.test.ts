import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runPool } from '../../../packages/cli/src/sweep/pool.js';
import { InterruptedError } from '../../../packages/cli/src/errors.js';
import type { InterruptWatch } from '../../../packages/cli/src/interrupt.js';

const worker = new URL('../fixtures/square-worker.ts', import.meta.url);

test('every task runs once on a TypeScript worker thread and results keep their index', async () => {
  const results = new Map<number, number>();
  await runPool<{ x: number }, number>({
    module: worker,
    tasks: [1, 2, 3, 4, 5].map((x) => ({ x })),
    workers: 2,
    onResult: (index, value) => {
      assert.not.ok(results.has(index));
      results.set(index, value);
    },
  });
  assert.equal([...results.entries()].sort((a, b) => a[0] - b[0]), [[0, 1], [1, 4], [2, 9], [3, 16], [4, 25]]);
});

test('an error in a worker rejects the pool and keeps its name', async () => {
  try {
    await runPool({ module: worker, tasks: [{ x: 1 }, { x: -2 }], workers: 2, onResult: () => {} });
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).name, 'ConfigError');
    assert.match((err as Error).message, /negative input -2/);
  }
});

test('an interrupt stops the pool with InterruptedError', async () => {
  let trigger = () => {};
  const interrupt: InterruptWatch = { interrupted: false, onInterrupt: (cb) => void (trigger = cb), dispose() {} };
  const done: number[] = [];
  const pool = runPool<{ x: number; sleepMs: number }, number>({
    module: worker,
    tasks: Array.from({ length: 6 }, (_, x) => ({ x, sleepMs: 300 })),
    workers: 1,
    interrupt,
    onResult: (index) => {
      done.push(index);
      trigger();
    },
  });
  try {
    await pool;
    assert.unreachable();
  } catch (err) {
    assert.instance(err, InterruptedError);
  }
  assert.equal(done, [0], 'no result is accepted after the interrupt');
});

test.run();
