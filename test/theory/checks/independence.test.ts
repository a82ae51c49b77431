/**
 * The decomposition row is an independent check: it shares no code with the engine's step, so a bug in the engine's
 * recursion cannot pass it by being reused (issue 16). Mutation: a wrong sign in the Δρ recursion must fail it, on a
 * small run of each mode and on the Figure-1 configuration (d = 2000, n = 100, m = 50; 12 steps to keep the suite short).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { simulate } from '@mmcl/infomax';
import { checkDataModel, checkDecomposition, trajectoryContext } from '@mmcl/theory';
import { WEIGHT_SPACE_BUDGET } from '@mmcl/theory/internal';
import { wrongSignRun } from '../fixtures.js';

const small = (mode: 'single' | 'multi') => ({ mode, d: 300, n: 8, m: 3, steps: 12, populationSamples: 0, nTest: 8, probeTrainSize: 4 });

test('the independent files import nothing from @mmcl/infomax but types', () => {
  for (const file of ['paperDynamics.ts', 'weightSpace.ts', 'checks/decomposition.ts']) {
    const source = readFileSync(new URL(`../../../packages/theory/src/${file}`, import.meta.url), 'utf8');
    const imports = source.match(/^import[^;]*from '@mmcl\/infomax';$/gms) ?? [];
    for (const line of imports) assert.match(line, /^import type /, `${file}: ${line}`);
    assert.not.match(source, /from '\.\.?\/context\.js'[^;]*termAt|infoNceTerm|coefficientIncrement/, file);
  }
});

for (const mode of ['single', 'multi'] as const) {
  test(`${mode}: the control (right sign) holds on both routes; a wrong sign in Δρ fails at step 1`, () => {
    const control = checkDecomposition(trajectoryContext(wrongSignRun(small(mode), false)));
    assert.is(control.holds, true, control.detail);
    assert.match(control.detail, /d-dimensional route \(weights rebuilt/);
    assert.ok(control.value! < 1e-12, control.detail);
    const engine = checkDecomposition(trajectoryContext(simulate(small(mode))));
    assert.is(engine.holds, true, engine.detail);
    const broken = checkDecomposition(trajectoryContext(wrongSignRun(small(mode))));
    assert.is(broken.holds, false, broken.detail);
    assert.is(broken.location.step, 1);
    assert.ok(broken.location.sample !== undefined, 'the failure is in ρ');
  });
}

test('Figure-1 size (d = 2000, n = 100, m = 50): the Gram-space route alone catches the wrong sign', () => {
  const figure = { mode: 'single', steps: 12, populationSamples: 0 };
  assert.ok(2000 * 100 * 50 * 12 > WEIGHT_SPACE_BUDGET, 'this size takes the Gram-space route only');
  const broken = checkDecomposition(trajectoryContext(wrongSignRun(figure)));
  assert.is(broken.holds, false, broken.detail);
  assert.match(broken.detail, /d-dimensional route skipped/);
  assert.is(broken.location.step, 1);
});

test('with another optimizer than full-batch GD the row is undecided (not applicable), not failed', () => {
  const result = checkDecomposition(trajectoryContext(simulate({ ...small('single'), optimizer: { name: 'sgd', momentum: 0.9 } })));
  assert.is(result.holds, null);
  assert.match(result.detail, /not applicable/);
});

test('Gram-sampled run at d = 10⁹: the Gram route reads the Gram block and holds; the data rows are undecided', () => {
  const run = simulate({ mode: 'multi', d: 1e9, n: 8, m: 3, steps: 10, sigma0: 1e-5, sampler: 'gram', populationSamples: 0, nTest: 8, probeTrainSize: 4 });
  const context = trajectoryContext(run);
  const result = checkDecomposition(context);
  assert.is(result.holds, true, result.detail);
  assert.match(result.detail, /Gram-sampled inputs/);
  const [negatives, independence, scales] = checkDataModel(context);
  assert.is(negatives.holds, true);
  assert.is(independence.holds, null);
  assert.is(scales.holds, null);
});

test.run();
