/**
 * A pool of worker threads that runs independent tasks (seeds, grid points) on every core.
 *
 * The worker is a module that calls `serveTasks(handler)`. Under tsx (a source checkout) a worker module is a .ts
 * file; Node 20 does not apply the parent's `--import tsx` to worker threads, so such a worker is started through
 * a one-line bootstrap that registers tsx first. The `--conditions=source` flag is inherited, so @mmcl/* imports
 * resolve to src/ as in the parent.
 */
import { availableParallelism } from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { InputError } from '@mmcl/autodiff';
import { InterruptedError } from '../errors.js';
import type { InterruptWatch } from '../interrupt.js';

interface TaskMessage {
  id: number;
  task: unknown;
}
interface ResultMessage {
  id: number;
  result?: unknown;
  /** `input` marks an InputError, so the parent can still classify it as bad input (a class does not cross threads). */
  error?: { name: string; message: string; stack?: string; input: boolean };
}

/** The number of workers to use by default: one per core. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** Called inside a worker module: answers every task posted by the pool with `handler(task)`. */
export function serveTasks<T, R>(handler: (task: T) => R | Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must be called inside a worker thread');
  port.on('message', async ({ id, task }: TaskMessage) => {
    try {
      port.postMessage({ id, result: await handler(task as T) } satisfies ResultMessage);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ id, error: { name: e.name, message: e.message, stack: e.stack, input: e instanceof InputError } } satisfies ResultMessage);
    }
  });
}

function startWorker(module: URL): Worker {
  if (!module.pathname.endsWith('.ts')) return new Worker(module);
  // Resolved here, not in the worker, whose bare imports would be looked up from the current folder.
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** Rebuilds an error thrown in a worker, keeping its name and whether it was bad input so errors.ts can classify it. */
function reviveError(error: NonNullable<ResultMessage['error']>): Error {
  const revived = error.input ? new InputError(error.message) : new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

export interface PoolOptions<T, R> {
  /** URL of the worker module (`new URL('./fig1-worker.ts', import.meta.url)`). */
  module: URL;
  tasks: readonly T[];
  /** Number of worker threads (at most one per task). */
  workers: number;
  /** Receives each result as it arrives, on the main thread, in completion order. */
  onResult: (index: number, result: R) => void;
  /** When Ctrl-C is pressed, workers are stopped and the pool rejects with InterruptedError. */
  interrupt?: InterruptWatch;
}

/** Runs every task on a pool of worker threads; resolves when all are done, rejects on the first error. */
export function runPool<T, R>(options: PoolOptions<T, R>): Promise<void> {
  const { tasks, onResult } = options;
  if (tasks.length === 0) return Promise.resolve();
  const count = Math.max(1, Math.min(options.workers, tasks.length));
  return new Promise<void>((resolvePool, rejectPool) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) rejectPool(error);
      else resolvePool();
    };
    const feed = (worker: Worker) => {
      if (settled || next >= tasks.length) return;
      const id = next++;
      worker.postMessage({ id, task: tasks[id] } satisfies TaskMessage);
    };
    options.interrupt?.onInterrupt(() => settle(new InterruptedError('stopped by Ctrl-C')));
    for (let w = 0; w < count; w++) {
      const worker = startWorker(options.module);
      workers.push(worker);
      worker.on('message', (message: ResultMessage) => {
        if (settled) return;
        if (message.error) return settle(reviveError(message.error));
        try {
          onResult(message.id, message.result as R);
        } catch (err) {
          return settle(err as Error);
        }
        finished++;
        if (finished === tasks.length) settle();
        else feed(worker);
      });
      worker.on('error', (err) => settle(err));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) settle(new Error(`a worker thread exited with code ${code}`));
      });
      feed(worker);
    }
  });
}
