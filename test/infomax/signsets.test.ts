import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  simulate,
} from '@mmcl/infomax';
import {
  currentProjections, encoderData, encoderGram, intersectMasks, jointNoise, neuronSignSets, noiseLevels,
  sampleSignSets, signalLevels,
} from '@mmcl/infomax/internal';

test('set and level functions on hand-made values', () => {
  const U = neuronSignSets(new Float64Array([0.5, -1, 0, 2]));
  assert.equal(Array.from(U.positive), [0, 3]);
  assert.equal(Array.from(U.negative), [1]);
  const I = sampleSignSets(new Float64Array([1, -1, 0]));
  assert.equal(Array.from(I.positive), [1, 0, 0]);
  assert.equal(Array.from(I.negative), [0, 1, 0]);
  const A = signalLevels(new Float64Array([0.3, -0.3, 1]), new Float64Array([0.1, -0.2, 0]));
  assert.ok(Math.abs(A[0] - 0.4) < 1e-15 && Math.abs(A[1] - 0.5) < 1e-15 && Number.isNaN(A[2]));
  // m = 1, n = 3: y = (+1, −1, +1), v = (1, 1, −1)
  const rho = new Float64Array([2, 3, 4]);
  const init = new Float64Array([0.5, 0.5, 0.5]);
  const v = new Float64Array([1, 1, -1]);
  const y = new Float64Array([1, -1, 1]);
  const { psi, phi } = noiseLevels(rho, init, v, y);
  assert.equal(Array.from(psi).map((x) => (Number.isNaN(x) ? null : x)), [2.5, null, null]);
  assert.equal(Array.from(phi).map((x) => (Number.isNaN(x) ? null : x)), [null, 3.5, null]);
  const B = jointNoise(rho, init, v, y);
  assert.equal([B.plus[0], B.minus[0]], [2.5, 3.5]);
  const masked = jointNoise(rho, init, v, y, intersectMasks(new Uint8Array([1, 1, 1]), new Uint8Array([0, 1, 1])));
  assert.equal([masked.plus[0], masked.minus[0]], [4.5, 3.5]);
});

test('Lemma C.3 on a single-modal run: U_± invariant, γ monotone with the sign of ⟨w_r^(0), µ⟩', () => {
  const r = simulate({ d: 300, n: 24, m: 10, steps: 40, nTest: 20, probeTrainSize: 10, evalEvery: 40, populationSamples: 0, seed: 6 });
  const { m, n, steps } = r.config;
  const gram = encoderGram(encoderData(r.config, r.inputs, 'h'));
  const U0 = neuronSignSets(gram.onMu.w0);
  for (let t = 1; t <= steps; t++) {
    const gamma = r.h.gamma.data.subarray(t * m, (t + 1) * m);
    const { u } = currentProjections(gram, gamma, r.h.rho.data.subarray(t * m * n, (t + 1) * m * n));
    const U = neuronSignSets(u);
    assert.equal(Array.from(U.positive), Array.from(U0.positive), `U_+ changed at t = ${t}`);
    assert.equal(Array.from(U.negative), Array.from(U0.negative), `U_− changed at t = ${t}`);
    for (let k = 0; k < m; k++) {
      const previous = r.h.gamma.data[(t - 1) * m + k];
      if (gram.onMu.w0[k] > 0) assert.ok(gamma[k] >= previous && gamma[k] >= 0);
      else assert.ok(gamma[k] <= previous && gamma[k] <= 0);
    }
  }
});

test('Lemma C.7 mechanism: ρ_{r,i} stays exactly 0 while ⟨w_r^(s), ξ_i⟩ ≤ 0 for all s < t (σ\'(0) = 0 gates)', () => {
  // d = 300 < n² = 576 violates Assumption 4.1(1), so some dead pairs do revive here (a finding, spec §9.4); what
  // holds exactly is the gate: no increment before the first step with ⟨w_r, ξ_i⟩ > 0.
  const r = simulate({ d: 300, n: 24, m: 10, steps: 40, nTest: 20, probeTrainSize: 10, evalEvery: 40, populationSamples: 0, seed: 6 });
  const { m, n, steps } = r.config;
  const gram = encoderGram(encoderData(r.config, r.inputs, 'h'));
  const dead = Uint8Array.from(sampleSignSets(gram.onXi.w0).negative);
  let checked = 0;
  for (let t = 1; t <= steps; t++) {
    const previous = currentProjections(gram, r.h.gamma.data.subarray((t - 1) * m, t * m), r.h.rho.data.subarray((t - 1) * m * n, t * m * n)).v;
    for (let k = 0; k < m * n; k++) if (previous[k] > 0) dead[k] = 0;
    const rho = r.h.rho.data.subarray(t * m * n, (t + 1) * m * n);
    for (let k = 0; k < m * n; k++) {
      if (!dead[k]) continue;
      assert.is(rho[k], 0, `ρ at t = ${t}, (r, i) = ${k}`);
      checked++;
    }
  }
  assert.ok(checked > 0, 'some neuron–sample pairs stay dead');
});

test.run();
