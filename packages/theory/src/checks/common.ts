/** Small accessors over a TrajectoryContext and the builder of a CheckResult from a MarginTracker. */
import type { EncoderTrack } from '../context.js';
import type { MarginTracker } from '../margin.js';
import type { CheckKind, CheckResult, Location } from '../types.js';

export const gammaAt = (track: EncoderTrack, t: number, r: number): number =>
  track.coefficients.gamma[t * track.data.m + r];
export const rhoAt = (track: EncoderTrack, t: number, r: number, i: number): number =>
  track.coefficients.rho[(t * track.data.m + r) * track.data.n + i];
/** ⟨w_r^(t), µ⟩. */
export const signalAt = (track: EncoderTrack, t: number, r: number): number =>
  track.signalProjection[t * track.data.m + r];
/** ⟨w_r^(t), ξ_i⟩. */
export const noiseAt = (track: EncoderTrack, t: number, r: number, i: number): number =>
  track.noiseProjection[(t * track.data.m + r) * track.data.n + i];
/** ⟨w_r^(0), µ⟩ (P_r of spec §8.5). */
export const initialSignal = (track: EncoderTrack, r: number): number => track.gram.onMu.w0[r];
/** ⟨w_r^(0), ξ_i⟩ (Q_{r,i} of spec §8.5). */
export const initialNoise = (track: EncoderTrack, r: number, i: number): number =>
  track.gram.onXi.w0[r * track.data.n + i];
/** θ_r = sign⟨w_r^(0), µ⟩ ∈ {−1, 0, +1}. */
export const initialSign = (track: EncoderTrack, r: number): number => Math.sign(initialSignal(track, r));
/** Signal level A_r^(t) = θ_r (γ_r^(t) + ⟨w_r^(0), µ⟩) (spec §5.4). */
export const signalLevel = (track: EncoderTrack, t: number, r: number): number =>
  initialSign(track, r) * (gammaAt(track, t, r) + initialSignal(track, r));
/** Noise level ρ_{r,i}^(t) + ⟨w_r^(0), ξ_i⟩ (Ψ for y_i = 1, Φ for y_i = −1; spec §5.4). */
export const noiseLevel = (track: EncoderTrack, t: number, r: number, i: number): number =>
  rhoAt(track, t, r, i) + initialNoise(track, r, i);

/** Relative slack (value − bound)/|bound| of a lower bound, guarded for a zero bound. */
export function relativeExcess(value: number, bound: number): number {
  const scale = Math.abs(bound);
  return scale > 0 ? (value - bound) / scale : value - bound;
}

function describe(location: Location): string {
  const parts = Object.entries(location)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${v}`);
  return parts.length > 0 ? parts.join(', ') : '-';
}

/** Relative slack (bound − value)/|bound| of an upper bound, guarded for a zero bound. */
export function relativeShortfall(value: number, bound: number): number {
  const scale = Math.abs(bound);
  return scale > 0 ? (bound - value) / scale : bound - value;
}

/** The CheckResult of a tracker. */
export function fromTracker(
  id: string,
  statement: string,
  kind: CheckKind,
  tracker: MarginTracker,
  detail: string,
  value?: number,
): CheckResult {
  let full = tracker.points === 0 ? `${detail} (nothing to check on this trajectory)` : detail;
  // The location is the first failure; the margin is the worst slack, which may lie elsewhere.
  if (tracker.firstFailure !== null)
    full += `; ${tracker.failures} of ${tracker.points} points fail, the worst at ${describe(tracker.tightest)}`;
  const result: CheckResult = {
    id,
    statement,
    kind,
    holds: tracker.holds,
    margin: tracker.reported,
    location: tracker.location,
    detail: full,
  };
  if (value !== undefined) result.value = value;
  const slack = tracker.slack;
  if (slack !== undefined) {
    result.slack = slack;
    result.vacuous = tracker.vacuous;
  }
  return result;
}

/** A result the trajectory cannot decide (e.g. T1 beyond the horizon). */
export function undecided(id: string, statement: string, kind: CheckKind, detail: string): CheckResult {
  return { id, statement, kind, holds: null, margin: Number.NaN, location: {}, detail };
}

/** Format a number for detail strings: 4 significant digits. */
export const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));
