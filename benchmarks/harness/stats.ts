/** Timing and agreement statistics shared by the benchmark cases. */
import { performance } from 'node:perf_hooks';
import { arrayMean } from '@mmcl/autodiff';

export { median } from '@mmcl/autodiff';

/** Least-squares slope of ys against xs (a scaling exponent when both are logarithms). */
export function leastSquaresSlope(xs: readonly number[], ys: readonly number[]): number {
  const mx = arrayMean(xs);
  const my = arrayMean(ys);
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < xs.length; k++) {
    sxy += (xs[k] - mx) * (ys[k] - my);
    sxx += (xs[k] - mx) ** 2;
  }
  return sxy / sxx;
}

/** Wall time of one call in milliseconds, with its result. */
export async function timed<T>(body: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await body();
  return { ms: performance.now() - start, value };
}

/**
 * Runs every side once per repetition, `reps` times, rotating which side goes first so that a slow drift of the
 * machine's load (other processes) hits all sides equally. Each side returns its own time in ms (the reference
 * measures inside its process, excluding the request round trip). Returns the times per side.
 */
export async function alternate(
  reps: number,
  sides: Record<string, () => Promise<number>>,
): Promise<Record<string, number[]>> {
  const names = Object.keys(sides);
  const out: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let rep = 0; rep < reps; rep += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(rep + k) % names.length];
      out[name].push(await sides[name]());
    }
  }
  return out;
}

/**
 * Norm-wise relative difference max|a − b| / max|b|: the measure used for every trajectory check (a loss,
 * γ over all steps and neurons, ρ over all steps, neurons and samples). Entry-wise relative errors would be
 * meaningless for the many ρ that are exactly 0 (dead neurons, Lemma C.7) on one side and ~1e-18 on the other.
 */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`relativeDifference: lengths ${a.length} and ${b.length} differ`);
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < a.length; k += 1) {
    const d = Math.abs(a[k] - b[k]);
    if (!(d <= diff)) diff = d; // also propagates NaN
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return scale === 0 ? diff : diff / scale;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×` : '—';
}

export function formatError(err: number): string {
  return Number.isFinite(err) ? err.toExponential(1) : String(err);
}
