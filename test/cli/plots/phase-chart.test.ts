import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cellEdges, phaseSpec, type PhaseCell } from '../../../packages/cli/src/plots/phase-chart.js';
import { renderSvg } from '../../../packages/cli/src/plots/render.js';

test('cell edges are geometric midpoints, extended by half a (log) step at both ends', () => {
  const edges = cellEdges([1, 4, 16]);
  assert.equal(edges, [0.5, 2, 8, 32]);
  const one = cellEdges([2]);
  assert.ok(one[0] < 2 && one[1] > 2);
});

const cells: PhaseCell[] = (['single', 'multi'] as const).flatMap((mode) =>
  [1, 4].flatMap((nSnr2) => [1, 3].map((cMu) => ({ mode, nSnr2, cMu, accuracy: 0.7, log10Ratio: nSnr2 > 2 ? 0.5 : -0.5 }))),
);

type Panel = { title: { text: string }; layer: { data: { values: { boundary?: string }[] } }[] };

test('single-modal panels carry only the n·SNR² boundaries, multi-modal ones the Cµ ones too', () => {
  const spec = phaseSpec(cells, [1, 4], [1, 3], 2) as unknown as { vconcat: { hconcat: Panel[] }[] };
  for (const row of spec.vconcat) {
    const [single, multi] = row.hconcat.map((p) => [...new Set(p.layer[1].data.values.map((v) => v.boundary))].sort());
    assert.equal(single, ['heuristic n·SNR² = 2', 'paper n·SNR² = 1.8']);
    assert.equal(multi, ['heuristic Cµ·n·SNR² = 2', 'paper Cµ = 2.66', 'paper n·SNR² = 1.7']);
  }
});

test('one legend per colour row and one legend of boundaries; one seed is said as such', async () => {
  const svg = await renderSvg(phaseSpec(cells, [1, 4], [1, 3], 1));
  assert.is(svg.match(/>boundaries</g)?.length, 1, 'one boundary legend');
  assert.is(svg.match(/>test accuracy</g)?.length, 1, 'one accuracy legend');
  assert.is(svg.match(/>log₁₀ ratio</g)?.length, 1, 'one ratio legend');
  assert.ok(svg.includes('one seed per cell'));
  assert.not.ok(svg.includes('1 seed'));
});

test.run();
