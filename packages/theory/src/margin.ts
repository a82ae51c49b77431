import type { Location } from './types.js';

/**
 * Tracks the tightest slack of a statement over many (step, neuron, sample) points, and the first point where it
 * failed: the failure with the smallest step, ties going to the one offered first (so checks may loop over neurons
 * outside steps).
 */
export class MarginTracker {
  margin = Number.POSITIVE_INFINITY;
  tightest: Location = {};
  firstFailure: Location | null = null;
  failures = 0;
  points = 0;

  /** Record one point; a slack below zero (or NaN) is a failure. */
  offer(slack: number, location: Location): void {
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
}
