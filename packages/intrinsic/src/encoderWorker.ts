/**
 * The worker side of encoderThread.ts: waits for commands on the shared control array and runs them. ATTACH reads
 * a job (EncoderJob) from the port; FORWARD runs the encoder's forward code under `reusableVjp` and publishes the
 * representations and m̂; BACKWARD runs the pullback with the shared cotangent and publishes the gradient; DETACH
 * drops the job. Every command ends with DONE set to its sequence number, and STATUS (and a message) on failure.
 */
import { workerData, type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { reusableVjp, tensor, treeLeaves, type Tensor, type Vjp } from '@mmcl/autodiff';
import { encode } from './encoder.js';
import { ATTACH, BACKWARD, COMMAND, DETACH, DONE, FAILED, FORWARD, JOB, OK, SEQUENCE, STATUS, type EncoderJob } from './encoderThread.js';
import { mlpParameters, mlpView, type LayerParameters } from './mlp.js';

interface Running {
  forward: () => void;
  backward: () => void;
}

function start(job: EncoderJob): Running {
  const { mlp } = mlpView(job.widths, new Float64Array(job.parameters), 0);
  const layers = mlpParameters(mlp);
  const input = tensor(new Float64Array(job.input), [job.rows, job.widths[0]]);
  const outputDim = job.widths[job.widths.length - 1];
  const representations = new Float64Array(job.representations);
  const meanNorm = new Float64Array(job.meanNorm);
  const cotangent = tensor(new Float64Array(job.cotangent), [job.batchRows, outputDim]);
  const gradient = new Float64Array(job.gradient);
  const encoder = reusableVjp((p: LayerParameters[]) => {
    const encoded = encode(p, input, job.batchRows, job.similarity);
    meanNorm[0] = encoded.meanNorm?.item() ?? 1;
    return encoded.representations;
  });
  let traced: Vjp<Tensor, [LayerParameters[]]> | null = null;
  return {
    forward() {
      traced = encoder(layers);
      representations.set(traced.out.data);
    },
    backward() {
      if (traced === null) throw new Error('BACKWARD before FORWARD');
      let at = 0;
      for (const leaf of treeLeaves(traced.pullback(cotangent))) {
        gradient.set(leaf.data, at);
        at += leaf.size;
      }
    },
  };
}

const { control: controlBuffer, port } = workerData as { control: SharedArrayBuffer; port: MessagePort };
const control = new Int32Array(controlBuffer);
const jobs = new Map<number, Running>();
let seen = 0;
for (;;) {
  Atomics.wait(control, SEQUENCE, seen);
  seen = Atomics.load(control, SEQUENCE);
  try {
    const id = control[JOB];
    switch (control[COMMAND]) {
      case ATTACH: jobs.set(id, start(receiveMessageOnPort(port)!.message as EncoderJob)); break;
      case FORWARD: jobs.get(id)!.forward(); break;
      case BACKWARD: jobs.get(id)!.backward(); break;
      case DETACH: jobs.delete(id); break;
    }
    control[STATUS] = OK;
  } catch (error) {
    control[STATUS] = FAILED;
    port.postMessage(error instanceof Error ? error.stack ?? error.message : String(error));
  }
  Atomics.store(control, DONE, seen);
  Atomics.notify(control, DONE);
}
