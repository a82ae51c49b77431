import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatTable, meanSd, toCsv } from '../../packages/cli/src/table.js';

test('toCsv writes numbers in round-trip form and quotes text that needs it', () => {
  const csv = toCsv(['a', 'b', 'c'], [[0.1 + 0.2, 'x,y', undefined], [1e-20, 'say "hi"', 3]]);
  assert.is(csv, 'a,b,c\n0.30000000000000004,"x,y",\n1e-20,"say ""hi""",3\n');
  assert.is(Number(csv.split('\n')[1].split(',')[0]), 0.1 + 0.2);
});

test('formatTable aligns columns under a rule', () => {
  assert.is(formatTable([['mode', 'x'], ['single', '1'], ['m', '22']]), 'mode    x\n------  --\nsingle  1\nm       22\n');
  assert.is(meanSd(0.5, 0.0123, 2), '0.50 ± 0.01');
});

test.run();
