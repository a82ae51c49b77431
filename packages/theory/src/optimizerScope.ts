/**
 * Which of paper 1's statements apply to a run of a given optimizer (spec optimizers.md §4): the statements proved
 * through the GD recursion apply to plain full-batch GD with constant η only; the exact decomposition identity
 * applies to the whole span-preserving family with the extended recursion [a, γ, ρ] (plus the optimizer's buffers);
 * the coordinate-wise optimizers leave span{µ, ξ_i}, so not even that applies.
 */
import { type InfomaxConfig, type SimulationResult } from '@mmcl/infomax';
import { isCoordinateWise } from '@mmcl/infomax/internal';
import type { CheckResult } from './types.js';

/**
 * 'gd': the paper's optimizer; 'span': span-preserving but not plain GD; 'coordinate': leaves the span.
 * @category Checks
 */
export type OptimizerScope = 'gd' | 'span' | 'coordinate';

/**
 * The scope of a configuration's optimizer.
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { optimizerScope } from '@mmcl/theory';
 * optimizerScope(resolveConfig({ optimizer: { name: 'sgd', momentum: 0.9 } })); // → 'span'
 * @category Checks
 */
export function optimizerScope(config: InfomaxConfig): OptimizerScope {
  const o = config.optimizer;
  if (isCoordinateWise(o.name)) return 'coordinate';
  const plain = o.momentum === 0 && o.weightDecay === 0 && (o.batchSize === 'full' || o.batchSize >= config.n) && o.schedule === 'constant' && o.warmupSteps === 0;
  return plain ? 'gd' : 'span';
}

/** A statement marked not applicable: no verdict, no margin, the reason in `notApplicable` and the detail. */
function notApplicable(check: CheckResult, reason: string): CheckResult {
  return { id: check.id, statement: check.statement, kind: check.kind, holds: null, margin: Number.NaN, location: {}, detail: reason, notApplicable: reason };
}

/**
 * The checks of a non-GD run: every GD-recursion statement becomes not applicable with its reason; the
 * decomposition identity is replaced by its extended form (span-preserving family) or marked not applicable with
 * the measured span residual (coordinate-wise).
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * import { scopeChecks } from '@mmcl/theory/internal';
 * const result = simulate({ d: 80, n: 8, m: 3, steps: 6, populationSamples: 0, optimizer: { name: 'sgd', momentum: 0.9 } });
 * scopeChecks(result, [], 'span', undefined, 1e-9)[0].id; // → 'Lemma 5.1/5.3 (extended)'
 * @category Checks
 */
export function scopeChecks(
  result: SimulationResult,
  gdChecks: readonly CheckResult[],
  scope: Exclude<OptimizerScope, 'gd'>,
  agreement: CheckResult | undefined,
  tolerance: number,
  spanResidual: SimulationResult['spanResidual'] = result.spanResidual,
): CheckResult[] {
  const name = describeOptimizer(result.config);
  const residuals = spanResidual ? [...spanResidual.h, ...(spanResidual.g ?? [])] : [];
  const worstResidual = residuals.length > 0 ? Math.max(...residuals) : Number.NaN;
  const reason = `proved through the full-batch GD recursion with constant η; this run uses ${name}`;
  const rest = gdChecks.filter((c) => !c.id.startsWith('Lemma 5.1/5.3') && c.id !== '§8.5 engines').map((c) => notApplicable(c, reason));
  const statement =
    'W^(t) = a_t W^(0) + γ_r µ/‖µ‖² + Σ_i ρ_{r,i} ξ_i/‖ξ_i‖², with [a, γ, ρ] (and the optimizer buffers) following the optimizer on the coefficient gradient of Eqs. (12)–(18)';
  if (scope === 'coordinate') {
    const detail = `the ${name} update rescales coordinates and leaves span{µ, ξ_i}: span residual up to ${Number.isNaN(worstResidual) ? 'not measured' : worstResidual.toExponential(2)}; γ, ρ are least-squares projections`;
    return [{ ...notApplicable({ id: 'Lemma 5.1/5.3 (extended)', statement, kind: 'exact', holds: null, margin: Number.NaN, location: {}, detail }, detail), value: worstResidual }, ...rest];
  }
  // Span-preserving: the dense run's weights must stay in a_t W^(0) + span{µ, ξ_i}, and the reduced engine's extended
  // recursion must give the dense engine's least-squares coefficients.
  const parts: string[] = [];
  let holds: boolean | null = null;
  let margin = Number.NaN;
  if (!Number.isNaN(worstResidual)) {
    holds = worstResidual <= 1e-12;
    margin = 1e-12 - worstResidual;
    parts.push(`dense span residual up to ${worstResidual.toExponential(2)} (bound 1e-12)`);
  }
  if (agreement && agreement.holds !== null) {
    holds = (holds ?? true) && agreement.holds;
    margin = Number.isNaN(margin) ? agreement.margin : Math.min(margin, agreement.margin);
    parts.push(`extended recursion (reduced) vs dense least squares: ${agreement.detail}`);
  }
  if (parts.length === 0) parts.push(`nothing to compare: run the dense engine or cross-check (--cross-engine always); tolerance ${tolerance}`);
  return [{ id: 'Lemma 5.1/5.3 (extended)', statement, kind: 'exact', holds, margin, location: agreement?.location ?? {}, detail: parts.join('; '), value: worstResidual }, ...rest];
}

/** "SGD (B = 20, momentum 0.9)" and the like, for the reasons. */
function describeOptimizer(config: InfomaxConfig): string {
  const o = config.optimizer;
  const parts: string[] = [];
  if (o.batchSize !== 'full' && o.batchSize < config.n) parts.push(`B = ${o.batchSize}`);
  if (o.momentum) parts.push(`${o.nesterov ? 'Nesterov ' : ''}momentum ${o.momentum}`);
  if (o.weightDecay) parts.push(`${o.decoupledWeightDecay ? 'decoupled' : 'coupled'} weight decay ${o.weightDecay}`);
  if (o.schedule !== 'constant' || o.warmupSteps > 0) parts.push(`${o.schedule} schedule${o.warmupSteps ? `, ${o.warmupSteps} warm-up steps` : ''}`);
  return `${o.name}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
