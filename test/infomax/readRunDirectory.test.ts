import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { encodeNpy } from '@mmcl/autodiff';
import { readRunDirectory, RunDirectoryError, simulate, writeRunDirectory } from '@mmcl/infomax';
import { sameBits } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'mmcl-infomax-read-'));
const small = { d: 40, n: 6, m: 3, steps: 5, nTest: 10, probeTrainSize: 5, evalEvery: 2 } as const;
const multi = simulate({ ...small, mode: 'multi', populationSamples: 50 });
const single = simulate({ ...small, mode: 'single', populationSamples: 0 });
// Minibatch SGD with weight decay on the dense engine writes the optional files: a_t, the span residual, the batches.
const decayed = simulate({ ...small, mode: 'multi', engine: 'dense', populationSamples: 0, optimizer: { name: 'sgd', weightDecay: 0.5, batchSize: 3 } });

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : out.push(relative(dir, join(d, e.name)));
  };
  walk(dir);
  return out.sort();
}

test.after(() => rmSync(root, { recursive: true, force: true }));

for (const [name, result] of [['multi', multi], ['single', single], ['decayed', decayed]] as const) {
  test(`${name}-modal: readRunDirectory returns every array bit for bit, and writing it again gives the same files`, () => {
    const dir = join(root, name);
    writeRunDirectory(result, dir);
    const back = readRunDirectory(dir);
    assert.equal(back.config, result.config);
    assert.is(back.engine, result.engine);
    assert.ok(Object.is(back.populationError, result.populationError), `${back.populationError} vs ${result.populationError}`);
    assert.is(back.wallTimeMs, result.wallTimeMs);
    const pairs: Array<[string, Float64Array | Int32Array | undefined, Float64Array | Int32Array | undefined]> = [
      ['loss', back.loss, result.loss], ['evalSteps', back.evalSteps, result.evalSteps], ['testAccuracy', back.testAccuracy, result.testAccuracy],
      ['gamma', back.h.gamma.data, result.h.gamma.data], ['rho', back.h.rho.data, result.h.rho.data],
      ['gamma~', back.g?.gamma.data, result.g?.gamma.data], ['rho~', back.g?.rho.data, result.g?.rho.data],
      ['a', back.h.a, result.h.a], ['a~', back.g?.a, result.g?.a], ['batches', back.batches, result.batches],
      ['spanResidual', back.spanResidual?.h, result.spanResidual?.h], ['spanResidual~', back.spanResidual?.g, result.spanResidual?.g],
      ...(['y', 'mu', 'xi', 'eps', 'W0', 'muTilde', 'xiTilde', 'W0Tilde', 'negatives', 'negativeOffsets'] as const).map(
        (k) => [k, back.inputs[k], result.inputs[k]] as [string, Float64Array | Int32Array | undefined, Float64Array | Int32Array | undefined],
      ),
      ['nu', back.inputs.test?.nu, result.inputs.test?.nu], ['zeta', back.inputs.test?.zeta, result.inputs.test?.zeta], ['yTest', back.inputs.test?.y, result.inputs.test?.y],
    ];
    for (const [key, a, b] of pairs) {
      if (b === undefined) assert.is(a, undefined, key);
      else assert.ok(a !== undefined && a.constructor === b.constructor && sameBits(a, b), key);
    }
    assert.equal(back.h.rho.shape, [6, 3, 6]);
    assert.is(back.h.gamma.get(5, 2), result.h.gamma.data[5 * 3 + 2]);
    assert.is(back.g === undefined, name === 'single');
    if (name === 'decayed') assert.ok(result.h.a && result.batches && result.spanResidual, 'the optional files were exercised');

    const again = join(root, `${name}-again`);
    writeRunDirectory(back, again);
    assert.equal(files(again), files(dir));
    for (const file of files(dir)) assert.ok(readFileSync(join(again, file)).equals(readFileSync(join(dir, file))), file);
  });
}

function refuses(dir: string, pattern: RegExp): void {
  try {
    readRunDirectory(dir);
  } catch (error) {
    assert.instance(error, RunDirectoryError);
    assert.match((error as Error).message, pattern);
    assert.not.match((error as Error).message, /\n/);
    return;
  }
  assert.unreachable(`read ${dir}`);
}

test('a missing folder, a missing file, a wrong shape or a bad config.json is refused with one line naming the file', () => {
  refuses(join(root, 'nowhere'), /no run directory at .*nowhere/);
  const dir = join(root, 'broken');
  writeRunDirectory(single, dir);
  rmSync(join(dir, 'trajectory', 'rho.npy'));
  refuses(dir, /trajectory\/rho\.npy is missing/);
  writeFileSync(join(dir, 'trajectory', 'rho.npy'), encodeNpy(new Float64Array(6 * 3 * 5), [6, 3, 5]));
  refuses(dir, /rho\.npy holds <f8 \(6, 3, 5\) but config\.json needs <f8 \(6, 3, 6\)/);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...single.config, lr: 1 }));
  refuses(dir, /config\.json: config\.lr: unknown key/);
});

test.run();
