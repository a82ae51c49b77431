// End to end: the `mmcl coloredmnist` command on the tiny configuration, bad input, Ctrl-C and --resume.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '@mmcl/autodiff';
import { TINY_CONFIG } from '@mmcl/coloredmnist';
import { runCaptured as mmcl, tempDir } from './helpers.js';

const root = tempDir('mmcl-coloredmnist-');

test('the tiny run writes the table, config and weights, prints the table, and leaves no staging files', async () => {
  const out = join(root, 'tiny');
  const { code, stdout, stderr: err } = await mmcl(['coloredmnist', '--tiny', '--out', out]);
  assert.is(code, 0, err);
  assert.match(stdout, /\| Single-modal \| \d+\.\d\d% \| \d+\.\d\d% \|/);
  assert.match(stdout, /\| Multi-modal \| \d+\.\d\d% \| \d+\.\d\d% \|/);
  const files = readdirSync(out).sort();
  for (const name of ['config.json', 'table.csv', 'table.json', 'table.md', 'timing.json', 'multi-caption-projection.npy']) {
    assert.ok(files.includes(name), `${name} in ${files}`);
  }
  assert.not.ok(files.some((name) => (name.startsWith('.') && name !== '.mmcl-output.json') || name === 'state.json'), `no bookkeeping left: ${files}`);
  assert.equal(readdirSync(root).sort(), ['tiny']);
  assert.equal(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')), TINY_CONFIG);
  const hidden = decodeNpy(readFileSync(join(out, 'single-encoder-hidden.npy')));
  assert.equal(hidden.shape, [3 * 7 * 7, TINY_CONFIG.width]);
  const table = JSON.parse(readFileSync(join(out, 'table.json'), 'utf8'));
  assert.is(table.epochLosses.multi.length, TINY_CONFIG.epochs);
  const csv = readFileSync(join(out, 'table.csv'), 'utf8').trim().split('\n');
  assert.is(Number(csv[1].split(',')[1]), table.table1.single.trainAccuracy);
});

test('the same seed gives the same bits; --quiet prints nothing', async () => {
  const out = join(root, 'again');
  const { code, stdout } = await mmcl(['coloredmnist', '--tiny', '--out', out, '--quiet']);
  assert.is(code, 0);
  assert.is(stdout, '');
  assert.is(readFileSync(join(out, 'table.json'), 'utf8'), readFileSync(join(root, 'tiny', 'table.json'), 'utf8'));
  assert.equal(readFileSync(join(out, 'multi-encoder-hidden.npy')), readFileSync(join(root, 'tiny', 'multi-encoder-hidden.npy')));
  rmSync(out, { recursive: true });
});

test('bad input: one line naming the field, exit code 2, and no output written', async () => {
  const config = join(root, 'bad.json');
  writeFileSync(config, JSON.stringify({ epochz: 3 }));
  const cases: [string[], RegExp][] = [
    [['--epochs', '-1'], /--epochs/],
    [['--batch-size', 'many'], /--batch-size/],
    [['--train-size', '9000', '--test-size', '2000'], /--train-size.*at most 10000/],
    [['--caption-digit', 'colour'], /--caption-digit/],
    [['--downsample', '3'], /--downsample/],
    [['--config', config], /epochz/],
    [['--no-such-flag'], /no-such-flag/],
  ];
  for (const [args, pattern] of cases) {
    const out = join(root, 'bad');
    const { code, stderr: err, stdout } = await mmcl(['coloredmnist', '--tiny', '--out', out, ...args]);
    assert.is(code, 2, `${args}: ${err}`);
    assert.match(err, pattern);
    assert.is(err.trim().split('\n').length, 1, err);
    assert.match(err, /^mmcl coloredmnist: /);
    assert.is(stdout, '');
    assert.not.ok(existsSync(out) || existsSync(join(root, '.bad.partial')), 'nothing written');
  }
});

test('Ctrl-C stops after saving finished epochs; --resume finishes with the same bits as an uninterrupted run', async () => {
  const args = ['coloredmnist', '--tiny', '--epochs', '4', '--quiet'];
  const straight = join(root, 'straight');
  assert.is((await mmcl([...args, '--out', straight])).code, 0);

  const out = join(root, 'stopped');
  const checkpoint = join(root, '.stopped.partial', '.checkpoint', 'single-epoch-2.npy');
  // Press Ctrl-C as soon as the second single-modal epoch is saved (the run yields between minibatches).
  const poll = setInterval(() => {
    if (existsSync(checkpoint)) {
      clearInterval(poll);
      process.emit('SIGINT');
    }
  }, 1);
  const stopped = await mmcl([...args, '--out', out]);
  clearInterval(poll);
  assert.is(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /--resume/);
  assert.not.ok(existsSync(out), 'no final folder after Ctrl-C');
  assert.ok(existsSync(join(root, '.stopped.partial')), 'the staging folder is kept');

  const otherSeed = await mmcl([...args, '--seed', '2', '--out', out, '--resume']);
  assert.is(otherSeed.code, 2);
  assert.match(otherSeed.stderr, /--resume: .*other options \(--seed was 1, now 2\)/);

  assert.ok(existsSync(checkpoint), 'a refused --resume keeps the stopped run');
  const saved = readFileSync(checkpoint);
  writeFileSync(checkpoint, saved.subarray(0, saved.length - 8));
  const truncated = await mmcl([...args, '--out', out, '--resume']);
  assert.is(truncated.code, 2);
  assert.match(truncated.stderr, /^mmcl coloredmnist: --resume: the checkpoint .*single-epoch-2\.npy is unusable \(.*\) — rerun with --overwrite/);
  // Without --resume the same stopped run is found and refused again: a fresh run never silently drops it.
  assert.is((await mmcl([...args, '--out', out])).code, 2);
  assert.ok(existsSync(join(root, '.stopped.partial', '.checkpoint')), 'still kept');
  writeFileSync(checkpoint, saved);
  const resumed = await mmcl([...args, '--out', out, '--resume']);
  assert.is(resumed.code, 0, resumed.stderr);
  assert.is(readFileSync(join(out, 'table.json'), 'utf8'), readFileSync(join(straight, 'table.json'), 'utf8'));
  assert.not.ok(existsSync(join(root, '.stopped.partial')));
});

test.after(() => rmSync(root, { recursive: true, force: true }));

test.run();
