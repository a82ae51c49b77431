/**
 * Estimate the intrinsic dimension of a point cloud (here a 3-dimensional Gaussian placed in R^12).
 *
 * Run: node --conditions=source --import tsx docs/examples/04-intrinsic-dimension.ts
 * The same estimate from the command line, for an n×D float64 .npy file: npx mmcl id points.npy --estimator mle
 */
import { createStreams } from '@mmcl/autodiff';
import { mleDimension, twoNnDimension } from '@mmcl/intrinsic';

const n = 1000;
const D = 12;
const latent = createStreams(11).data.normal(n * 3);
const data = new Float64Array(n * D);
for (let i = 0; i < n; i++) {
  // a fixed linear embedding of the 3 latent coordinates into 12 ambient ones
  for (let j = 0; j < D; j++) data[i * D + j] = latent[i * 3 + (j % 3)] * (1 + j / D);
}
const points = { data, shape: [n, D] as const };

const mle = mleDimension(points, { k: 20 });
console.log(`MLE (k = 20): ${mle.dimension.toFixed(3)}; TwoNN: ${twoNnDimension(points).toFixed(3)}; true: 3`);
if (Math.abs(mle.dimension - 3) > 0.5) process.exit(1);
