// The two contrastive objectives, written with @mmcl/autodiff primitives so `grad` differentiates them.
//
// Both compare L2-normalised embeddings by cosine similarity divided by a temperature τ (SimCLR / CLIP practice):
//   SimCLR (NT-Xent): 2B views; each view's positive is the other view of its image, the other 2B − 2 views are
//     negatives: loss = mean over views of [logsumexp_{j≠i} S_ij − S_i,pos(i)].
//   CLIP: B image–caption pairs; loss = ½ (image→caption cross-entropy + caption→image cross-entropy) with the
//     matching pair as the target class.
import { add, concat, div, logsumexp, matmulNT, mean, mul, sqrt, square, sub, sum, tensor, type Tensor } from '@mmcl/autodiff';

/** Added to the self-similarity so exp() of it underflows to exactly 0 (finite, so no NaN in the backward pass). */
const EXCLUDED = -1e9;

/**
 * Added to the squared row norm so an all-zero embedding row gives 0, not 0/0. It changes a row of norm r by a
 * relative 5e-31/r², below float64 rounding for any r > 1e-7.
 */
const NORM_FLOOR = 1e-30;

/** Rows scaled to unit Euclidean norm. */
export function normalizeRows(z: Tensor): Tensor {
  return div(z, sqrt(add(sum(square(z), 1, true), NORM_FLOOR)));
}

/** A constant square matrix with `value` at (i, partner(i)) and 0 elsewhere. */
function pairMask(size: number, partner: (i: number) => number, value: number): Tensor {
  const values = new Float64Array(size * size);
  for (let i = 0; i < size; i++) values[i * size + partner(i)] = value;
  return tensor(values, [size, size]);
}

/** NT-Xent loss of two batches of views (row i of `view1` and of `view2` come from the same image). */
export function simclrLoss(view1: Tensor, view2: Tensor, temperature: number): Tensor {
  const batch = view1.shape[0];
  const views = normalizeRows(concat([view1, view2], 0));
  const similarity = div(matmulNT(views, views), temperature);
  const logits = add(similarity, pairMask(2 * batch, (i) => i, EXCLUDED));
  const positives = mul(similarity, pairMask(2 * batch, (i) => (i + batch) % (2 * batch), 1));
  return sub(mean(logsumexp(logits, 1)), div(sum(positives), 2 * batch));
}

/** Symmetric CLIP loss of B matching (image, caption) embedding rows. */
export function clipLoss(images: Tensor, captions: Tensor, temperature: number): Tensor {
  const batch = images.shape[0];
  const logits = div(matmulNT(normalizeRows(images), normalizeRows(captions)), temperature);
  const matching = div(sum(mul(logits, pairMask(batch, (i) => i, 1))), batch);
  const imageToCaption = mean(logsumexp(logits, 1));
  const captionToImage = mean(logsumexp(logits, 0));
  return sub(mul(add(imageToCaption, captionToImage), 0.5), matching);
}
