import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '@mmcl/infomax';
import { sameBits } from '../helpers.js';

/**
 * SHA-256 of the trajectories of plain full-batch GD, captured from the code before the optimizer key existed
 * (commit named in the fixture). The default optimizer must keep reproducing them bit for bit, in both engines.
 */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/gd-trajectories.json', import.meta.url), 'utf8')) as {
  configs: Record<string, Record<string, unknown>>;
  sha256: Record<string, Record<string, string>>;
};
const digest = (a: Float64Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

function fingerprints(config: Record<string, unknown>): Record<string, string> {
  const r = simulate(config);
  const out: Record<string, string> = { loss: digest(r.loss), gamma: digest(r.h.gamma.data), rho: digest(r.h.rho.data), testAccuracy: digest(r.testAccuracy) };
  if (r.g) Object.assign(out, { gammaTilde: digest(r.g.gamma.data), rhoTilde: digest(r.g.rho.data) });
  return out;
}

for (const [name, config] of Object.entries(fixture.configs)) {
  test(`default optimizer = the pre-optimizer GD trajectory bit for bit: ${name}`, () => {
    assert.equal(fingerprints(config), fixture.sha256[name]);
  });
}

test('explicit SGD with B = n and whole-set negatives (and B = n in-batch) = full-batch GD bit for bit, both engines', () => {
  for (const [name, config] of Object.entries(fixture.configs).slice(0, 4)) {
    for (const batchNegatives of ['all', 'batch']) {
      const optimizer = { name: 'sgd', batchSize: config.n, batchNegatives, momentum: 0, weightDecay: 0 };
      assert.equal(fingerprints({ ...config, optimizer }), fixture.sha256[name], `${name} ${batchNegatives}`);
    }
  }
});

test('a constant schedule written out (step with factor 1) gives GD bits too; a_t stays exactly 1', () => {
  const config = fixture.configs['single-reduced'];
  const r = simulate({ ...config, optimizer: { name: 'sgd', schedule: 'step', stepEvery: 3, stepFactor: 1 } });
  assert.is(digest(r.h.rho.data), fixture.sha256['single-reduced'].rho);
  assert.ok(sameBits(r.h.a!, new Float64Array(r.loss.length).fill(1)));
});

test.run();
