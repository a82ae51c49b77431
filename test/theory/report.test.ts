import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderMarkdown, renderTable, reportToJson, verifyTrajectory } from '@mmcl/theory';
import { formatLocation } from '@mmcl/theory/internal';
import { smallRun } from './fixtures.js';

const report = verifyTrajectory(smallRun('multi'));

test('the table has one row per check with its verdict, margin and location', () => {
  const lines = renderTable(report).split('\n');
  assert.is(lines.length, 3 + report.checks.length);
  assert.match(lines[0], /multi-modal, d = \d+, n = 6, m = 3/);
  assert.match(lines[1], /^statement\s+holds\s+margin\s+slack\s+location$/);
  const failing = report.checks.findIndex((c) => c.holds === false);
  assert.ok(failing >= 0);
  assert.match(lines[3 + failing], /FAILS/);
});

test('Markdown has the assumption table and the statement table; JSON round-trips with non-finite numbers as strings', () => {
  const markdown = renderMarkdown(report);
  assert.match(markdown, /## Assumption 4\.1/);
  assert.match(markdown, /\| 4\.1\(7\) C_µ ≥ 2\.66 \| explicit \|/);
  assert.is(markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| condition') && !l.startsWith('| statement')).length, report.assumptions.length + report.checks.length);
  const parsed = JSON.parse(reportToJson(report));
  assert.is(parsed.checks.length, report.checks.length);
  assert.is(parsed.final.populationError, report.final.populationError === report.final.populationError ? report.final.populationError : 'NaN');
});

test('locations read naturally', () => {
  assert.is(formatLocation({ step: 3, neuron: 1, sample: 4, encoder: 'g' }), 'step 3, neuron 1, sample 4 (W~)');
  assert.is(formatLocation({}), '-');
});

test.run();
