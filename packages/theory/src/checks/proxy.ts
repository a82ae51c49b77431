/**
 * Lemma C.1 (spec §9.2): the projections ⟨w_r^(t) − w_r^(0), ξ_i⟩ and ⟨w_r^(t) − w_r^(0), µ⟩ stay within
 * 5n√(log(6n²/δ)/d) of ρ_{r,i}^(t) and n·SNR·√(8 log(6n/δ)/d) of γ_r^(t). Only meaningful when d ≫ n².
 */
import { encodersOf, type TrajectoryContext } from '../context.js';
import { MarginTracker } from '../margin.js';
import { proofConstant } from '../constants.js';
import { signalToNoise } from '../stageTimes.js';
import type { CheckResult } from '../types.js';
import { fmt, fromTracker, gammaAt, initialNoise, initialSignal, noiseAt, rhoAt, signalAt } from './common.js';

/**
 * Both halves of Lemma C.1, for every step, neuron and sample (and both encoders in the multi-modal case, with
 * ‖µ~‖ in place of ‖µ‖ for the second).
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkProjectionProxies } from '@mmcl/theory';
 * const [noise, signal] = checkProjectionProxies(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 }))));
 * noise.holds; // → true
 * @category Checks
 */
export function checkProjectionProxies(context: TrajectoryContext): [CheckResult, CheckResult] {
  const { config, steps, m, n, options } = context;
  const { d } = config;
  const delta = options.delta;
  const union = proofConstant('unionNoise');
  const noiseBound = proofConstant('proxyNoise') * n * Math.sqrt(Math.log((union * n * n) / delta) / d);
  const noiseTracker = new MarginTracker('upper');
  const signalTracker = new MarginTracker('upper');
  let worstNoise = 0;
  let worstSignal = 0;
  const signalBounds: number[] = [];
  for (const [encoder, track] of encodersOf(context)) {
    const snr = signalToNoise({ muNorm: Math.sqrt(track.gram.a), sigmaXi: config.sigmaXi, d });
    const signalBound = n * snr * Math.sqrt((proofConstant('proxySignal') * Math.log((union * n) / delta)) / d);
    signalBounds.push(signalBound);
    for (let t = 0; t <= steps; t++) {
      for (let r = 0; r < m; r++) {
        const gap = Math.abs(signalAt(track, t, r) - initialSignal(track, r) - gammaAt(track, t, r));
        worstSignal = Math.max(worstSignal, gap);
        signalTracker.offer(signalBound - gap, { step: t, neuron: r, encoder }, signalBound);
        for (let i = 0; i < n; i++) {
          const deviation = Math.abs(noiseAt(track, t, r, i) - initialNoise(track, r, i) - rhoAt(track, t, r, i));
          worstNoise = Math.max(worstNoise, deviation);
          noiseTracker.offer(noiseBound - deviation, { step: t, neuron: r, sample: i, encoder }, noiseBound);
        }
      }
    }
  }
  return [
    fromTracker(
      'C.1 (ξ)',
      'Lemma C.1: |⟨w_r^(t) − w_r^(0), ξ_i⟩ − ρ_{r,i}^(t)| ≤ 5n√(log(6n²/δ)/d)',
      'constant',
      noiseTracker,
      `largest deviation ${fmt(worstNoise)} vs bound ${fmt(noiseBound)} (δ = ${fmt(delta)})`,
      worstNoise,
    ),
    fromTracker(
      'C.1 (µ)',
      'Lemma C.1: |⟨w_r^(t) − w_r^(0), µ⟩ − γ_r^(t)| ≤ n·SNR·√(8 log(6n/δ)/d)',
      'constant',
      signalTracker,
      `largest deviation ${fmt(worstSignal)} vs bound ${signalBounds.map(fmt).join(' / ')} (δ = ${fmt(delta)})`,
      worstSignal,
    ),
  ];
}
