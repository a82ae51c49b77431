import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createStreams } from '@mmcl/autodiff';
import { anchorActivations, coefficientIncrement, infoNceTerm, relu } from '@mmcl/infomax/internal';

const random = createStreams(9).check;
const n = 7;
const m = 4;
const y = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : 1));
const offsets = new Int32Array(n + 1);
const lists: number[] = [];
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) if (y[j] !== y[i]) lists.push(j);
  offsets[i + 1] = lists.length;
}
const negatives = Int32Array.from(lists);

test('anchorActivations: σ(y_i u_r), σ(v) and the indicators with σ\'(0) = 0', () => {
  const a = anchorActivations(new Float64Array([2, 0]), new Float64Array([0, -1, 3, 0.5]), new Float64Array([1, -1]));
  assert.equal(Array.from(a.signal), [2, 0, 0, 0]);
  assert.equal(Array.from(a.signalGate), [1, 0, 0, 0]);
  assert.equal(Array.from(a.noise), [0, 0, 3, 0.5]);
  assert.equal(Array.from(a.noiseGate), [0, 0, 1, 1]);
  assert.equal(Array.from(relu(new Float64Array([-1, 0, 2]))), [0, 0, 2]);
});

test('infoNceTerm matches a per-anchor brute-force softmax; probabilities sum to 1', () => {
  const anchor = anchorActivations(random.normal(m), random.normal(m * n), y);
  const partner = { signal: relu(random.normal(m * n)), noise: relu(random.normal(m * n)) };
  const negative = { signal: relu(random.normal(m * n)), noise: relu(random.normal(m * n)) };
  const tau = 0.3;
  const term = infoNceTerm(anchor, partner, negative, negatives, offsets, tau);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const sim = (p: { signal: Float64Array; noise: Float64Array }, j: number) => {
      let s = 0;
      for (let r = 0; r < m; r++) s += anchor.signal[r * n + i] * p.signal[r * n + j] + anchor.noise[r * n + i] * p.noise[r * n + j];
      return s / (m * tau);
    };
    const f0 = sim(partner, i);
    const fj = Array.from(negatives.subarray(offsets[i], offsets[i + 1]), (j) => sim(negative, j));
    const z = Math.exp(f0) + fj.reduce((s, f) => s + Math.exp(f), 0);
    assert.ok(Math.abs(term.positive[i] - Math.exp(f0) / z) < 1e-15);
    let total = term.positive[i];
    fj.forEach((f, k) => {
      const p = term.negative[offsets[i] + k];
      assert.ok(Math.abs(p - Math.exp(f) / z) < 1e-15);
      assert.is(term.matrix[i * n + negatives[offsets[i] + k]], p);
      total += p;
    });
    assert.ok(Math.abs(total - 1) < 1e-14);
    loss += -Math.log(Math.exp(f0) / z);
  }
  assert.ok(Math.abs(term.loss - loss / n) < 1e-14);
  // Entries outside N_i are zero in the matrix (same-label samples are never negatives).
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (y[i] === y[j]) assert.is(term.matrix[i * n + j], 0);
});

test('large logits do not overflow (log-sum-exp)', () => {
  const anchor = anchorActivations(new Float64Array(m).fill(30), new Float64Array(m * n).fill(30), y);
  const term = infoNceTerm(anchor, anchor, anchor, negatives, offsets, 0.01);
  assert.ok(Number.isFinite(term.loss));
  assert.ok(term.positive.every(Number.isFinite));
});

test('the label shortcut for signal activations (signal patch y_i µ) gives the generic gemm result to 1e-15', () => {
  const anchor = anchorActivations(random.normal(m), random.normal(m * n), y);
  const partner = anchorActivations(random.normal(m), random.normal(m * n), y);
  const generic = infoNceTerm(anchor, partner, partner, negatives, offsets, 0.2);
  const fast = infoNceTerm(anchor, partner, partner, negatives, offsets, 0.2, y);
  assert.ok(Math.abs(generic.loss - fast.loss) <= 1e-15 * generic.loss);
  for (let k = 0; k < negatives.length; k++) assert.ok(Math.abs(generic.negative[k] - fast.negative[k]) < 1e-15);
  const q = new Float64Array(n).fill(3);
  const a = coefficientIncrement(anchor, partner, partner, generic, y, 25, q, 0.01);
  const b = coefficientIncrement(anchor, partner, partner, generic, y, 25, q, 0.01, y);
  for (let r = 0; r < m; r++) assert.ok(Math.abs(a.gamma[r] - b.gamma[r]) <= 1e-15 * Math.max(1e-3, Math.abs(a.gamma[r])), `${a.gamma[r]} vs ${b.gamma[r]}`);
  assert.equal(Array.from(a.rho), Array.from(b.rho));
});

test.run();
