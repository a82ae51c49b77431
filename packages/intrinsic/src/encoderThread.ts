/**
 * One encoder of a contrastive step run on a second thread (issue #13 item 5): the two encoders are independent until
 * the loss, so g̃'s forward pass runs on a worker while the main thread runs f̃'s, and g̃'s pullback while the main
 * thread runs f̃'s. Both sides differentiate the same forward code (encode) with @mmcl/autodiff, so the gradient is
 * the one-thread gradient bit for bit (the tape of one encoder is the same sequence of rules either way).
 *
 * One worker per process, started on first use and reused by every step (its start-up, ~0.1 s from built code and
 * ~1 s through tsx, is paid once). The main thread and the worker share each encoder's parameters, inputs,
 * representations, cotangent and gradient as SharedArrayBuffers; commands go through an Int32Array with
 * Atomics.wait/notify (no event-loop round trip), job descriptions and errors through a MessagePort read
 * synchronously. Node only (worker_threads); `threads: 1` needs none of it.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Similarity } from './config.js';

/** Slots of the control array. */
export const SEQUENCE = 0;
export const COMMAND = 1;
export const JOB = 2;
export const DONE = 3;
export const STATUS = 4;
export const CONTROL_SLOTS = 5;

export const ATTACH = 1;
export const FORWARD = 2;
export const BACKWARD = 3;
export const DETACH = 4;

export const OK = 0;
export const FAILED = 1;

/** What the worker needs to run one encoder: its shape and the shared buffers. */
export interface EncoderJob {
  id: number;
  widths: number[];
  similarity: Similarity;
  batchRows: number;
  /** batchRows plus the reference rows (mean-norm similarity). */
  rows: number;
  parameters: SharedArrayBuffer;
  input: SharedArrayBuffer;
  representations: SharedArrayBuffer;
  meanNorm: SharedArrayBuffer;
  cotangent: SharedArrayBuffer;
  gradient: SharedArrayBuffer;
}

/** How long the main thread waits for the worker before it reports it dead (start-up through tsx included). */
const TIMEOUT_MS = 120_000;

interface EncoderWorker {
  control: Int32Array;
  port: MessagePort;
  nextJob: number;
}

let shared: EncoderWorker | null = null;

function encoderWorker(): EncoderWorker {
  if (shared === null) {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
    const { port1, port2 } = new MessageChannel();
    // The worker entry sits beside this file: .js when built; .ts when run from source through tsx, whose loader a
    // worker does not inherit, so the worker registers it before importing the entry.
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(fromSource ? './encoderWorker.ts' : './encoderWorker.js', import.meta.url);
    const options = { workerData: { control: control.buffer, port: port2 }, transferList: [port2] };
    const worker = fromSource
      ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`, { ...options, eval: true })
      : new Worker(entry, options);
    worker.unref();
    port1.unref();
    shared = { control, port: port1, nextJob: 1 };
  }
  return shared;
}

const float64 = (entries: number) => new Float64Array(new SharedArrayBuffer(entries * 8));

/**
 * An encoder whose forward pass and pullback run on the worker thread. Write `parameters` and the batch rows of
 * `input`, `startForward()`, do other work, `finish()`; then read `representations` and `meanNorm`, write
 * `cotangent`, `startBackward()`, `finish()` and read `gradient` (∂⟨cotangent, representations⟩/∂parameters, laid
 * out like the parameters). `close()` releases the worker's side.
 */
export class RemoteEncoder {
  readonly parameters: Float64Array;
  readonly input: Float64Array;
  readonly representations: Float64Array;
  readonly cotangent: Float64Array;
  readonly gradient: Float64Array;
  private readonly meanNormCell: Float64Array;
  private readonly id: number;
  private pending = 0;
  private closed = false;

  constructor(widths: readonly number[], similarity: Similarity, batchRows: number, rows: number, parameterCount: number) {
    const job: EncoderJob = {
      id: 0, widths: [...widths], similarity, batchRows, rows,
      parameters: new SharedArrayBuffer(parameterCount * 8),
      input: new SharedArrayBuffer(rows * widths[0] * 8),
      representations: new SharedArrayBuffer(batchRows * widths[widths.length - 1] * 8),
      meanNorm: new SharedArrayBuffer(8),
      cotangent: new SharedArrayBuffer(batchRows * widths[widths.length - 1] * 8),
      gradient: new SharedArrayBuffer(parameterCount * 8),
    };
    const worker = encoderWorker();
    this.id = job.id = worker.nextJob++;
    this.parameters = new Float64Array(job.parameters);
    this.input = new Float64Array(job.input);
    this.representations = new Float64Array(job.representations);
    this.meanNormCell = new Float64Array(job.meanNorm);
    this.cotangent = new Float64Array(job.cotangent);
    this.gradient = new Float64Array(job.gradient);
    worker.port.postMessage(job);
    this.send(ATTACH);
    this.finish();
  }

  /** m̂ of the last forward pass (1 with cosine similarity). */
  get meanNorm(): number {
    return this.meanNormCell[0];
  }

  startForward(): void {
    this.send(FORWARD);
  }

  startBackward(): void {
    this.send(BACKWARD);
  }

  /** Blocks until the worker has done the last command; rethrows its error, if any. */
  finish(): void {
    const { control, port } = encoderWorker();
    const deadline = Date.now() + TIMEOUT_MS;
    for (let done = Atomics.load(control, DONE); done !== this.pending; done = Atomics.load(control, DONE)) {
      if (Date.now() > deadline) throw new Error(`encoder worker: no answer within ${TIMEOUT_MS / 1000} s (did it fail to start?)`);
      Atomics.wait(control, DONE, done, 1000);
    }
    if (control[STATUS] === FAILED) {
      const message = receiveMessageOnPort(port)?.message;
      throw new Error(`encoder worker: ${String(message ?? 'failed')}`);
    }
  }

  /** Frees the worker's state for this encoder (its buffers); the encoder cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.send(DETACH);
    this.finish();
  }

  private send(command: number): void {
    if (this.closed && command !== DETACH) throw new Error('RemoteEncoder: used after close()');
    const { control } = encoderWorker();
    control[COMMAND] = command;
    control[JOB] = this.id;
    this.pending = Atomics.add(control, SEQUENCE, 1) + 1;
    Atomics.notify(control, SEQUENCE);
  }
}
