/**
 * Every proof constant a check uses is pinned: for each, a trajectory designed just inside the bound (holds) and one
 * just outside (fails), with the paper's value written out here, not read from PROOF_CONSTANTS. A wrong constant in
 * the table (or a check that stops using it) moves the bound across one of the two and fails a test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate, type SimulationResult } from '@mmcl/infomax';
import {
  checkCoefficientBound,
  checkConvergence,
  checkGrowthMulti,
  checkGrowthSingle,
  checkLossDerivatives,
  checkProjectionProxies,
  checkSeparationMulti,
  checkSeparationSingle,
  PROOF_CONSTANTS,
  trajectoryContext,
  type CheckResult,
} from '@mmcl/theory';
import { distanceToComparator, estimateLossConstant } from '@mmcl/theory/internal';
import { initialProjections, smallRun, withCoefficients } from '../fixtures.js';

const INSIDE = 1 + 1e-4;
const OUTSIDE = 1 - 1e-4;
const find = (results: CheckResult[], id: string) => results.find((c) => c.id === id)!;
/** Assert the pair: the inside design holds, the outside one fails (or, where noted, does not hold). */
function pinned(id: string, inside: CheckResult, outside: CheckResult, outsideMayBeUndecided = false) {
  assert.is(inside.holds, true, `${id} just inside: ${inside.detail}`);
  if (outsideMayBeUndecided) assert.is.not(outside.holds, true, `${id} just outside: ${outside.detail}`);
  else assert.is(outside.holds, false, `${id} just outside: ${outside.detail}`);
}
const zero = () => 0;

const single = smallRun('single');
const multi = smallRun('multi');
const cfg = single.config;
const rateSingle = (c: number) => 1 + (c * cfg.eta * cfg.sigmaXi ** 2 * cfg.d) / (cfg.n * cfg.m * cfg.tau);
const { P, Q } = initialProjections(single);
const y = single.inputs.y;
const { n, m } = cfg;
const delta = 1 / cfg.d;
const dot = (x: Float64Array, xo: number, z: Float64Array, zo: number) => {
  let s = 0;
  for (let k = 0; k < cfg.d; k++) s += x[xo + k] * z[zo + k];
  return s;
};
const q = Array.from({ length: n }, (_, i) => dot(single.inputs.xi, i * cfg.d, single.inputs.xi, i * cfg.d));

test('the table cites a lemma for every constant', () => {
  for (const [key, entry] of Object.entries(PROOF_CONSTANTS)) {
    assert.ok(Number.isFinite(entry.value) && entry.value > 0, key);
    assert.match(entry.source, /Lemma|Proposition|Assumption/, key);
  }
});

test('C.1 (ξ): 5n√(log(6n²/δ)/d), and C.1 (µ): n·SNR·√(8 log(6n/δ)/d)', () => {
  const noiseBound = 5 * n * Math.sqrt(Math.log((6 * n * n) / delta) / cfg.d);
  // ρ_{0,k} at the last step alone: the deviation on sample i ≠ k is |ρ_{0,k}⟨ξ_k, ξ_i⟩|/‖ξ_k‖².
  const k = 0;
  let cross = 0;
  for (let i = 1; i < n; i++) cross = Math.max(cross, Math.abs(dot(single.inputs.xi, k * cfg.d, single.inputs.xi, i * cfg.d)) / q[k]);
  const noise = (f: number) => checkProjectionProxies(trajectoryContext(withCoefficients(single, zero, (t, r, i) => (t === cfg.steps && r === 0 && i === k ? (f * noiseBound) / cross : 0))))[0];
  pinned('C.1 (ξ)', noise(1 / INSIDE), noise(1 / OUTSIDE));
  const snr = cfg.muNorm / (cfg.sigmaXi * Math.sqrt(cfg.d));
  const signalBound = n * snr * Math.sqrt((8 * Math.log((6 * n) / delta)) / cfg.d);
  let best = 0;
  for (let i = 1; i < n; i++) if (Math.abs(dot(single.inputs.mu, 0, single.inputs.xi, i * cfg.d)) / q[i] > Math.abs(dot(single.inputs.mu, 0, single.inputs.xi, best * cfg.d)) / q[best]) best = i;
  const leak = Math.abs(dot(single.inputs.mu, 0, single.inputs.xi, best * cfg.d)) / q[best];
  const signal = (f: number) => checkProjectionProxies(trajectoryContext(withCoefficients(single, zero, (t, r, i) => (t === cfg.steps && r === 0 && i === best ? (f * signalBound) / leak : 0))))[1];
  pinned('C.1 (µ)', signal(1 / INSIDE), signal(1 / OUTSIDE));
});

test('C.4: rate 1 + 0.52η‖µ‖²/(mτ)', () => {
  const rate = 1 + (0.52 * cfg.eta * cfg.muNorm ** 2) / (m * cfg.tau);
  const r = P.findIndex((p) => p !== 0);
  const theta = Math.sign(P[r]);
  // A_r^(1) = f·rate·A_r^(0), i.e. γ_r^(1) = θ f rate A^(0) − P_r, everything else frozen.
  const at = (f: number) => find(checkGrowthSingle(trajectoryContext(withCoefficients(single, (t, s) => (t === 1 && s === r ? theta * f * rate * theta * P[r] - P[r] : 0), zero))), 'C.4');
  pinned('C.4', at(1 / INSIDE), at(1 / OUTSIDE));
});

test('C.11 (Ψ growth): rate 1 + 0.96ησ_ξ²d/(nmτ) (also T1 of Lemma 5.2)', () => {
  const rate = rateSingle(0.96);
  const qualifies = (r: number, i: number) => y[i] === 1 && Q[r * n + i] > 0;
  const at = (f: number) =>
    find(
      checkGrowthSingle(trajectoryContext(withCoefficients(single, zero, (t, r, i) => (qualifies(r, i) && t > 0 ? ((t === 1 ? f : 1.5) * rate ** t - 1) * Q[r * n + i] : 0)))),
      'C.11 (Ψ growth)',
    );
  pinned('C.11 (Ψ growth)', at(INSIDE), at(OUTSIDE));
});

test('C.11 (B_− growth): rate 1 + 1.05ησ_ξ²d/(nmτ)', () => {
  const rate = rateSingle(1.05);
  // Scale the levels of neuron r's y = −1 samples in I_{r,+} at step 1 by s; check the membership did not move.
  const r = Array.from({ length: m }, (_, s) => s).find((s) => y.some((label, i) => label === -1 && Q[s * n + i] > 0))!;
  const members = (run: SimulationResult, t: number) => {
    const context = trajectoryContext(run);
    let total = 0;
    for (let i = 0; i < n; i++) if (y[i] === -1 && context.h.noiseProjection[(t * m + r) * n + i] > 0) total += run.h.rho.data[(t * m + r) * n + i] + Q[r * n + i];
    return total;
  };
  const b0 = members(single, 0);
  const design = (f: number) => {
    const s = f * rate - 1;
    const run = withCoefficients(single, zero, (t, rr, i) => (t === 1 && rr === r && y[i] === -1 && Q[r * n + i] > 0 ? s * Q[r * n + i] : 0));
    assert.ok(Math.abs(members(run, 1) - (1 + s) * b0) <= 1e-12 * b0, 'membership unchanged by the design');
    return find(checkGrowthSingle(trajectoryContext(run)), 'C.11 (B_− growth)');
  };
  pinned('C.11 (B_− growth)', design(1 / INSIDE), design(1 / OUTSIDE));
});

test('C.11 (Ψ vs B_−): the factor is 101 C_ℓ/(M + 1) with the measured C_ℓ', () => {
  const context = trajectoryContext(single);
  const result = find(checkGrowthSingle(context), 'C.11 (Ψ vs B_−)');
  const expected = (101 * estimateLossConstant(context).constant) / (context.typicalNegatives + 1);
  assert.ok(Math.abs(result.value! - expected) <= 1e-12 * expected, `${result.value} vs ${expected}`);
});

test('Lemma 5.2 (signal small): 20√(2 log(8m/δ))·SNR', () => {
  const snr = cfg.muNorm / (cfg.sigmaXi * Math.sqrt(cfg.d));
  const bound = 20 * Math.sqrt(2 * Math.log((8 * m) / delta)) * snr;
  const r = P.findIndex((p) => p !== 0);
  const theta = Math.sign(P[r]);
  const at = (f: number) => checkSeparationSingle(trajectoryContext(withCoefficients(single, (t, s) => (t === 1 && s === r ? theta * f * bound - P[r] : 0), zero)))[0];
  pinned('5.2 (signal small)', at(1 / INSIDE), at(1 / OUTSIDE));
});

test('Lemma 5.2 (noise memorised, every i, mean Ψ): max ρ ≥ 2, every max_r ρ_{r,i} ≥ 2, mean Ψ reaches 3', () => {
  const end = trajectoryContext(single).stageOneEnd;
  const max = (f: number) => checkSeparationSingle(trajectoryContext(withCoefficients(single, zero, (t, r, i) => (t === end && r === 0 && i === 0 ? 2 * f : 0))))[1];
  pinned('5.2 (noise memorised)', max(INSIDE), max(OUTSIDE));
  const every = (f: number) => checkSeparationSingle(trajectoryContext(withCoefficients(single, zero, (t, r) => (t === end && r === 0 ? 2 * f : 0))))[2];
  pinned('5.2 (every i)', every(INSIDE), every(OUTSIDE));
  const positive = Array.from({ length: m }, (_, r) => r).filter((r) => P[r] > 0);
  assert.ok(positive.length > 0);
  const level = (f: number) => (3 * f * m) / positive.length;
  const mean = (f: number) =>
    checkSeparationSingle(trajectoryContext(withCoefficients(single, zero, (t, r, i) => (t === 1 && y[i] === 1 && P[r] > 0 ? level(f) - Q[r * n + i] : 0))))[3];
  pinned('5.2 (mean Ψ ≥ 3)', mean(INSIDE), mean(OUTSIDE));
});

test('C.13: α = log(3MT*)', () => {
  const context = trajectoryContext(single);
  const start = Math.min(Math.ceil(context.stageOne), cfg.steps);
  const horizon = Math.max(cfg.steps, start + Math.floor(distanceToComparator(context, start) / (cfg.eta * context.options.epsilon)));
  const alpha = Math.log(3 * context.typicalNegatives * horizon);
  const at = (f: number) =>
    checkCoefficientBound(trajectoryContext(withCoefficients(single, (t, r) => single.h.gamma.data[t * m + r], (t, r, i) => (t === cfg.steps && r === 1 && i === 2 ? alpha * f : single.h.rho.data[(t * m + r) * n + i]))));
  pinned('C.13', at(1 / INSIDE), at(1 / OUTSIDE));
});

test('C.17 (ηϵ) and C.18 (2ϵ best iterate, 3β): a trajectory frozen in the second stage', () => {
  const start = Math.ceil(trajectoryContext(single).stageOne);
  const frozen = withCoefficients(single, (t, r) => single.h.gamma.data[Math.min(t, start) * m + r], (t, r, i) => single.h.rho.data[(Math.min(t, start) * m + r) * n + i]);
  const loss = trajectoryContext(frozen).termH[start].loss;
  // Frozen: ‖W^(t) − W*‖² does not move, so C.17 reads 0 ≥ ηL − ηϵ, i.e. ϵ ≥ L; the best iterate is L < 2ϵ.
  const descent = (f: number) => checkConvergence(trajectoryContext(frozen, { epsilon: f * loss }))[0];
  pinned('C.17', descent(INSIDE), descent(OUTSIDE));
  const best = (f: number) => checkConvergence(trajectoryContext(frozen, { epsilon: (f * loss) / 2 }))[2];
  pinned('C.18 (best iterate)', best(INSIDE), best(OUTSIDE), true);
  const beta = Math.max(...Array.from({ length: m }, (_, r) => Math.abs(frozen.h.gamma.data[start * m + r])));
  const grown = (f: number) =>
    checkConvergence(trajectoryContext(withCoefficients(frozen, (t, r) => (t === cfg.steps && r === 0 ? 3 * beta * f : frozen.h.gamma.data[t * m + r]), (t, r, i) => frozen.h.rho.data[(t * m + r) * n + i])))[3];
  pinned('C.18 (γ ≤ 3β)', grown(1 / INSIDE), grown(1 / OUTSIDE));
});

const mc = multi.config;
const rateMulti = (c: number) => 1 + (c * mc.eta * mc.sigmaXi ** 2 * mc.d) / (mc.n * mc.m * mc.tau);
const first = initialProjections(multi, 'h');
const second = initialProjections(multi, 'g');

test('D.4: rate 1 + 0.48ηC_µ‖µ‖²/(mτ) and the lemma\'s "− 1"', () => {
  const cMu = mc.muTildeNorm / mc.muNorm;
  const rate = 1 + (0.48 * mc.eta * cMu * mc.muNorm ** 2) / (mc.m * mc.tau);
  const theta = (r: number) => Math.sign(first.P[r]);
  const matched = (r: number) => theta(r) !== 0 && theta(r) === Math.sign(second.P[r]);
  assert.ok(Array.from({ length: mc.m }, (_, r) => r).some(matched));
  const x0 = (r: number) => cMu * theta(r) * first.P[r] + theta(r) * second.P[r];
  // §9 form: C_µA + A~ = f·rate·x^(0) at t = 1 (through γ), 1.5·rate^t·x^(0) later.
  const nine = (f: number) =>
    find(
      checkGrowthMulti(
        trajectoryContext(
          withCoefficients(multi, (t, r, which) => (which === 'h' && matched(r) && t > 0 ? (theta(r) * ((t === 1 ? f : 1.5) * rate ** t * x0(r) - theta(r) * second.P[r])) / cMu - first.P[r] : 0), zero),
        ),
      ),
      'D.4 (§9 form)',
    );
  pinned('D.4 (§9 form)', nine(INSIDE), nine(OUTSIDE));
  // Lemma form: for t ≥ 1, A = ρ_A^t a0 − 1 + c and A~ = ρ_A^t C_µ a0 − 1 + c, with c = +1e-6, or −1e-6 at t = 1.
  const a0 = (r: number) => theta(r) * first.P[r] + (theta(r) * second.P[r]) / cMu;
  const lemma = (outside: boolean) =>
    find(
      checkGrowthMulti(
        trajectoryContext(
          withCoefficients(multi, (t, r, which) => {
            if (!matched(r) || t === 0) return 0;
            const c = outside && t === 1 ? -1e-6 : 1e-6;
            const target = rate ** t * (which === 'h' ? a0(r) : cMu * a0(r)) - 1 + c;
            return theta(r) * target - (which === 'h' ? first.P[r] : second.P[r]);
          }, zero),
        ),
      ),
      'D.4',
    );
  pinned('D.4', lemma(false), lemma(true));
});

test('D.9 case 4: rate 1 + 1.06ησ_ξ²d/(nmτ)', () => {
  const rate = rateMulti(1.06);
  const both = (r: number, i: number) => first.Q[r * mc.n + i] > 0 && second.Q[r * mc.n + i] > 0;
  const at = (f: number) =>
    find(
      checkGrowthMulti(
        trajectoryContext(withCoefficients(multi, zero, (t, r, i, which) => (which === 'h' && t === 1 && both(r, i) ? f * rate * (first.Q[r * mc.n + i] + second.Q[r * mc.n + i]) - first.Q[r * mc.n + i] : 0))),
      ),
      'D.9 case 4',
    );
  pinned('D.9 case 4', at(1 / INSIDE), at(1 / OUTSIDE));
});

test('Lemma 5.4: mean A reaches 3; max |ρ|, |ρ~| ≤ 1·σ_0σ_ξ√d', () => {
  const set = Array.from({ length: mc.m }, (_, r) => r).filter((r) => first.P[r] > 0 && second.P[r] > 0);
  assert.ok(set.length > 0);
  const learned = (f: number) =>
    checkSeparationMulti(trajectoryContext(withCoefficients(multi, (t, r, which) => (which === 'h' && t === 1 && set.includes(r) ? (3 * f * mc.m) / set.length - first.P[r] : 0), zero)))[0];
  pinned('5.4 (signal learned)', learned(INSIDE), learned(OUTSIDE));
  const end = trajectoryContext(multi).stageOneEnd;
  const bound = mc.sigma0 * mc.sigmaXi * Math.sqrt(mc.d);
  const small = (f: number) => checkSeparationMulti(trajectoryContext(withCoefficients(multi, zero, (t, r, i, which) => (which === 'g' && t === end && r === 1 && i === 1 ? f * bound : 0))))[1];
  pinned('5.4 (noise small)', small(1 / INSIDE), small(1 / OUTSIDE));
});

test('D.1: C_ℓ ≤ 1.01, designed by a small signal coefficient at step 0', () => {
  // Silence the network (W^(0) = 0), then give neuron 0 the signal coefficient g at step 0: C_ℓ grows with g.
  const silent = { ...multi.inputs, W0: new Float64Array(multi.inputs.W0.length), W0Tilde: new Float64Array(multi.inputs.W0Tilde!.length) };
  const run = (g: number) => ({ ...withCoefficients(multi, (t, r) => (t === 0 && r === 0 ? g : 0), zero), inputs: silent });
  const constant = (g: number) => estimateLossConstant(trajectoryContext(run(g))).constant;
  const solve = (target: number) => {
    let low = 0;
    let high = 1;
    while (constant(high) < target) high *= 2;
    for (let k = 0; k < 80; k++) {
      const mid = (low + high) / 2;
      if (constant(mid) < target) low = mid;
      else high = mid;
    }
    return (low + high) / 2;
  };
  const at = (f: number) => checkLossDerivatives(trajectoryContext(run(solve(1.01 * f))))[0];
  pinned('D.1', at(1 / INSIDE), at(1 / OUTSIDE));
});

test('D.8 (B_{±,+}): rate 1 + 1.05ησ_ξ²d/(nmτ)', () => {
  const rate = rateMulti(1.05);
  const inBoth = (r: number, i: number) => first.Q[r * mc.n + i] > 0 && second.Q[r * mc.n + i] > 0;
  const design = (f: number) => {
    const s = f * rate - 1;
    // Every B_{r,±,+} at step 1 is its step-0 value times f·rate (levels scaled, memberships checked unchanged).
    const run = withCoefficients(multi, zero, (t, r, i, which) => (which === 'h' && t === 1 && inBoth(r, i) ? s * first.Q[r * mc.n + i] : 0));
    const context = trajectoryContext(run);
    for (let r = 0; r < mc.m; r++)
      for (let i = 0; i < mc.n; i++) {
        const a = context.h.noiseProjection[(mc.m + r) * mc.n + i] > 0 && context.g!.noiseProjection[(mc.m + r) * mc.n + i] > 0;
        assert.is(a, inBoth(r, i), 'membership unchanged by the design');
      }
    return find(checkGrowthMulti(context), 'D.8 (B_{±,+})');
  };
  pinned('D.8 (B_{±,+})', design(1 / INSIDE), design(1 / OUTSIDE));
});

test('C.2: M ≥ 100C_ℓ − 1, at C_ℓ = 1 (silent network) with M = 99 (holds) and M = 98 (fails)', () => {
  const at = (negatives: number) => {
    const run = simulate({ d: 64, n: 240, m: 2, steps: 1, negatives, populationSamples: 0, nTest: 8, probeTrainSize: 4, seed: 3 });
    const silent = { ...withCoefficients(run, zero, zero), inputs: { ...run.inputs, W0: new Float64Array(run.inputs.W0.length) } };
    return checkLossDerivatives(trajectoryContext(silent))[0];
  };
  pinned('C.2', at(99), at(98));
});

test('D.14 (2ηϵ) and D.15 (3ϵ best iterate): a multi-modal trajectory frozen in the second stage', () => {
  const start = Math.ceil(trajectoryContext(multi).stageOne);
  const hold = (c: Float64Array, t: number, k: number, size: number) => c[Math.min(t, start) * size + k];
  const frozen = withCoefficients(
    multi,
    (t, r, which) => hold((which === 'h' ? multi.h : multi.g!).gamma.data, t, r, mc.m),
    (t, r, i, which) => hold((which === 'h' ? multi.h : multi.g!).rho.data, t, r * mc.n + i, mc.m * mc.n),
  );
  const context = trajectoryContext(frozen);
  const loss = context.termH[start].loss + context.termG![start].loss;
  const descent = (f: number) => checkConvergence(trajectoryContext(frozen, { epsilon: (f * loss) / 2 }))[0];
  pinned('D.14', descent(INSIDE), descent(OUTSIDE));
  const best = (f: number) => checkConvergence(trajectoryContext(frozen, { epsilon: (f * loss) / 3 }))[2];
  pinned('D.15 (best iterate)', best(INSIDE), best(OUTSIDE), true);
});

test.run();
