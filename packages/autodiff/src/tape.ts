/**
 * The reverse-mode tape. While `grad`/`valueAndGrad` run the user's function, every primitive applied to a tensor
 * that depends on an argument is appended to the active tape's `entries` ARRAY, in execution order. Backward walks
 * that array from the end; each entry's input gradients are added into per-slot buffers in input order. Both orders
 * are fixed by the program, so gradients are bitwise reproducible.
 *
 * Outside `grad` nothing is recorded and ops cost only their forward rule.
 */
import { rules, type OpName } from './rules/index.js';
import { Tensor } from './tensor.js';

interface Entry {
  op: OpName;
  inputs: readonly Tensor[];
  output: Tensor;
  attrs: unknown;
  saved: unknown;
}

let nextTapeId = 1;

export class Tape {
  readonly id = nextTapeId++;
  readonly entries: Entry[] = [];
  /** slot → tensor; slots are handed out in creation order. */
  readonly tensors: Tensor[] = [];

  /** Marks a tensor as a differentiable variable on this tape. */
  track(t: Tensor): Tensor {
    t.tapeId = this.id;
    t.slot = this.tensors.length;
    this.tensors.push(t);
    return t;
  }

  isTracked(t: Tensor): boolean {
    return t.tapeId === this.id;
  }

  /**
   * Gradients of `output` with respect to the given tracked tensors: of the output itself when it has one entry,
   * else of ⟨seed, output⟩ (a vector-Jacobian product). Gradients of tensors the output does not depend on are zero.
   */
  backward(output: Tensor, wrt: readonly Tensor[], seed: Float64Array = Float64Array.of(1)): Float64Array[] {
    const grads: (Float64Array | null)[] = new Array(this.tensors.length).fill(null);
    const keep = new Set<number>();
    for (const t of wrt) keep.add(t.slot);
    if (this.isTracked(output)) grads[output.slot] = seed.slice();
    for (let e = this.entries.length - 1; e >= 0; e--) {
      const { op, inputs, output: out, attrs, saved } = this.entries[e];
      const g = grads[out.slot];
      if (g === null) continue;
      if (!keep.has(out.slot)) grads[out.slot] = null; // no longer needed: free it early
      const rule = rules[op] as { backward: (g: Float64Array, ctx: object) => (Float64Array | null)[] };
      const needs = inputs.map((t) => this.isTracked(t));
      const inputGrads = rule.backward(g, { inputs, needs, output: out, attrs, saved });
      for (let k = 0; k < inputs.length; k++) {
        const input = inputs[k];
        const gi = inputGrads[k];
        if (gi === null || !this.isTracked(input)) continue;
        const acc = grads[input.slot];
        if (acc === null) {
          // Rules may return the upstream gradient itself or a view of some tensor's data: copy those before
          // accumulating into them; a fresh array is owned outright.
          const shared = aliases(gi, g, inputs, out) || inputGrads.indexOf(gi) !== k;
          grads[input.slot] = shared ? gi.slice() : gi;
        } else {
          for (let i = 0; i < acc.length; i++) acc[i] += gi[i];
        }
      }
    }
    return wrt.map((t) => grads[t.slot] ?? new Float64Array(t.size));
  }
}

/** Whether a rule's returned gradient shares memory with the upstream gradient or with any tensor of the entry. */
function aliases(gi: Float64Array, upstream: Float64Array, inputs: readonly Tensor[], output: Tensor): boolean {
  if (overlap(gi, upstream) || overlap(gi, output.data)) return true;
  for (const t of inputs) if (overlap(gi, t.data)) return true;
  return false;
}

/** Whether two arrays share bytes (arrays of one pool arena share a buffer without overlapping). */
function overlap(a: Float64Array, b: Float64Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

const tapeStack: Tape[] = [];

/** Runs `body` with `tape` as the active tape. */
export function withTape<T>(tape: Tape, body: () => T): T {
  tapeStack.push(tape);
  try {
    return body();
  } finally {
    tapeStack.pop();
  }
}

/** Applies a primitive: runs its forward rule and, when an input is being differentiated, records it. */
export function apply(op: OpName, inputs: readonly Tensor[], attrs?: unknown): Tensor {
  const rule = rules[op] as { forward: (inputs: readonly Tensor[], attrs: unknown) => { data: Float64Array; shape: readonly number[]; saved?: unknown } };
  const result = rule.forward(inputs, attrs);
  const output = new Tensor(result.data, result.shape);
  const tape = tapeStack.length > 0 ? tapeStack[tapeStack.length - 1] : null;
  if (tape !== null) {
    for (const input of inputs) {
      if (tape.isTracked(input)) {
        tape.track(output);
        tape.entries.push({ op, inputs, output, attrs, saved: result.saved });
        break;
      }
    }
  }
  return output;
}
