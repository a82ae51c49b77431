// Test helpers: samples from known manifolds, embedded in R^D by a random rotation.
import { createStreams, type RandomStream } from '@mmcl/autodiff';

/** A random D×D orthogonal matrix (Gram–Schmidt on a Gaussian matrix), row-major. */
export function randomRotation(D: number, stream: RandomStream): Float64Array {
  const q = stream.normal(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let c = 0; c < D; c++) dot += q[i * D + c] * q[j * D + c];
      for (let c = 0; c < D; c++) q[i * D + c] -= dot * q[j * D + c];
    }
    let norm = 0;
    for (let c = 0; c < D; c++) norm += q[i * D + c] ** 2;
    norm = Math.sqrt(norm);
    for (let c = 0; c < D; c++) q[i * D + c] /= norm;
  }
  return q;
}

/** Rows of `points` (n×k), zero-padded to D coordinates and rotated: n×D. */
export function embed(points: Float64Array, n: number, k: number, D: number, seed: number): Float64Array {
  const rotation = randomRotation(D, createStreams(seed).probe);
  const out = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < D; r++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += rotation[r * D + c] * points[i * k + c];
      out[i * D + r] = s;
    }
  }
  return out;
}

export function gaussian(n: number, k: number, seed: number): Float64Array {
  return createStreams(seed).data.normal(n * k);
}

/** Uniform on the unit sphere S^k ⊂ R^{k+1}: n×(k+1). */
export function sphere(n: number, k: number, seed: number): Float64Array {
  const x = createStreams(seed).data.normal(n * (k + 1));
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let c = 0; c <= k; c++) norm += x[i * (k + 1) + c] ** 2;
    norm = Math.sqrt(norm);
    for (let c = 0; c <= k; c++) x[i * (k + 1) + c] /= norm;
  }
  return x;
}

/** A 2-torus in R^3 with radii 2 and 1, angles uniform: n×3. */
export function torus(n: number, seed: number): Float64Array {
  const u = createStreams(seed).data.uniform(2 * n);
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const a = 2 * Math.PI * u[2 * i];
    const b = 2 * Math.PI * u[2 * i + 1];
    out[3 * i] = (2 + Math.cos(b)) * Math.cos(a);
    out[3 * i + 1] = (2 + Math.cos(b)) * Math.sin(a);
    out[3 * i + 2] = Math.sin(b);
  }
  return out;
}

/** Central finite difference of f at x along coordinate i. */
export function centralDifference(f: () => number, x: Float64Array, i: number, h = 1e-6): number {
  const saved = x[i];
  x[i] = saved + h;
  const plus = f();
  x[i] = saved - h;
  const minus = f();
  x[i] = saved;
  return (plus - minus) / (2 * h);
}

/** An integer grid side^dims, one point per row. */
export function grid(side: number, dims: number): Float64Array {
  const n = side ** dims;
  const data = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) for (let c = 0, rest = i; c < dims; c++, rest = Math.floor(rest / side)) data[i * dims + c] = rest % side;
  return data;
}
