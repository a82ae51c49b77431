import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { twoNnDimension } from '@mmcl/intrinsic';
import { nearestDistances } from '../../packages/intrinsic/src/neighbours.js';
import { embed, gaussian, sphere, torus } from './manifolds.js';

test('TwoNN is the slope through the origin of −log(1 − F_emp) on log μ (scikit-dimension\'s fit)', () => {
  const n = 200;
  const x = gaussian(n, 3, 5);
  const r = nearestDistances({ data: x, shape: [n, 3] }, 2);
  const mu = Array.from({ length: n }, (_, i) => r[2 * i + 1] / r[2 * i]).sort((a, b) => a - b);
  const kept = Math.floor(n * 0.9);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < kept; i++) {
    sxy += Math.log(mu[i]) * -Math.log(1 - i / n);
    sxx += Math.log(mu[i]) ** 2;
  }
  const estimate = twoNnDimension({ data: x, shape: [n, 3] });
  assert.ok(Math.abs(estimate - sxy / sxx) <= 1e-12 * estimate);
});

test('known manifolds give estimates close to their dimension', () => {
  const n = 2000;
  const g5 = twoNnDimension({ data: embed(gaussian(n, 5, 1), n, 5, 10, 1), shape: [n, 10] });
  assert.ok(Math.abs(g5 - 5) < 0.35, `N(0, I_5): ${g5}`);
  const t2 = twoNnDimension({ data: embed(torus(n, 2), n, 3, 10, 2), shape: [n, 10] });
  assert.ok(Math.abs(t2 - 2) < 0.15, `torus: ${t2}`);
  const s3 = twoNnDimension({ data: embed(sphere(n, 3, 3), n, 4, 10, 3), shape: [n, 10] });
  assert.ok(Math.abs(s3 - 3) < 0.3, `S^3: ${s3}`);
});

test('discardFraction outside [0, 1) is rejected', () => {
  assert.throws(() => twoNnDimension({ data: gaussian(10, 2, 1), shape: [10, 2] }, { discardFraction: 1 }), /discardFraction/);
});

test.run();
