import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { tensor } from '@mmcl/autodiff';
import { decomposeLoss, symmetricInfoNce, type FiniteJoint } from '@mmcl/intrinsic';

/** A random finite joint pmf (some cells exactly 0) with a similarity matrix. */
const finiteJoint = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      rows: fc.constant(rows),
      cols: fc.constant(cols),
      weights: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1, noNaN: true })), { minLength: rows * cols, maxLength: rows * cols }),
      similarities: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols }),
    }),
  )
  .filter(({ weights }) => weights.some((w) => w > 0))
  .map(({ rows, cols, weights, similarities }): FiniteJoint => {
    const total = weights.reduce((a, b) => a + b, 0);
    return { rows, cols, probabilities: Float64Array.from(weights, (w) => w / total), similarities: Float64Array.from(similarities) };
  });
const temperature = fc.double({ min: 0.05, max: 5, noNaN: true });

test('L = −2I + KL(P‖Q) + KL(P‖Q̃) to 1e-12 on finite joint distributions', () => {
  fc.assert(
    fc.property(finiteJoint, temperature, (joint, tau) => {
      const d = decomposeLoss(joint, tau);
      const rhs = -2 * d.mutualInformation + d.klRow + d.klColumn;
      return Math.abs(d.loss - rhs) <= 1e-12 * Math.max(1, Math.abs(d.loss));
    }),
    { numRuns: 300 },
  );
});

test('Q and Q̃ are distributions with marginals P_U and P_V', () => {
  fc.assert(
    fc.property(finiteJoint, temperature, (joint, tau) => {
      const { rows, cols, probabilities: p } = joint;
      const d = decomposeLoss(joint, tau);
      let sumQ = 0;
      let sumQt = 0;
      for (let i = 0; i < rows; i++) {
        let rowQ = 0;
        let rowP = 0;
        for (let j = 0; j < cols; j++) {
          rowQ += Math.exp(d.logQRow[i * cols + j]);
          rowP += p[i * cols + j];
        }
        if (Math.abs(rowQ - rowP) > 1e-12) return false;
        sumQ += rowQ;
      }
      for (let j = 0; j < cols; j++) {
        let colQt = 0;
        let colP = 0;
        for (let i = 0; i < rows; i++) {
          colQt += Math.exp(d.logQColumn[i * cols + j]);
          colP += p[i * cols + j];
        }
        if (Math.abs(colQt - colP) > 1e-12) return false;
        sumQt += colQt;
      }
      return Math.abs(sumQ - 1) <= 1e-12 && Math.abs(sumQt - 1) <= 1e-12;
    }),
    { numRuns: 200 },
  );
});

test('L ≥ −2I for every τ (both KL terms are ≥ 0)', () => {
  fc.assert(
    fc.property(finiteJoint, temperature, (joint, tau) => {
      const d = decomposeLoss(joint, tau);
      return d.klRow >= -1e-12 && d.klColumn >= -1e-12 && d.loss >= -2 * d.mutualInformation - 1e-12;
    }),
    { numRuns: 300 },
  );
});

test('the uniform empirical joint of a batch gives L = 2(L_B − log B) exactly (spec §2.5)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1e6 }), temperature, (B, dim, seed, tau) => {
      let state = seed;
      const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
      const F = Float64Array.from({ length: B * dim }, next);
      const G = Float64Array.from({ length: B * dim }, next);
      const similarities = new Float64Array(B * B);
      for (let i = 0; i < B; i++) for (let j = 0; j < B; j++) for (let c = 0; c < dim; c++) similarities[i * B + j] += F[i * dim + c] * G[j * dim + c];
      const probabilities = new Float64Array(B * B);
      for (let i = 0; i < B; i++) probabilities[i * B + i] = 1 / B;
      const population = decomposeLoss({ probabilities, similarities, rows: B, cols: B }, tau).loss;
      const batch = symmetricInfoNce(tensor(F, [B, dim]), tensor(G, [B, dim]), tau).loss.item();
      return Math.abs(population - 2 * (batch - Math.log(B))) <= 1e-12 * Math.max(1, Math.abs(population));
    }),
    { numRuns: 200 },
  );
});

test('a worked 2×2 example: perfectly dependent, τ small → L ≈ −2I = −2 log 2', () => {
  const joint = { probabilities: new Float64Array([0.5, 0, 0, 0.5]), similarities: new Float64Array([1, -1, -1, 1]), rows: 2, cols: 2 };
  const d = decomposeLoss(joint, 0.01);
  assert.ok(Math.abs(d.mutualInformation - Math.log(2)) < 1e-15);
  assert.ok(Math.abs(d.loss + 2 * Math.log(2)) < 1e-80 + 1e-12);
});

test('τ ≤ 0 and mismatched sizes are rejected', () => {
  const joint = { probabilities: new Float64Array([1]), similarities: new Float64Array([0]), rows: 1, cols: 1 };
  assert.throws(() => decomposeLoss(joint, 0), /tau must be/);
  assert.throws(() => decomposeLoss({ ...joint, rows: 2 }, 1), /rows × cols/);
});

test.run();
