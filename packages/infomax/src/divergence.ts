/**
 * Divergence of a run: the check that stops it on a non-finite tracked quantity, the translation of a
 * linear-algebra failure (a Cholesky factor of the probe or of the least-squares basis) into a NumericalError naming
 * the step, and the test for a finite blow-up of the loss that the CLI reports as `diverged`.
 */
import { NumericalError } from '@mmcl/autodiff';
import type { StepReport } from './engine.js';

/** Where a run was when it failed: the step and what it was doing there. */
export interface RunPosition {
  step: number;
  stage: 'setup' | 'probe' | 'step';
}

/** What to try when the dynamics blow up: a smaller step or a smaller initialisation. */
const FIX = 'lower eta or sigma0';

/** Throws a NumericalError unless the loss and every coefficient of a step are finite. */
export function checkStepFinite(step: number, outcome: StepReport): void {
  if (!Number.isFinite(outcome.loss)) throw new NumericalError(step, 'loss', { value: outcome.loss, note: FIX });
  for (const [which, c] of [['', outcome.coefficients.h], ['~', outcome.coefficients.g]] as const) {
    if (c === undefined) continue;
    for (const [name, values] of [[`gamma${which}`, c.gamma], [`rho${which}`, c.rho]] as const) {
      for (let k = 0; k < values.length; k++) {
        if (!Number.isFinite(values[k])) throw new NumericalError(step, `${name}[${k}]`, { value: values[k], note: FIX });
      }
    }
  }
}

/**
 * The error a failed run reports: a NumericalError gains the seed, and a linear-algebra failure (RangeError of a
 * Cholesky factorisation) becomes a NumericalError naming the step and whether the probe or the engine's least
 * squares failed. Anything else is returned unchanged.
 *
 * @example
 * const error = explainFailure(new RangeError('cholesky: matrix is not positive definite (pivot 0 = NaN)'), { step: 40, stage: 'probe' }, 3);
 * (error as Error).message; // → 'numerical trouble at step 40 (seed 3): probe fit failed (cholesky: matrix is not positive definite (pivot 0 = NaN)); lower eta or sigma0'
 */
export function explainFailure(err: unknown, at: RunPosition, seed: number): unknown {
  if (err instanceof NumericalError) {
    if (!/\(seed \d+/.test(err.message)) err.message = err.message.replace(/^numerical trouble at step (\d+)/, `numerical trouble at step $1 (seed ${seed})`);
    return err;
  }
  if (err instanceof RangeError && /cholesky/i.test(err.message)) {
    const what = at.stage === 'probe' ? 'probe fit' : 'least squares of the engine';
    const failure = new NumericalError(at.step, what, { context: `seed ${seed}`, note: FIX });
    failure.message = `numerical trouble at step ${at.step} (seed ${seed}): ${what} failed (${err.message}); ${FIX}`;
    return failure;
  }
  return err;
}

/**
 * A finite blow-up of the loss: the first step where it exceeds `factor` × its initial value.
 * @category Engines
 */
export interface Divergence {
  step: number;
  loss: number;
  initialLoss: number;
  factor: number;
}

/**
 * The first step at which `loss` exceeds `factor` times `loss[0]` (a finite blow-up), or undefined.
 *
 * @example
 * lossDivergence(new Float64Array([4.4, 50, 5e42]), 1e6); // → { step: 2, loss: 5e42, initialLoss: 4.4, factor: 1e6 }
 * @category Engines
 */
export function lossDivergence(loss: ArrayLike<number>, factor: number): Divergence | undefined {
  const initialLoss = loss[0];
  const bound = Math.abs(initialLoss) * factor;
  for (let t = 1; t < loss.length; t++) {
    if (loss[t] > bound) return { step: t, loss: loss[t], initialLoss, factor };
  }
  return undefined;
}
