import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { uniqueRows } from '@mmcl/intrinsic';

test('a cloud with copies of some of its rows inserted anywhere: the copies are counted and dropped, first occurrences kept in order (property)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
      fc.integer(),
      (n, dims, copies, seed) => {
        // Distinct rows: the first coordinate is the row number (plus a seed-dependent fraction).
        const rows = Array.from({ length: n }, (_, i) => Array.from({ length: dims }, (_, c) => (c === 0 ? i + (seed % 97) / 100 : Math.sin(seed + i * 3 + c))));
        const all = rows.map((r) => r.slice());
        for (const [which, where] of copies) all.splice(where % (all.length + 1), 0, rows[which % n].slice());
        const { points, duplicates } = uniqueRows({ data: Float64Array.from(all.flat()), shape: [all.length, dims] });
        assert.is(duplicates, copies.length);
        assert.equal(points.shape, [n, dims]);
        // First occurrences in the order they appear in the input.
        const firstSeen: number[][] = [];
        for (const r of all) if (!firstSeen.some((s) => s.every((v, c) => v === r[c]))) firstSeen.push(r);
        assert.equal(Array.from(points.data), firstSeen.flat());
      },
    ),
  );
});

test('−0 and 0 are the same coordinate (distance 0); no duplicates returns the input itself', () => {
  assert.is(uniqueRows({ data: new Float64Array([0, 1, -0, 1, 2, 3]), shape: [3, 2] }).duplicates, 1);
  const distinct = { data: new Float64Array([0, 1, 1, 0]), shape: [2, 2] as const };
  assert.is(uniqueRows(distinct).points, distinct);
  assert.is(uniqueRows(distinct).duplicates, 0);
});

test.run();
