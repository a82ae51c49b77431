import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateInputs, resolveConfig, simulate, type InfomaxInputs } from '@mmcl/infomax';
import { checkDataModel, checkDecomposition, trajectoryContext } from '@mmcl/theory';
import { zThreshold } from '@mmcl/theory/internal';

const base = (mode: 'single' | 'multi') => resolveConfig({ mode, d: 400, n: 10, m: 4, steps: 4, populationSamples: 0, nTest: 8, probeTrainSize: 4 });
const runs = new Map<string, ReturnType<typeof simulate>>();
/** The data-model rows of a run whose recorded inputs are replaced (the rows read only the inputs). */
const rows = (inputs: InfomaxInputs, mode: 'single' | 'multi') => {
  if (!runs.has(mode)) runs.set(mode, simulate(base(mode)));
  const [negatives, independence, scales] = checkDataModel(trajectoryContext({ ...runs.get(mode)!, inputs }));
  return { negatives, independence, scales };
};

for (const mode of ['single', 'multi'] as const) {
  test(`${mode}: the engine's inputs satisfy the data model`, () => {
    const { negatives, independence, scales } = rows(generateInputs(base(mode)), mode);
    for (const row of [negatives, independence, scales]) assert.is(row.holds, true, `${row.id}: ${row.detail}`);
    assert.is(negatives.value, 0);
  });
}

test('sample n − 1 never used as a negative: the data model fails, the internal decomposition does not see it', () => {
  const config = base('single');
  const inputs = generateInputs(config);
  const last = config.n - 1;
  const lists: number[][] = [];
  for (let i = 0; i < config.n; i++) lists.push(Array.from(inputs.negatives.subarray(inputs.negativeOffsets[i], inputs.negativeOffsets[i + 1])).filter((j) => j !== last));
  const offsets = new Int32Array(config.n + 1);
  lists.forEach((list, i) => (offsets[i + 1] = offsets[i] + list.length));
  const broken = { ...inputs, negatives: Int32Array.from(lists.flat()), negativeOffsets: offsets };
  const run = simulate(config, { inputs: broken });
  const [negatives] = checkDataModel(trajectoryContext(run));
  assert.is(negatives.holds, false);
  assert.match(negatives.detail, new RegExp(`misses ${last}`));
  assert.is(checkDecomposition(trajectoryContext(run)).holds, true, 'the dynamics follow the inputs they were given');
});

test('a same-label negative and a repeated negative fail', () => {
  const inputs = generateInputs(base('single'));
  const same = Int32Array.from(inputs.negatives);
  same[0] = 0; // anchor 0 is its own negative (same label)
  assert.is(rows({ ...inputs, negatives: same }, 'single').negatives.holds, false);
  const repeated = Int32Array.from(inputs.negatives);
  repeated[1] = repeated[0];
  assert.is(rows({ ...inputs, negatives: repeated }, 'single').negatives.holds, false);
});

test('ξ~ = ξ, W~^(0) = W^(0), or ξ~_i = ξ_{i+1}: the independence row fails', () => {
  const config = base('multi');
  const inputs = generateInputs(config);
  assert.is(rows({ ...inputs, xiTilde: Float64Array.from(inputs.xi) }, 'multi').independence.holds, false);
  assert.is(rows({ ...inputs, W0Tilde: Float64Array.from(inputs.W0) }, 'multi').independence.holds, false);
  const shifted = new Float64Array(inputs.xi.length);
  shifted.set(inputs.xi.subarray(config.d));
  shifted.set(inputs.xi.subarray(0, config.d), inputs.xi.length - config.d);
  const result = rows({ ...inputs, xiTilde: shifted }, 'multi').independence;
  assert.is(result.holds, false);
  assert.ok(result.value! > 10, result.detail);
});

test('a weak dependence (ξ~ = 0.95 ξ~ + 0.31 ξ, correlation 0.31) fails; the bound is the stated Bonferroni z', () => {
  const config = base('multi');
  const inputs = generateInputs(config);
  const mixed = inputs.xiTilde!.map((x, k) => 0.95 * x + 0.31 * inputs.xi[k]);
  const result = rows({ ...inputs, xiTilde: mixed }, 'multi').independence;
  assert.is(result.holds, false, result.detail);
  const rowsCount = 2 * config.n + 2 * config.m;
  assert.match(result.detail, new RegExp(`bound ${Number(zThreshold((rowsCount * (rowsCount - 1)) / 2).toPrecision(4))}`));
});

test('ϵ at 2× or 1.1× its stated scale, or ξ with mean 0.15σ_ξ, fails the scales row', () => {
  const inputs = generateInputs(base('single'));
  assert.is(rows({ ...inputs, eps: inputs.eps.map((x) => 2 * x) }, 'single').scales.holds, false);
  assert.is(rows({ ...inputs, eps: inputs.eps.map((x) => 1.1 * x) }, 'single').scales.holds, false);
  assert.is(rows({ ...inputs, xi: inputs.xi.map((x) => x + 0.15) }, 'single').scales.holds, false);
});

test.run();
