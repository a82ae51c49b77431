import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  idSweep, PAPER_ID_SWEEP, PAPER_OUTPUT_DIMS, QUICK_ID_SWEEP, runExperiment, summariseIdSweep,
} from '@mmcl/intrinsic';
import { idSweepRuns, runIdSweepRun } from '@mmcl/intrinsic/internal';

const tiny = { ...QUICK_ID_SWEEP, epochs: 2, trainRows: 256, referenceRows: 40, testRows: 60, batchSize: 128, hidden: [8, 8] };

test('the paper preset is spec §5.1 / §3.2: n = 10 000, 2 000 reference and test rows, lr 1e-4, 800 epochs, 50 repetitions, d ∈ {1, 3, …, 29}', () => {
  const p = PAPER_ID_SWEEP;
  assert.equal(
    [p.trainRows, p.referenceRows, p.testRows, p.learningRate, p.epochs, p.reps, p.batchSize, p.temperatureScale, p.seed, p.latentDim, p.shuffle, p.similarity, p.link],
    [10_000, 2000, 2000, 1e-4, 800, 50, 256, 4, 2024, 5, false, 'meanNorm', 'linear'],
  );
  assert.equal([...p.hidden], [50, 50, 50]);
  assert.equal([...PAPER_OUTPUT_DIMS], [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29]);
  assert.ok(QUICK_ID_SWEEP.epochs! < p.epochs && QUICK_ID_SWEEP.trainRows! < p.trainRows);
});

test('runs go d outer, repetition inner, seeded seed + 1000·rep + d, with unique names', () => {
  const runs = idSweepRuns([1, 6], 3, 10);
  assert.equal(runs.map((r) => [r.outputDim, r.rep, r.seed]), [[1, 0, 11], [1, 1, 1011], [1, 2, 2011], [6, 0, 16], [6, 1, 1016], [6, 2, 2016]]);
  assert.is(new Set(runs.map((r) => r.name)).size, runs.length);
});

test('a sweep is its runs, each the run of runExperiment at that seed, and its summary is their mean ± sample sd', () => {
  const seen: number[] = [];
  const sweep = idSweep([1, 4], { ...tiny, reps: 2 }, (_r, index, total) => seen.push(index, total));
  assert.equal(seen, [0, 4, 1, 4, 2, 4, 3, 4]);
  assert.equal(sweep.runs.map((r) => [r.outputDim, r.rep, r.seed]), [[1, 0, 2025], [1, 1, 3025], [4, 0, 2028], [4, 1, 3028]]);
  assert.equal(sweep.runs.slice(0, 2).map((r) => r.idF), [1, 1]); // d = 1 reports ID = 1, as the paper does
  const direct = runExperiment({ outputDim: 4, seed: 3028, ...tiny, step: { adam: { learningRate: tiny.learningRate } } });
  const last = sweep.runs[3];
  assert.equal([last.idF, last.idG, last.testAccuracy, last.finalTemperature], [direct.idF, direct.idG, direct.testAccuracy, direct.finalTemperature]);
  const [a, b] = sweep.runs.slice(2);
  const row = sweep.summary[1];
  assert.is(row.d, 4);
  assert.is(row.runs, 2);
  assert.is(row.id_f_mean, (a.idF + b.idF) / 2);
  assert.ok(Math.abs(row.id_f_sd - Math.abs(a.idF - b.idF) / Math.SQRT2) < 1e-12, `${row.id_f_sd}`);
  assert.is(row.final_tau_mean, (a.finalTemperature + b.finalTemperature) / 2);
  assert.ok(a.idF !== b.idF, 'fresh data and networks per repetition');
});

test('τ is kept after the last step and thinned to at most 201 points; the fixed-τ control keeps τ', () => {
  const [run] = idSweepRuns([3], 1, 7);
  const learned = runIdSweepRun(run, { ...PAPER_ID_SWEEP, ...tiny, epochs: 150 }); // 300 steps: thinned
  assert.ok(learned.tau.length <= 201, `${learned.tau.length}`);
  assert.is(learned.tauSteps[0], 1);
  assert.is(learned.tauSteps.at(-1), 300);
  assert.is(learned.tau.at(-1), learned.finalTemperature);
  assert.ok(learned.finalTemperature < 1, `${learned.finalTemperature}`);
  const fixed = runIdSweepRun(run, { ...PAPER_ID_SWEEP, ...tiny, fixedTemperature: 0.5 });
  assert.ok(fixed.tau.every((t) => t === 0.5));
});

test('a summary row of one repetition has sd 0; dimensions without runs are NaN, not made up', () => {
  const run = { outputDim: 6, idF: 5, idG: 5.2, testAccuracy: 0.7, trainAccuracy: 0.8, finalTemperature: 0.01, normSd: 0.05, positiveMedian: 1, negativeQuantile99: 0.8 };
  const [one, none] = summariseIdSweep([6, 8], [run]);
  assert.equal([one.id_f_mean, one.id_f_sd, one.runs], [5, 0, 1]);
  assert.is(none.runs, 0);
  assert.ok(Number.isNaN(none.id_f_mean));
  assert.ok(Number.isNaN(none.id_f_sd));
});

test.run();
