/**
 * verify(config): simulate a configuration and run every check of paper 1 on its trajectory; verifyTrajectory
 * does the same for a trajectory already in hand (e.g. a deliberately broken one).
 */
import { resolveConfig, simulate, type InfomaxConfig, type SimulationResult } from '@mmcl/infomax';
import { checkAssumptions } from './assumptions.js';
import { TheoryInputError } from './errors.js';
import { checkDataModel } from './checks/dataModel.js';
import { checkDecomposition, checkEngineAgreement } from './checks/decomposition.js';
import { checkDeadNeuronsMulti, checkDeadNeuronsSingle } from './checks/deadNeurons.js';
import { checkGrowthMulti, checkGrowthSingle } from './checks/growth.js';
import { checkLossDerivatives } from './checks/lossDerivatives.js';
import { checkProjectionProxies } from './checks/proxy.js';
import { checkCoefficientBound, checkConvergence, checkGradientBound } from './checks/secondStage.js';
import { checkSeparationMulti, checkSeparationSingle } from './checks/separation.js';
import { checkSignInvarianceMulti, checkSignInvarianceSingle } from './checks/signs.js';
import { checkTheorems } from './checks/theorems.js';
import { trajectoryContext, type CheckOptions } from './context.js';
import { optimizerScope, scopeChecks } from './optimizerScope.js';
import { convergenceTimeOrder, stageOneTime } from './stageTimes.js';
import type { AssumptionCondition, CheckResult } from './types.js';

/**
 * Options of {@link verify}: the check options plus whether to cross-check against the other engine.
 * @category Verification and reports
 */
export interface VerifyOptions extends Partial<CheckOptions> {
  /**
   * Also simulate with the other engine (dense ↔ reduced) on the same inputs and compare the coefficients
   * (spec §9.1). 'auto' (default) does so when m·n·d·T ≤ 4·10⁸, i.e. when the dense run takes seconds.
   */
  crossEngine?: boolean | 'auto';
  /** Progress of the simulation(s): called after every step. */
  onStep?: (t: number, T: number) => void;
}

/**
 * Everything verify found, ready to be rendered as a table, JSON or Markdown.
 * @category Verification and reports
 */
export interface VerifyReport {
  config: InfomaxConfig;
  options: CheckOptions;
  assumptions: AssumptionCondition[];
  times: {
    /** T1 of Lemma 5.2 / 5.4 (real). */
    stageOne: number;
    /** Order of T* with Θ̃ = 1 (Theorems 4.2 / 4.3). */
    convergenceOrder: number;
    /** Simulated steps T. */
    steps: number;
  };
  checks: CheckResult[];
  summary: {
    checks: number;
    held: number;
    failed: number;
    undecided: number;
    assumptionsHeld: number;
    assumptionsFailed: number;
    /** Statements that do not apply to the run's optimizer (counted apart from undecided). */
    notApplicable?: number;
  };
  final: { loss: number; testAccuracy: number; populationError: number };
}

/**
 * Run every check on a trajectory. `reference`, when given, is a trajectory of the same configuration and inputs
 * from the other engine, compared coefficient by coefficient.
 *
 * @example
 * import { simulate, resolveConfig } from '@mmcl/infomax';
 * import { verifyTrajectory } from '@mmcl/theory';
 * const report = verifyTrajectory(simulate(resolveConfig({ d: 400, n: 6, m: 3, steps: 20 })));
 * report.checks.find((c) => c.id === 'C.7 (ρ = 0)')?.holds; // → true
 * @category Verification and reports
 */
export function verifyTrajectory(
  result: SimulationResult,
  options: Partial<CheckOptions> = {},
  reference?: SimulationResult,
): VerifyReport {
  const context = trajectoryContext(result, options);
  const { config } = context;
  const single = config.mode === 'single';
  let checks: CheckResult[] = [checkDecomposition(context), ...checkDataModel(context)];
  if (reference) checks.push(checkEngineAgreement(result, reference, context.options.identityTolerance));
  checks.push(...checkProjectionProxies(context));
  checks.push(...(single ? checkSignInvarianceSingle(context) : checkSignInvarianceMulti(context)));
  checks.push(...(single ? checkDeadNeuronsSingle(context) : checkDeadNeuronsMulti(context)));
  checks.push(...checkLossDerivatives(context));
  checks.push(...(single ? checkGrowthSingle(context) : checkGrowthMulti(context)));
  checks.push(...(single ? checkSeparationSingle(context) : checkSeparationMulti(context)));
  checks.push(checkCoefficientBound(context), checkGradientBound(context), ...checkConvergence(context));
  checks.push(...checkTheorems(context));
  // Other optimizers than the paper's GD: only the (extended) decomposition identity is checked (optimizerScope.ts).
  const scope = optimizerScope(config);
  if (scope !== 'gd') {
    const agreement = checks.find((c) => c.id === '§8.5 engines');
    checks = scopeChecks(result, checks, scope, agreement, context.options.identityTolerance, result.spanResidual ?? reference?.spanResidual);
  }
  const assumptions = checkAssumptions(config, { delta: context.options.delta, epsilon: context.options.epsilon });
  const accuracy = result.testAccuracy.length > 0 ? result.testAccuracy[result.testAccuracy.length - 1] : Number.NaN;
  return {
    config,
    options: context.options,
    assumptions,
    times: { stageOne: stageOneTime(config), convergenceOrder: convergenceTimeOrder(config, context.options.epsilon), steps: config.steps },
    checks,
    summary: {
      checks: checks.length,
      held: checks.filter((c) => c.holds === true).length,
      failed: checks.filter((c) => c.holds === false).length,
      undecided: checks.filter((c) => c.holds === null && !c.notApplicable).length,
      notApplicable: checks.filter((c) => c.notApplicable).length,
      assumptionsHeld: assumptions.filter((a) => a.holds).length,
      assumptionsFailed: assumptions.filter((a) => !a.holds).length,
    },
    final: { loss: result.loss[config.steps], testAccuracy: accuracy, populationError: result.populationError ?? Number.NaN },
  };
}

/**
 * Simulate a configuration (raw JSON or resolved) and verify every statement of paper 1 on its trajectory.
 *
 * @example
 * import { verify } from '@mmcl/theory';
 * const report = verify({ d: 400, n: 6, m: 3, steps: 20, populationSamples: 0 });
 * report.summary.checks > 20; // → true
 * @category Verification and reports
 */
export function verify(config: InfomaxConfig | Record<string, unknown>, options: VerifyOptions = {}): VerifyReport {
  const resolved = resolveConfig(config);
  const { crossEngine = 'auto', onStep, ...checkOptions } = options;
  const result = simulate(resolved, { onStep });
  const size = resolved.m * resolved.n * resolved.d * resolved.steps;
  // The coordinate-wise optimizers run in the dense engine only: there is no other engine to compare with; and a
  // Gram-sampler run has no d-dimensional vectors for the dense engine to start from.
  if (resolved.sampler === 'gram' && crossEngine === true)
    throw new TheoryInputError('crossEngine', 'cannot compare engines on a Gram-sampler run (the dense engine needs d-dimensional inputs); use sampler "explicit"');
  const compare = optimizerScope(resolved) !== 'coordinate' && resolved.sampler !== 'gram' && (crossEngine === true || (crossEngine === 'auto' && size <= 4e8));
  let reference: SimulationResult | undefined;
  if (compare) {
    const other = { ...resolved, engine: resolved.engine === 'dense' ? 'reduced' : 'dense' } as InfomaxConfig;
    reference = simulate(other, { inputs: result.inputs, onStep });
  }
  return verifyTrajectory(result, checkOptions, reference);
}
