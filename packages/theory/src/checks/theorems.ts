/**
 * Theorem-level claims (spec §9.9): Theorems 4.2 and 4.3, (1) training loss ≤ ϵ at T*, (2) downstream error Θ(1)
 * (single-modal) or o(1) (multi-modal). The theorems claim the last iterate; the lemmas prove only a best or
 * average iterate (spec §11.8), so the detail reports all three.
 */
import type { TrajectoryContext } from '../context.js';
import { convergenceTimeOrder } from '../stageTimes.js';
import type { CheckResult } from '../types.js';
import { fmt } from './common.js';

/**
 * Theorem 4.2 / 4.3 (1) on the last iterate and (2) on the final probe. The downstream error is the population
 * error of the final probe when the engine measured one, else 1 − the last held-out probe accuracy; Θ(1) and o(1)
 * are instantiated as error ≥ singleModalMinError and error ≤ multiModalMaxError (both 0.1 by default [choice]).
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { trajectoryContext, checkTheorems } from '@mmcl/theory';
 * checkTheorems(trajectoryContext(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 5 })))).length; // → 2
 * @category Checks
 */
export function checkTheorems(context: TrajectoryContext): CheckResult[] {
  const { steps, config, options, result } = context;
  const single = config.mode === 'single';
  const name = single ? 'Thm 4.2' : 'Thm 4.3';
  const epsilon = options.epsilon;
  const last = result.loss[steps];
  const start = Math.min(Math.ceil(context.stageOne), steps);
  let best = Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let t = start; t <= steps; t++) (best = Math.min(best, result.loss[t])), (sum += result.loss[t]);
  let reached = -1;
  for (let t = 0; t <= steps && reached < 0; t++) if (result.loss[t] <= epsilon) reached = t;
  const order = convergenceTimeOrder(config, epsilon);
  const loss: CheckResult = {
    id: `${name}(1)`,
    statement: `Theorem ${single ? '4.2' : '4.3'}(1): the training loss at T* is ≤ ϵ (last iterate)`,
    kind: 'constant',
    holds: last <= epsilon,
    margin: epsilon - last,
    location: { step: steps },
    detail: `ϵ = ${epsilon}; L(T) = ${fmt(last)}, best on [⌈T1⌉, T] = ${fmt(best)}, average = ${fmt(sum / (steps - start + 1))}; first step with L ≤ ϵ: ${reached < 0 ? 'none' : reached} (T* order ${fmt(order)})`,
    value: last,
  };
  const population = result.populationError;
  const evalCount = result.testAccuracy.length;
  const error =
    population !== undefined && Number.isFinite(population) ? population : evalCount > 0 ? 1 - result.testAccuracy[evalCount - 1] : Number.NaN;
  const source = population !== undefined && Number.isFinite(population) ? 'population error of the final probe' : 'held-out probe error at the last evaluation';
  const downstream: CheckResult = single
    ? {
        id: `${name}(2)`,
        statement: 'Theorem 4.2(2): the downstream test error is Θ(1) (bounded away from 0)',
        kind: 'constant',
        holds: Number.isNaN(error) ? null : error >= options.singleModalMinError,
        margin: error - options.singleModalMinError,
        location: { step: steps },
        detail: `${source} ${fmt(error)}; Θ(1) read as ≥ ${options.singleModalMinError}; test ν: ${config.testNu}`,
        value: error,
      }
    : {
        id: `${name}(2)`,
        statement: 'Theorem 4.3(2): the downstream test error is o(1)',
        kind: 'constant',
        holds: Number.isNaN(error) ? null : error <= options.multiModalMaxError,
        margin: options.multiModalMaxError - error,
        location: { step: steps },
        detail: `${source} ${fmt(error)}; o(1) read as ≤ ${options.multiModalMaxError}; test ν: ${config.testNu}`,
        value: error,
      };
  return [loss, downstream];
}
