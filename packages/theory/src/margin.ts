import type { Location } from './types.js';

/**
 * Whether a tracked statement bounds its quantity from above (value ≤ bound) or from below (value ≥ bound).
 * @category Margins
 */
export type BoundDirection = 'upper' | 'lower';

/**
 * A bound is reported vacuous [choice] when, at its tightest point, it is at least this factor away from the value
 * it bounds: value ≤ bound/10 for an upper bound, value ≥ 10·bound (or a bound ≤ 0 below a positive value) for a
 * lower bound. Such a bound could not have failed for any value near the observed one.
 * @category Margins
 */
export const VACUOUS_FACTOR = 10;

/**
 * Tracks the tightest slack of a statement over many (step, neuron, sample) points, and the first point where it
 * failed: the failure with the smallest step, ties going to the one offered first (so checks may loop over neurons
 * outside steps). Given a direction and, with each point, the bound itself (in the slack's units; 1 for relative
 * slacks), it also reports the slack as a fraction of the bound at the tightest point and whether the bound is
 * vacuous there.
 * @category Margins
 */
export class MarginTracker {
  margin = Number.POSITIVE_INFINITY;
  tightest: Location = {};
  firstFailure: Location | null = null;
  failures = 0;
  points = 0;
  /** The bound at the tightest point (NaN when not given). */
  boundAtTightest = Number.NaN;

  constructor(readonly direction?: BoundDirection) {}

  /** Record one point; a slack below zero (or NaN) is a failure. `bound` is the bound there, in the slack's units. */
  offer(slack: number, location: Location, bound = Number.NaN): void {
    this.points += 1;
    const failed = !(slack >= 0);
    if (failed) {
      this.failures += 1;
      if (this.firstFailure === null || (location.step ?? 0) < (this.firstFailure.step ?? 0)) this.firstFailure = location;
    }
    if (Number.isNaN(slack) || slack < this.margin) {
      if (!Number.isNaN(this.margin)) {
        this.margin = slack;
        this.tightest = location;
        this.boundAtTightest = bound;
      }
    }
  }

  get holds(): boolean | null {
    return this.points === 0 ? null : this.failures === 0;
  }

  /** The location to report: the first failure if there was one, else the tightest point. */
  get location(): Location {
    return this.firstFailure ?? this.tightest;
  }

  /** The margin to report (NaN when no point was offered). */
  get reported(): number {
    return this.points === 0 ? Number.NaN : this.margin;
  }

  /** The tightest slack as a fraction of |bound| there (undefined without a direction or a finite, non-zero bound). */
  get slack(): number | undefined {
    const bound = this.boundAtTightest;
    if (!this.direction || this.points === 0 || !Number.isFinite(bound) || bound === 0 || !Number.isFinite(this.margin)) return undefined;
    return this.margin / Math.abs(bound);
  }

  /** Whether the bound held everywhere but is {@link VACUOUS_FACTOR} away from the value at its tightest point. */
  get vacuous(): boolean {
    const bound = this.boundAtTightest;
    if (!this.direction || this.holds !== true || !Number.isFinite(bound) || !Number.isFinite(this.margin)) return false;
    if (this.direction === 'upper') {
      const value = bound - this.margin;
      return bound > 0 && value <= bound / VACUOUS_FACTOR;
    }
    const value = bound + this.margin;
    return value > 0 && bound <= value / VACUOUS_FACTOR;
  }
}
