import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareOptimizers, comparisonCsv, comparisonMarkdown, ConfigError, DEFAULT_OPTIMIZER_SET, OPTIMIZER_PRESETS } from '@mmcl/infomax';
import { comparisonRuns } from '@mmcl/infomax/internal';

const tiny = { d: 80, n: 24, m: 4, steps: 10, nTest: 24, probeTrainSize: 12, evalEvery: 5, populationSamples: 0 };

test('the plan: each optimizer on the engine that runs it exactly; labels, modes and seeds in order', () => {
  const runs = comparisonRuns({ ...tiny, n: 40 }, DEFAULT_OPTIMIZER_SET, [0, 1]);
  assert.is(runs.length, 4 * 2 * 2);
  assert.equal(runs.slice(0, 4).map((r) => r.name), ['gd/single/seed-0', 'gd/single/seed-1', 'gd/multi/seed-0', 'gd/multi/seed-1']);
  const engines = Object.fromEntries(runs.map((r) => [r.label, r.config.engine]));
  assert.equal(engines, { gd: 'reduced', 'sgd-b20': 'reduced', 'momentum-0.9': 'reduced', adam: 'dense' });
  assert.is(runs.find((r) => r.label === 'adam')!.config.eta, 1e-4);
  assert.ok(Object.keys(OPTIMIZER_PRESETS).includes('signgd'));
  assert.throws(() => comparisonRuns(tiny, [{ label: 'x', optimizer: { name: 'sgd', momentum: 2 } }], [0]), (e: Error) => e instanceof ConfigError && /^config\.x\.optimizer\.momentum:/.test(e.message));
  assert.throws(() => comparisonRuns(tiny, [{ label: 'a', optimizer: 'sgd' }, { label: 'a', optimizer: 'adam' }], [0]), /unique/);
});

test('compareOptimizers: rows per optimizer and mode, mean ± sd over seeds; GD row equals the plain simulate run', () => {
  const { rows, series } = compareOptimizers(tiny, [{ label: 'gd', optimizer: 'sgd' }, { label: 'signgd', optimizer: 'signgd', overrides: { eta: 1e-3 } }], [0, 1], ['single']);
  assert.equal(rows.map((r) => [r.label, r.mode, r.engine, r.seeds]), [['gd', 'single', 'reduced', 2], ['signgd', 'single', 'dense', 2]]);
  const gdLoss = [0, 1].map((s) => series.get(`gd/single/seed-${s}`)!.loss[tiny.steps]);
  assert.ok(Math.abs(rows[0].loss.mean - (gdLoss[0] + gdLoss[1]) / 2) < 1e-15);
  assert.ok(Number.isNaN(rows[0].spanResidual.mean), 'reduced runs have no measured residual');
  assert.ok(rows[1].spanResidual.mean > 1e-3, 'sign descent leaves the span');
  assert.is(comparisonCsv(rows).trim().split('\n').length, 3);
  assert.match(comparisonMarkdown(rows), /\| signgd \| single \| dense \| 2 \|/);
});

test.run();
