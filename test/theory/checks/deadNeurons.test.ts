import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkDeadNeuronsMulti, checkDeadNeuronsSingle, trajectoryContext } from '@mmcl/theory';
import { copyResult, rhoIndex, smallRun } from '../fixtures.js';

function deadPair(result: ReturnType<typeof smallRun>, which: 'h' | 'g', wantOther?: number) {
  const context = trajectoryContext(result);
  const { m, n } = result.config;
  for (let r = 0; r < m; r++)
    for (let i = 0; i < n; i++) {
      const own = (which === 'h' ? context.h : context.g!).gram.onXi.w0[r * n + i];
      const other = wantOther === undefined ? 0 : (which === 'h' ? context.g! : context.h).gram.onXi.w0[r * n + i];
      if (own < 0 && (wantOther === undefined || Math.sign(other) === wantOther)) return { r, i };
    }
  throw new Error('no dead pair');
}

test('Lemma C.7: ρ = 0 exactly on dead pairs; a 1e-12 entry while the pair is dead is caught', () => {
  const [zero] = checkDeadNeuronsSingle(trajectoryContext(smallRun('single')));
  assert.is(zero.holds, true, zero.detail);
  const broken = copyResult(smallRun('single'));
  const { r, i } = deadPair(broken, 'h');
  broken.h.rho.data[rhoIndex(broken, 2, r, i)] = 1e-12;
  const [brokenZero] = checkDeadNeuronsSingle(trajectoryContext(broken));
  assert.is(brokenZero.holds, false);
  assert.equal(brokenZero.location, { step: 2, neuron: r, sample: i });
});

test('Lemma C.7 as stated (all t) fails once a dead pair has left I_− and moved, while the exact part holds', () => {
  const base = smallRun('single');
  const { r, i } = deadPair(base, 'h');
  const { gram } = trajectoryContext(base).h;
  const { n } = base.config;
  const k = i === 0 ? 1 : 0;
  // From step 3, ρ_{r,k} drags ⟨w_r, ξ_i⟩ positive through the cross term ρ_{r,k}⟨ξ_k, ξ_i⟩/‖ξ_k‖²; from step 6, ρ_{r,i} moves.
  const push = (2 * Math.abs(gram.onXi.w0[r * n + i]) * gram.q[k]) / Math.abs(gram.K[k * n + i]);
  const broken = copyResult(base);
  for (let t = 3; t <= base.config.steps; t++) broken.h.rho.data[rhoIndex(broken, t, r, k)] = Math.sign(gram.K[k * n + i]) * push;
  for (let t = 6; t <= base.config.steps; t++) broken.h.rho.data[rhoIndex(broken, t, r, i)] = 0.25;
  const [zero, always, stays] = checkDeadNeuronsSingle(trajectoryContext(broken));
  assert.is(stays.holds, false);
  assert.equal(stays.location, { step: 3, neuron: r, sample: i });
  assert.is(zero.holds, true, zero.detail);
  assert.is(always.holds, false);
  assert.equal(always.location, { step: 6, neuron: r, sample: i });
});

test('Lemma C.7: pushing a dead pair positive fails the invariance of I_{r,−}', () => {
  const broken = copyResult(smallRun('single'));
  const { r, i } = deadPair(broken, 'h');
  broken.h.rho.data[rhoIndex(broken, 4, r, i)] = 50;
  const [, , stays] = checkDeadNeuronsSingle(trajectoryContext(broken));
  assert.is(stays.holds, false);
  assert.equal(stays.location, { step: 4, neuron: r, sample: i });
});

test('Lemma D.9 cases 1–3 hold exactly; a positive ρ~ in case 2 is caught', () => {
  const cases = checkDeadNeuronsMulti(trajectoryContext(smallRun('multi')));
  for (const c of cases.slice(0, 3)) assert.is(c.holds, true, `${c.id}: ${c.detail}`);
  const broken = copyResult(smallRun('multi'));
  const { r, i } = deadPair(broken, 'h', 1); // I_{r,−} ∩ I~_{r,+}
  broken.g!.rho.data[rhoIndex(broken, 3, r, i)] = 1e-9;
  const [, case2] = checkDeadNeuronsMulti(trajectoryContext(broken));
  assert.is(case2.holds, false);
  assert.equal(case2.location, { step: 3, neuron: r, sample: i, encoder: 'g' });
});

test('Lemma D.9: a negative initial sign that turns positive fails the cell invariance there', () => {
  const broken = copyResult(smallRun('multi'));
  const { r, i } = deadPair(broken, 'h', -1); // I_{r,−} ∩ I~_{r,−}
  broken.h.rho.data[rhoIndex(broken, 6, r, i)] = 50;
  const cells = checkDeadNeuronsMulti(trajectoryContext(broken))[3];
  assert.is(cells.holds, false);
  assert.equal(cells.location, { step: 6, neuron: r, sample: i });
});

test.run();
