import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkDeadNeuronsMulti, checkDeadNeuronsSingle, trajectoryContext } from '@mmcl/theory';
import { copyResult, rhoIndex, smallRun } from '../fixtures.js';

function deadPair(result: ReturnType<typeof smallRun>, which: 'first' | 'second', wantOther?: number) {
  const context = trajectoryContext(result);
  const { m, n } = result.config;
  for (let r = 0; r < m; r++)
    for (let i = 0; i < n; i++) {
      const own = (which === 'first' ? context.first : context.second!).gram.onXi.w0[r * n + i];
      const other = wantOther === undefined ? 0 : (which === 'first' ? context.second! : context.first).gram.onXi.w0[r * n + i];
      if (own < 0 && (wantOther === undefined || Math.sign(other) === wantOther)) return { r, i };
    }
  throw new Error('no dead pair');
}

test('Lemma C.7: ρ = 0 exactly on dead pairs; a 1e-12 entry while the pair is dead is caught', () => {
  const [zero] = checkDeadNeuronsSingle(trajectoryContext(smallRun('single')));
  assert.is(zero.holds, true, zero.detail);
  const broken = copyResult(smallRun('single'));
  const { r, i } = deadPair(broken, 'first');
  broken.first.rho[rhoIndex(broken, 2, r, i)] = 1e-12;
  const [brokenZero] = checkDeadNeuronsSingle(trajectoryContext(broken));
  assert.is(brokenZero.holds, false);
  assert.equal(brokenZero.location, { step: 2, neuron: r, sample: i });
});

test('Lemma C.7: pushing a dead pair positive fails the invariance of I_{r,−}', () => {
  const broken = copyResult(smallRun('single'));
  const { r, i } = deadPair(broken, 'first');
  broken.first.rho[rhoIndex(broken, 4, r, i)] = 50;
  const [, stays] = checkDeadNeuronsSingle(trajectoryContext(broken));
  assert.is(stays.holds, false);
  assert.equal(stays.location, { step: 4, neuron: r, sample: i });
});

test('Lemma D.9 cases 1–3 hold exactly; a positive ρ~ in case 2 is caught', () => {
  const cases = checkDeadNeuronsMulti(trajectoryContext(smallRun('multi')));
  for (const c of cases.slice(0, 3)) assert.is(c.holds, true, `${c.id}: ${c.detail}`);
  const broken = copyResult(smallRun('multi'));
  const { r, i } = deadPair(broken, 'first', 1); // I_{r,−} ∩ I~_{r,+}
  broken.second!.rho[rhoIndex(broken, 3, r, i)] = 1e-9;
  const [, case2] = checkDeadNeuronsMulti(trajectoryContext(broken));
  assert.is(case2.holds, false);
  assert.equal(case2.location, { step: 3, neuron: r, sample: i, encoder: 'second' });
});

test('Lemma D.9: a negative initial sign that turns positive fails the cell invariance there', () => {
  const broken = copyResult(smallRun('multi'));
  const { r, i } = deadPair(broken, 'first', -1); // I_{r,−} ∩ I~_{r,−}
  broken.first.rho[rhoIndex(broken, 6, r, i)] = 50;
  const cells = checkDeadNeuronsMulti(trajectoryContext(broken))[3];
  assert.is(cells.holds, false);
  assert.equal(cells.location, { step: 6, neuron: r, sample: i });
});

test.run();
