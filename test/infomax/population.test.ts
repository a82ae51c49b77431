import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateInputs, resolveConfig } from '@mmcl/infomax';
import { populationError } from '@mmcl/infomax/internal';

const config = resolveConfig({ d: 60, n: 10, m: 3, nTest: 10, probeTrainSize: 5 });
const W = generateInputs(config).W0;

test('a constant head errs on one class: the error estimates P[y = −1] = ½ within 4 standard errors', () => {
  const count = 4000;
  const err = populationError(config, W, { weights: new Float64Array(3), bias: 1, iterations: 0 }, count);
  assert.ok(Math.abs(err - 0.5) < 4 * Math.sqrt(0.25 / count), `error ${err}`);
});

test('a head reading only the signal patch of weights aligned with ν is perfect; the estimate is deterministic', () => {
  const aligned = new Float64Array(3 * 60);
  aligned[0] = 1; // w_0 = e_0 ∥ ν: h̄_0 = σ(2y) + σ(ζ_0); w_1 = −e_0: h̄_1 = σ(−2y) + σ(−ζ_0)
  aligned[60] = -1;
  const head = { weights: new Float64Array([1, -1, 0]), bias: 0, iterations: 0 };
  const a = populationError(config, aligned, head, 3000);
  // f = σ(2y) − σ(−2y) + σ(ζ_0) − σ(−ζ_0) = 2y + ζ_0: wrong when y ζ_0 < −2, P = Φ(−2) ≈ 0.0228
  assert.ok(Math.abs(a - 0.02275) < 4 * Math.sqrt(0.0228 * 0.977 / 3000), `error ${a}`);
  assert.is(populationError(config, aligned, head, 3000), a);
});

test.run();
