import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig, simulate } from '@mmcl/infomax';
import { optimizerScope, renderTable, verify, verifyTrajectory } from '@mmcl/theory';

const small = { d: 90, n: 10, m: 4, steps: 12, nTest: 20, probeTrainSize: 10, evalEvery: 4, populationSamples: 0, eta: 0.05 };

test('scope: plain GD (also with B = n), span-preserving, coordinate-wise', () => {
  assert.is(optimizerScope(resolveConfig(small)), 'gd');
  assert.is(optimizerScope(resolveConfig({ ...small, optimizer: { name: 'sgd', batchSize: 10 } })), 'gd');
  assert.is(optimizerScope(resolveConfig({ ...small, optimizer: { name: 'sgd', batchSize: 5 } })), 'span');
  assert.is(optimizerScope(resolveConfig({ ...small, optimizer: { name: 'sgd', weightDecay: 0.1, decoupledWeightDecay: true } })), 'span');
  assert.is(optimizerScope(resolveConfig({ ...small, engine: 'dense', optimizer: 'rmsprop' })), 'coordinate');
});

test('GD runs keep every statement applicable', () => {
  const report = verify(small, { crossEngine: false });
  assert.ok(report.checks.every((c) => !c.notApplicable));
  assert.is(report.summary.notApplicable, 0);
});

test('momentum: the extended decomposition is checked (dense span residual, reduced vs dense) and holds; the rest is n/a', () => {
  const report = verify({ ...small, mode: 'multi', optimizer: { name: 'sgd', momentum: 0.9, weightDecay: 0.2 } }, { crossEngine: true });
  const [extended, ...rest] = report.checks;
  assert.is(extended.id, 'Lemma 5.1/5.3 (extended)');
  assert.is(extended.holds, true, extended.detail);
  assert.match(extended.detail, /dense span residual up to .* \(bound 1e-12\); extended recursion/);
  assert.ok(rest.length > 10 && rest.every((c) => c.notApplicable && c.holds === null), 'GD-recursion statements not applicable');
  assert.match(rest[0].notApplicable!, /full-batch GD recursion.*sgd \(momentum 0\.9, coupled weight decay 0\.2\)/);
  assert.is(report.summary.notApplicable, rest.length);
  assert.ok(renderTable(report).includes('n/a'));
});

test('the extended check can fail: a reference trajectory of another optimizer disagrees', () => {
  const config = { ...small, optimizer: { name: 'sgd' as const, momentum: 0.9 } };
  const run = simulate(config);
  const other = simulate({ ...config, engine: 'dense', optimizer: { name: 'sgd', momentum: 0.5 } }, { inputs: run.inputs });
  const report = verifyTrajectory(run, {}, other);
  assert.is(report.checks[0].holds, false);
  assert.is(report.summary.failed, 1);
});

test('Adam: even the decomposition is not applicable, with the measured span residual as the reason', () => {
  const report = verify({ ...small, engine: 'dense', eta: 1e-3, optimizer: 'adam' });
  assert.ok(report.checks.every((c) => c.notApplicable));
  assert.match(report.checks[0].notApplicable!, /leaves span\{µ, ξ_i\}: span residual up to \d/);
  assert.ok(report.checks[0].value! > 1e-3);
  assert.is(report.summary.failed, 0);
});

test.run();
