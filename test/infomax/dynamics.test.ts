import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { multiModalStep, singleModalStep, stepBuffers, type StepOutcome } from '@mmcl/infomax/internal';
import { sameBits } from './helpers.js';

const y = new Float64Array([1, -1, 1]);
const ctx = {
  y, negatives: new Int32Array([1, 0, 2, 1]), negativeOffsets: new Int32Array([0, 1, 3, 4]), tau: 0.5, rate: 0.1,
  signalNorm2: 25, noiseNorm2: new Float64Array([2, 3, 4]), signalNorm2Tilde: 225, noiseNorm2Tilde: new Float64Array([5, 6, 7]),
};

test('single-modal step: negatives drop out of Δγ (Lemma C.3) and Δρ follows Eq. (13) by hand', () => {
  // m = 1: u = 0.4 (signal active for y = +1 samples only), v = (0.2, 0.3, −0.1), v̂ = (0.25, 0.3, 0.1)
  const pre = { u: new Float64Array([0.4]), v: new Float64Array([0.2, 0.3, -0.1]), vAugmented: new Float64Array([0.25, 0.3, 0.1]) };
  const out = singleModalStep(pre, ctx);
  const p = out.probabilities.h;
  // Δγ = rate·‖µ‖²·Σ_{i: y_i = 1} (1 − ℓ'_i)·σ(y_i u)·y_i
  const dGamma = 0.1 * 25 * ((1 - p.positive[0]) * 0.4 + (1 - p.positive[2]) * 0.4);
  assert.ok(Math.abs(out.h.gamma[0] - dGamma) < 1e-15);
  // Δρ_1 (i = 1, y = −1, v > 0): rate·q_1·[(1 − ℓ'_1)·σ(v̂_1) − ℓ'_{1,0} σ(v_0) − ℓ'_{1,2} σ(v_2)]
  const dRho1 = 0.1 * 3 * ((1 - p.positive[1]) * 0.3 - p.negative[1] * 0.2 - p.negative[2] * 0);
  assert.ok(Math.abs(out.h.rho[1] - dRho1) < 1e-15);
  assert.is(out.h.rho[2], 0); // v_2 < 0: the gate σ'(⟨w, ξ_2⟩) = 0
});

test('multi-modal step: Eq. (15) couples Δγ to the other modality\'s activation; loss = sum of the two terms', () => {
  const preH = { u: new Float64Array([0.4]), v: new Float64Array([0.2, 0.3, -0.1]) };
  const preG = { u: new Float64Array([-0.7]), v: new Float64Array([0.5, -0.2, 0.6]) };
  const out = multiModalStep(preH, preG, ctx);
  const p = out.probabilities.h;
  // h gate is open for y = +1 (i = 0, 2); g_r(y_i µ~) = σ(−0.7 y_i) = 0 for y_i = +1, g_r(y_j µ~) = 0.7 for y_j = −1
  const dGamma = 0.1 * 25 * (-(p.negative[0] * 0.7) - p.negative[3] * 0.7);
  assert.ok(Math.abs(out.h.gamma[0] - dGamma) < 1e-15, `${out.h.gamma[0]} vs ${dGamma}`);
  assert.ok(Math.abs(out.loss - (out.probabilities.h.loss + out.probabilities.g!.loss)) < 1e-15);
  assert.throws(() => multiModalStep(preH, preG, { ...ctx, signalNorm2Tilde: undefined }), /norms of encoder g/);
  assert.throws(() => singleModalStep(preH, ctx), /augmented/);
});

test('steps into reused buffers give the bits of steps into fresh arrays, step after step (nothing left over)', () => {
  const [m, n] = [6, 8];
  const labels = new Float64Array([1, -1, 1, -1, 1, -1, 1, -1]);
  const negatives: number[] = [];
  const offsets = [0];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (labels[j] !== labels[i]) negatives.push(j);
    offsets.push(negatives.length);
  }
  const big = { ...ctx, y: labels, negatives: Int32Array.from(negatives), negativeOffsets: Int32Array.from(offsets),
    noiseNorm2: new Float64Array(n).fill(3), noiseNorm2Tilde: new Float64Array(n).fill(5) };
  const stream = createStreams(4).test;
  // Mixed signs, so gates open and close between steps: stale entries in reused arrays would show.
  const draw = () => ({ u: stream.normal(m), v: stream.normal(m * n), vAugmented: stream.normal(m * n) });
  const bits = (o: StepOutcome) => [o.h.gamma, o.h.rho, o.probabilities.h.positive, o.probabilities.h.negative,
    o.probabilities.h.matrix, ...(o.g ? [o.g.gamma, o.g.rho, o.probabilities.g!.matrix] : [])];
  const buffers = stepBuffers(m, n, negatives.length);
  for (let step = 0; step < 4; step++) {
    const [h, g] = [draw(), draw()];
    // One at a time: the buffers are shared, so a later step overwrites what an earlier one returned.
    for (const run of [(b?: typeof buffers) => singleModalStep(h, big, b), (b?: typeof buffers) => multiModalStep(h, g, big, b)]) {
      const [fresh, reused] = [run(), run(buffers)];
      assert.is(reused.loss, fresh.loss);
      bits(fresh).forEach((a, k) => assert.ok(sameBits(bits(reused)[k], a), `step ${step}, array ${k}`));
    }
  }
});

test.run();
