import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PAPER_TABLE1, table1Csv, table1Markdown } from '../../packages/coloredmnist/src/table.js';

const scores = {
  single: { trainAccuracy: 0.88431, testAccuracy: 0.1268, testDigitAccuracy: 0.2, testColourFollowing: 0.6 },
  multi: { trainAccuracy: 0.8777, testAccuracy: 0.82125, testDigitAccuracy: 0.9, testColourFollowing: 0.1 },
};

test('the Markdown table has the paper form, percentages to 2 decimals, and the paper numbers beside ours', () => {
  const lines = table1Markdown(scores).trim().split('\n');
  assert.is(lines.length, 4);
  assert.match(lines[0], /^\| Model \| Train Accuracy \| Test Accuracy \|/);
  assert.match(lines[2], /^\| Single-modal \| 88\.43% \| 12\.68% \| 88\.43% \/ 12\.68% \|$/);
  assert.match(lines[3], /^\| Multi-modal \| 87\.77% \| 82\.13% \| 87\.77% \/ 82\.13% \|$/);
  assert.is(PAPER_TABLE1.multi.test, 82.13);
});

test('the CSV keeps full precision and parses back to the scores', () => {
  const [header, ...rows] = table1Csv(scores).trim().split('\n');
  const columns = header.split(',');
  assert.is(rows.length, 2);
  const multi = Object.fromEntries(rows[1].split(',').map((v, k) => [columns[k], v]));
  assert.is(multi.model, 'multi');
  assert.is(Number(multi.test_accuracy), 0.82125);
  assert.is(Number(multi.test_colour_following), 0.1);
  assert.is(Number(multi.paper_test_accuracy), 0.8213);
});

test.run();
