/**
 * Minibatches (spec optimizers.md §2): at step t the anchor batch S_t of size B comes from a seeded permutation of
 * [n] per epoch with drop_last semantics (⌊n/B⌋ batches per epoch), like a PyTorch DataLoader with a seeded
 * generator. Negatives are the opposite-label samples within the batch ('batch') or within the whole set ('all').
 */
import { createStreams } from '@mmcl/autodiff';

/**
 * The batches of a run: `batch(t)` gives S_t (sorted, so that sums run in index order) for t = 0, 1, …, in order.
 * The permutations come from the seed's 'batches' stream, independent of data, initialisation and augmentation.
 *
 * @example
 * import { batchSequence } from '@mmcl/infomax/internal';
 * const next = batchSequence(10, 4, 0);
 * // two batches per epoch; two samples dropped
 * next(0).length; // → 4
 * @category Optimizers
 */
export function batchSequence(n: number, batchSize: number, seed: number): (t: number) => Int32Array {
  const stream = createStreams(seed).stream('batches');
  const perEpoch = Math.floor(n / batchSize);
  let epoch = -1;
  let order = new Int32Array(n);
  return (t: number) => {
    const wanted = Math.floor(t / perEpoch);
    if (wanted < epoch) throw new RangeError(`batchSequence: steps must be requested in order (asked ${t} after epoch ${epoch})`);
    while (epoch < wanted) {
      order = Int32Array.from({ length: n }, (_, k) => k);
      for (let k = n - 1; k > 0; k--) {
        const pick = stream.int(k + 1);
        [order[k], order[pick]] = [order[pick], order[k]];
      }
      epoch++;
    }
    const start = (t % perEpoch) * batchSize;
    return order.slice(start, start + batchSize).sort();
  };
}

/**
 * The negative lists of one minibatch step, in the flat (list, offsets) form of InfomaxInputs: for i ∈ S_t, N_i ∩ S_t
 * ('batch') or N_i ('all'); for i ∉ S_t, none. An anchor without negatives has ℓ'_i = 1 exactly, so it adds nothing
 * to the gradient: anchors outside the batch drop out of the full-set formulas without any other change.
 *
 * @example
 * import { batchNegatives } from '@mmcl/infomax/internal';
 * // n = 3, N_0 = {1, 2}, N_1 = {0}, N_2 = {0}; batch {0, 1}
 * batchNegatives(new Int32Array([1, 2, 0, 0]), new Int32Array([0, 2, 3, 4]), new Int32Array([0, 1]), 'batch').negatives; // → [1, 0]
 * @category Optimizers
 */
export function batchNegatives(
  negatives: Int32Array,
  offsets: Int32Array,
  batch: Int32Array,
  scope: 'batch' | 'all',
): { negatives: Int32Array; negativeOffsets: Int32Array } {
  const n = offsets.length - 1;
  const inBatch = new Uint8Array(n);
  for (const i of batch) inBatch[i] = 1;
  const list: number[] = [];
  const negativeOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (inBatch[i]) {
      for (let k = offsets[i]; k < offsets[i + 1]; k++) if (scope === 'all' || inBatch[negatives[k]]) list.push(negatives[k]);
    }
    negativeOffsets[i + 1] = list.length;
  }
  return { negatives: Int32Array.from(list), negativeOffsets };
}
