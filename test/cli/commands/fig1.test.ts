import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '@mmcl/infomax';
import { runCaptured, tempDir, TINY_MODEL, TINY_MODEL_CONFIG } from '../helpers.js';
import { listEntries } from '@mmcl/autodiff/internal';
import { PNG } from 'pngjs';
import { renderInChromium, countInkPixels } from '../plots/chromium.js';

const dir = tempDir();
const configFile = join(dir, 'tiny.json');
writeFileSync(configFile, JSON.stringify(TINY_MODEL_CONFIG));
const out = join(dir, 'fig1');

test('fig1 end to end on a tiny configuration: figure, CSV, run folders and a table', async () => {
  const { code, stdout, stderr } = await runCaptured(['fig1', '--seeds', '2', '--out', out, '--config', configFile, '--quiet', ...TINY_MODEL]);
  assert.is(code, 0, stderr);
  assert.equal(readdirSync(out).sort(), ['.mmcl-output.json', 'fig1.csv', 'fig1.pdf', 'fig1.png', 'fig1.svg', 'fig1.txt', 'seed-0', 'seed-1']);
  assert.equal(readdirSync(join(out, 'seed-1')).sort(), ['multi', 'single']);
  assert.equal(readdirSync(dir).sort(), ['fig1', 'tiny.json'], 'no staging folder is left');
  assert.match(stdout, /final values at epoch 12 \(mean ± sd over 2 seeds\)/);
  assert.match(stdout, /single-modal/);
  assert.match(stdout, /multi-modal/);
  const svg = readFileSync(join(out, 'fig1.svg'), 'utf8');
  for (const text of ['Training Loss', 'Test Accuracy', 'Signal Learning', 'Noise Memorization', 'Single-Modal', 'Multi-Modal', 'epoch t']) {
    assert.ok(svg.includes(text), `fig1.svg lacks "${text}"`);
  }
});

test('fig1 --shard K/N and mmcl merge: the merged folder holds the same bytes as the one-process run, run folders included', async () => {
  const shards = join(dir, 'fig1-shards');
  for (const shard of ['1/3', '2/3', '3/3']) {
    const { code, stderr } = await runCaptured(['fig1', '--shard', shard, '--seeds', '2', '--out', shards, '--config', configFile, '--quiet', ...TINY_MODEL]);
    assert.is(code, 0, stderr);
  }
  const merged = await runCaptured(['merge', shards]);
  assert.is(merged.code, 0, merged.stderr);
  assert.match(merged.stdout, /merged 3 shards of mmcl fig1 \(4 runs\)/);
  // The figures are compared in phase.test.ts; here Vega's per-process clip-path counters would differ.
  const files = (folder: string) => listEntries(folder).filter((f) => !f.endsWith('.png') && !f.endsWith('.pdf') && !f.endsWith('.svg'));
  assert.equal(files(join(shards, 'merged')), files(out));
  // Every file, byte for byte, except the wall time that each run's summary.json records.
  const read = (folder: string, file: string) =>
    file.endsWith('summary.json') ? readFileSync(join(folder, file), 'latin1').replace(/"wallTimeMs": [0-9.e+-]+/, '') : readFileSync(join(folder, file), 'latin1');
  for (const file of files(out)) {
    if (statSync(join(out, file)).isFile()) assert.is(read(join(shards, 'merged'), file), read(out, file), file);
  }
});

test('fig1.csv holds the mean over seeds of what the engine computes for each seed', () => {
  const lines = readFileSync(join(out, 'fig1.csv'), 'utf8').trim().split('\n');
  assert.is(lines.length, 1 + 2 * 13);
  const header = lines[0].split(',');
  const last = lines.find((l) => l.startsWith('multi,12,'))!.split(',');
  const runs = [0, 1].map((seed) =>
    simulate({ mode: 'multi', seed, d: 60, n: 10, m: 4, steps: 12, nTest: 40, evalEvery: 4, probeTrainSize: 20, populationSamples: 0 }),
  );
  const meanLoss = (runs[0].loss[12] + runs[1].loss[12]) / 2;
  assert.is(Number(last[header.indexOf('loss_mean')]), meanLoss, 'same seeds give the same bits');
  const accuracies = runs.map((r) => r.testAccuracy[r.testAccuracy.length - 1]);
  assert.is(Number(last[header.indexOf('test_accuracy_mean')]), (accuracies[0] + accuracies[1]) / 2);
  const sd = Math.abs(accuracies[0] - accuracies[1]) / Math.SQRT2;
  assert.ok(Math.abs(Number(last[header.indexOf('test_accuracy_sd')]) - sd) <= 1e-15);
});

test('fig1.svg renders in headless Chromium as a non-blank image with both curve colours', () => {
  const png = renderInChromium(join(out, 'fig1.svg'), 820, 640);
  const { ink, red, blue, total } = countInkPixels(png);
  assert.ok(ink / total > 0.02, `only ${ink} of ${total} pixels are not white`);
  assert.ok(red > 200, `the single-modal (red) curves are missing: ${red} pixels`);
  assert.ok(blue > 200, `the multi-modal (blue) curves are missing: ${blue} pixels`);
});

test('fig1.png (resvg) shows both curve colours, and fig1.pdf is a one-page vector PDF with the DejaVu font embedded', () => {
  const png = PNG.sync.read(readFileSync(join(out, 'fig1.png')));
  assert.ok(png.width > 1200, `width ${png.width}: rendered at 2× the SVG size`);
  const { ink, red, blue, total } = countInkPixels(png);
  assert.ok(ink / total > 0.02 && red > 500 && blue > 500, `ink ${ink}/${total}, red ${red}, blue ${blue}`);
  const pdf = readFileSync(join(out, 'fig1.pdf'), 'latin1');
  assert.ok(pdf.startsWith('%PDF-'), 'PDF header');
  assert.is(pdf.match(/\/Type \/Page\b/g)?.length, 1, 'one page');
  assert.match(pdf, /\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
});

for (const [name, args, field] of [
  ['an unknown flag', ['--sedes', '3'], '--sedes'],
  ['malformed JSON', ['--config', 'MALFORMED'], '--config'],
  ['a negative size', ['--seeds', '-3'], '--seeds'],
  ['a negative model size', ['--d', '-5'], '--d'],
  ['an unwritable output folder', ['--out', 'UNWRITABLE'], '--out'],
] as const) {
  test(`fig1 with ${name}: one-line error naming ${field}, exit 2, no output`, async () => {
    const scratch = tempDir();
    const malformed = join(scratch, 'bad.json');
    writeFileSync(malformed, '{ "seeds": ');
    const blocker = join(scratch, 'a-file');
    writeFileSync(blocker, '');
    const argv = ['fig1', '--out', join(scratch, 'out'), '--quiet', '--config', configFile, ...TINY_MODEL, ...args].map((a) =>
      a === 'MALFORMED' ? malformed : a === 'UNWRITABLE' ? join(blocker, 'out') : a,
    );
    const { code, stdout, stderr } = await runCaptured(argv);
    assert.is(code, 2);
    assert.is(stdout, '');
    assert.is(stderr.split('\n').length, 2, `not one line: ${stderr}`);
    assert.ok(stderr.startsWith(`mmcl fig1: ${field}`), stderr);
    assert.match(stderr, / — /);
    assert.equal(readdirSync(scratch).sort(), ['a-file', 'bad.json']);
    assert.not.ok(existsSync(join(scratch, 'out')));
  });
}

test.run();
