import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { tensor, valueAndGrad, type Tensor } from '@mmcl/autodiff';
import { decomposeLoss, symmetricInfoNce } from '@mmcl/intrinsic';
import { centralDifference } from './manifolds.js';

/** The loss of row-major F, G (B×dim) at τ, as a number. */
const lossOf = (F: Float64Array, G: Float64Array, B: number, dim: number, tau: number) =>
  symmetricInfoNce(tensor(F, [B, dim]), tensor(G, [B, dim]), tau).loss.item();

const seeded = (seed: number) => {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296) * 2 - 1;
};

test('the autodiff gradients (F, G, τ) match central finite differences', () => {
  const B = 5;
  const dim = 3;
  const next = seeded(11);
  const F = Float64Array.from({ length: B * dim }, next);
  const G = Float64Array.from({ length: B * dim }, next);
  const tau = new Float64Array([0.7]);
  const { grads } = valueAndGrad((f: Tensor, g: Tensor, t: Tensor) => symmetricInfoNce(f, g, t).loss)(tensor(F, [B, dim]), tensor(G, [B, dim]), tensor(tau, []));
  const loss = () => lossOf(F, G, B, dim, tau[0]);
  for (let i = 0; i < F.length; i++) {
    assert.ok(Math.abs(centralDifference(loss, F, i) - grads[0].data[i]) < 1e-8, `F[${i}]`);
    assert.ok(Math.abs(centralDifference(loss, G, i) - grads[1].data[i]) < 1e-8, `G[${i}]`);
  }
  assert.ok(Math.abs(centralDifference(loss, tau, 0) - grads[2].data[0]) < 1e-8, 'τ');
});

test('F and G of different shapes are a one-line error naming both', () => {
  assert.throws(() => symmetricInfoNce(tensor([[1, 0]]), tensor([[1, 0], [0, 1]]), 1), /F and G must both be B×d, got \[1,2\] and \[2,2\]/);
});

/** B distinct unit vectors in R^dim. */
const unitVectors = fc.record({ B: fc.integer({ min: 2, max: 10 }), dim: fc.integer({ min: 2, max: 5 }), seed: fc.integer({ min: 0, max: 1e9 }) }).map(({ B, dim, seed }) => {
  const next = seeded(seed);
  const F = Float64Array.from({ length: B * dim }, next);
  for (let i = 0; i < B; i++) {
    let n = 0;
    for (let c = 0; c < dim; c++) n += F[i * dim + c] ** 2;
    for (let c = 0; c < dim; c++) F[i * dim + c] /= Math.sqrt(n);
  }
  return { B, dim, F };
});

test('aligned representations: the loss increases in τ (Theorem 2 (3)); batch and population versions', () => {
  fc.assert(
    fc.property(unitVectors, fc.double({ min: 0.02, max: 5, noNaN: true }), fc.double({ min: 1.01, max: 3, noNaN: true }), ({ B, dim, F }, tau, factor) => {
      const low = lossOf(F, F, B, dim, tau);
      const high = lossOf(F, F, B, dim, tau * factor);
      const similarities = new Float64Array(B * B);
      for (let i = 0; i < B; i++) for (let j = 0; j < B; j++) for (let c = 0; c < dim; c++) similarities[i * B + j] += F[i * dim + c] * F[j * dim + c];
      const probabilities = new Float64Array(B * B);
      for (let i = 0; i < B; i++) probabilities[i * B + i] = 1 / B;
      const joint = { probabilities, similarities, rows: B, cols: B };
      const popLow = decomposeLoss(joint, tau).loss;
      const popHigh = decomposeLoss(joint, tau * factor).loss;
      // The population loss is −2 log B + 2 L_B: increments below its rounding (≈ 1e-15) cannot show there.
      const resolvable = high - low > 1e-13;
      return low < high && popLow <= popHigh && (!resolvable || popLow < popHigh);
    }),
    { numRuns: 200 },
  );
});

test('aligned distinct points: L_B → 0 as τ → 0', () => {
  const F = new Float64Array([1, 0, 0, 1, -1, 0]);
  const loss = lossOf(F, F, 3, 2, 0.01);
  // Resolved, not rounded to 0: ≈ 2·e^{−100} (each row's nearest negative is at distance 1/τ = 100).
  assert.ok(loss > 0 && loss < 1e-40, `${loss}`);
});

test('misaligned representations (G = F + noise): the loss has an interior minimising τ', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
      const B = 16;
      const dim = 3;
      const next = seeded(seed);
      const F = Float64Array.from({ length: B * dim }, next);
      const G = Float64Array.from(F, (v) => v + 0.6 * next());
      // Misaligned: some negative beats its positive, so L → ∞ as τ → 0; positives beat the average pair, so L < log B
      // for large τ while L → log B as τ → ∞. Both ends are then above an interior minimum.
      const taus = Array.from({ length: 121 }, (_, i) => 10 ** (-3 + i * 0.05));
      const losses = taus.map((t) => lossOf(F, G, B, dim, t));
      const best = losses.indexOf(Math.min(...losses));
      return best > 0 && best < taus.length - 1 && losses[best] < Math.log(B);
    }),
    { numRuns: 50 },
  );
});

test.run();
