import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateInputs, resolveConfig, type InfomaxConfig, type InfomaxInputs } from '@mmcl/infomax';
import { createDenseEngine } from '@mmcl/infomax/internal';

/**
 * An independent plain-loop reference of the InfoMax losses with the partner's weights held fixed (the meaning of the
 * stop-gradient): L(W; W') single-modal, or the h-anchored term of the multi-modal loss, as a function of W only.
 */
function referenceLoss(config: InfomaxConfig, x: InfomaxInputs, W: Float64Array, partner: Float64Array, multi: boolean): number {
  const { n, m, d, tau } = config;
  const relu = (z: number) => (z > 0 ? z : 0);
  const dot = (A: Float64Array, r: number, v: Float64Array, o: number) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += A[r * d + c] * v[o + c];
    return s;
  };
  const partnerMu = multi ? x.muTilde! : x.mu;
  const partnerXi = multi ? x.xiTilde! : x.xi;
  const aug = x.xi.map((v, k) => v + x.eps[k]);
  // anchor activations (depend on W) and partner activations (W' fixed)
  const a1 = (r: number, i: number) => relu(x.y[i] * dot(W, r, x.mu, 0));
  const a2 = (r: number, i: number) => relu(dot(W, r, x.xi, i * d));
  const p1 = (r: number, i: number) => relu(x.y[i] * dot(partner, r, partnerMu, 0));
  const p2 = (r: number, i: number) => relu(dot(partner, r, partnerXi, i * d));
  const p2pos = (r: number, i: number) => (multi ? p2(r, i) : relu(dot(partner, r, aug, i * d)));
  let total = 0;
  for (let i = 0; i < n; i++) {
    let f0 = 0;
    for (let r = 0; r < m; r++) f0 += a1(r, i) * p1(r, i) + a2(r, i) * p2pos(r, i);
    f0 /= m * tau;
    const logits = [f0];
    for (let k = x.negativeOffsets[i]; k < x.negativeOffsets[i + 1]; k++) {
      const j = x.negatives[k];
      let f = 0;
      for (let r = 0; r < m; r++) f += a1(r, i) * p1(r, j) + a2(r, i) * p2(r, j);
      logits.push(f / (m * tau));
    }
    const top = Math.max(...logits);
    total += top + Math.log(logits.reduce((s, v) => s + Math.exp(v - top), 0)) - f0;
  }
  return total / n;
}

function checkGradient(mode: 'single' | 'multi'): void {
  const config = resolveConfig({ mode, d: 8, n: 6, m: 3, sigma0: 0.6, tau: 0.7, engine: 'dense', nTest: 4, probeTrainSize: 2, seed: 1, eta: 0.5 });
  const x = generateInputs(config);
  const run = createDenseEngine(config, x);
  run.step(0, true);
  const W1 = run.weights();
  const gradient = x.W0.map((w, k) => (w - W1[k]) / config.eta); // GD: W1 = W0 − η ∇L
  const partner = mode === 'multi' ? x.W0Tilde! : x.W0;
  const h = 1e-6;
  let worst = 0;
  let scale = 0;
  for (let k = 0; k < x.W0.length; k++) {
    const plus = Float64Array.from(x.W0);
    const minus = Float64Array.from(x.W0);
    plus[k] += h;
    minus[k] -= h;
    const fd = (referenceLoss(config, x, plus, partner, mode === 'multi') - referenceLoss(config, x, minus, partner, mode === 'multi')) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - gradient[k]));
    scale = Math.max(scale, Math.abs(gradient[k]));
  }
  assert.ok(scale > 1e-3, 'the gradient is not trivially zero');
  assert.ok(worst < 1e-7 * Math.max(1, scale), `max |finite difference − autodiff| = ${worst} (gradient scale ${scale})`);
}

test('single-modal: the dense GD step is −η × the stop-gradient gradient (central differences, partner fixed)', () => {
  checkGradient('single');
});

test('multi-modal: W moves along the gradient of the h-anchored term with W~ fixed (central differences)', () => {
  checkGradient('multi');
});

test('the dense loss at W^(0) equals the independent reference loss', () => {
  const config = resolveConfig({ d: 8, n: 6, m: 3, sigma0: 0.6, tau: 0.7, engine: 'dense', nTest: 4, probeTrainSize: 2, seed: 1 });
  const x = generateInputs(config);
  const loss = createDenseEngine(config, x).step(0, false).loss;
  const ref = referenceLoss(config, x, x.W0, x.W0, false);
  assert.ok(Math.abs(loss - ref) < 1e-14 * ref, `${loss} vs ${ref}`);
});

test.run();
