/**
 * simulate(config): one full run of the paper-1 dynamics, returning typed trajectories without touching the file
 * system.
 */
import { checkStepFinite, explainFailure, type RunPosition } from './divergence.js';
import { resolveConfig } from './config.js';
import { generateInputs } from './data.js';
import { createDenseEngine, type DenseEngineRun } from './dense.js';
import type { CoefficientState, EngineRun } from './engine.js';
import { batchSequence } from './optimizers/batches.js';
import { gramPopulationError } from './gramPopulation.js';
import { populationError } from './population.js';
import { evaluateProbe, type ProbeHead } from './probe.js';
import { createReducedEngine } from './reduced.js';
import { shapeTrajectory } from './shaped.js';
import type { CoefficientTrajectory, EncoderTrajectory, GramBlock, InfomaxConfig, InfomaxConfigInput, InfomaxInputs, SimulationResult, StepProbabilities } from './types.js';

/**
 * Options of simulate that are not part of the configuration: callbacks and what to record.
 * @category Simulation
 */
export interface SimulateOptions {
  /** Called after every step t = 0..T with (t, T) (e.g. for a progress bar). */
  onStep?: (t: number, T: number) => void;
  /** Keep the softmax probabilities ℓ'_i, ℓ'_{i,j} (and ℓ~') of every step t = 0..T (Lemma C.2 checks). */
  recordProbabilities?: boolean;
  /** Dense engine only: also run the Lemma 5.1 / 5.3 recursions alongside, into result.recursion. */
  trackRecursion?: boolean;
  /** Use these inputs instead of drawing them from the seed (they must match the configuration's shapes). */
  inputs?: InfomaxInputs;
}

/** The population error of a Gram-sampler run, from the engine's final coefficients (W Wᵀ in Gram space). */
function gramPopulationFromEngine(config: InfomaxConfig, block: GramBlock, engine: EngineRun, head: ProbeHead): number {
  const { gamma, rho, a } = engine.coefficients().h;
  return gramPopulationError(config, block, gamma, rho, engine.testInnerProducts().nu, head, config.populationSamples, a ?? 1);
}

/**
 * A SimulationResult with the extras simulate can add.
 * @category Simulation
 */
export interface SimulationOutput extends SimulationResult {
  engine: InfomaxConfig['engine'];
  populationError: number;
  /** The probe head fitted at the last step. */
  finalProbe: ProbeHead;
  /** Dense engine with trackRecursion: the coefficients of h (and g) from the recursions (method 1), shaped. */
  recursion?: { h: EncoderTrajectory; g?: EncoderTrajectory };
}

/**
 * What simulate returns for a multi-modal configuration: encoder g is always there.
 * @category Simulation
 */
export interface MultiModalOutput extends SimulationOutput {
  g: EncoderTrajectory;
}

function trajectory(points: number, m: number, n: number): CoefficientTrajectory {
  return { gamma: new Float64Array(points * m), rho: new Float64Array(points * m * n), a: new Float64Array(points).fill(1) };
}

function record(target: CoefficientTrajectory, t: number, state: CoefficientState): void {
  target.gamma.set(state.gamma, t * state.gamma.length);
  target.rho.set(state.rho, t * state.rho.length);
  if (target.a && state.a !== undefined) target.a[t] = state.a;
}

/** The anchor batches S_t of a minibatch run (steps×B), drawn as the engines draw them; undefined for full batch. */
function batchRecord(config: InfomaxConfig): Int32Array | undefined {
  const { batchSize } = config.optimizer;
  if (batchSize === 'full' || batchSize >= config.n) return undefined;
  const next = batchSequence(config.n, batchSize, config.seed);
  const out = new Int32Array(config.steps * batchSize);
  for (let t = 0; t < config.steps; t++) out.set(next(t), t * batchSize);
  return out;
}

/** t = 0, evalEvery, 2·evalEvery, …, and T. */
function evaluationSteps(steps: number, every: number): Int32Array {
  const out: number[] = [];
  for (let t = 0; t < steps; t += every) out.push(t);
  out.push(steps);
  return Int32Array.from(out);
}

function copyProbabilities(p: { positive: Float64Array; negative: Float64Array }): StepProbabilities {
  return { positive: Float64Array.from(p.positive), negative: Float64Array.from(p.negative) };
}

/**
 * Run the configured engine for config.steps steps of the configured optimizer (default: full-batch GD), recording the loss, γ, ρ (and γ~, ρ~) at
 * t = 0..T and the probe's test accuracy at the evaluation steps. Omitted keys take their Figure-1 defaults; the
 * configuration is validated by {@link resolveConfig} (an unknown key throws a ConfigError with a "did you mean").
 * Raw JSON goes through `resolveConfig(json)` first. Throws NumericalError on NaN/overflow.
 *
 * @example
 * import { simulate } from '@mmcl/infomax';
 * const run = simulate({ mode: 'multi', d: 200, n: 20, m: 8, steps: 10, populationSamples: 0 });
 * run.loss.length; // → 11
 * run.g.rho.shape; // → [11, 8, 20]
 * run.h.gamma.get(10, 7) === run.h.gamma.data[10 * 8 + 7]; // → true
 * @category Simulation
 */
export function simulate(config: InfomaxConfigInput & { mode: 'multi' }, options?: SimulateOptions): MultiModalOutput;
export function simulate(config?: InfomaxConfigInput, options?: SimulateOptions): SimulationOutput;
export function simulate(partial: InfomaxConfigInput = {}, options: SimulateOptions = {}): SimulationOutput {
  const config = resolveConfig(partial);
  // Any failure names the step and the seed; a linear-algebra failure becomes a NumericalError (divergence.ts).
  const at: RunPosition = { step: 0, stage: 'setup' };
  try {
    return simulateResolved(config, options, at);
  } catch (err) {
    throw explainFailure(err, at, config.seed);
  }
}

function simulateResolved(config: InfomaxConfig, options: SimulateOptions, at: RunPosition): SimulationOutput {
  const started = performance.now();
  const inputs = options.inputs ?? generateInputs(config);
  const test = inputs.test;
  if (!test) throw new TypeError('simulate: inputs.test (the downstream set) is missing; use generateInputs');
  const { m, n, steps } = config;
  const multi = config.mode === 'multi';
  const dense = config.engine === 'dense';
  const engine: EngineRun = dense
    ? createDenseEngine(config, inputs, { trackRecursion: options.trackRecursion || options.recordProbabilities })
    : createReducedEngine(config, inputs);

  const points = steps + 1;
  const loss = new Float64Array(points);
  // Filled flat (no index arithmetic per step), returned as shaped views of the same arrays.
  const first = trajectory(points, m, n);
  const second = multi ? trajectory(points, m, n) : undefined;
  const recursion = dense && options.trackRecursion
    ? { h: trajectory(points, m, n), g: multi ? trajectory(points, m, n) : undefined }
    : undefined;
  const evalSteps = evaluationSteps(steps, config.evalEvery);
  const testAccuracy = new Float64Array(evalSteps.length);
  const spanResidual = engine.spanResidual
    ? { h: new Float64Array(evalSteps.length), g: multi ? new Float64Array(evalSteps.length) : undefined }
    : undefined;
  const probabilities = options.recordProbabilities
    ? { h: [] as StepProbabilities[], g: multi ? ([] as StepProbabilities[]) : undefined }
    : undefined;
  let finalProbe: ProbeHead | undefined;
  let nextEval = 0;

  for (let t = 0; t <= steps; t++) {
    const tracked = recursion ? (engine as DenseEngineRun).recursion() : undefined;
    if (recursion && tracked) {
      record(recursion.h, t, tracked.h);
      if (recursion.g && tracked.g) record(recursion.g, t, tracked.g);
    }
    at.step = t;
    if (evalSteps[nextEval] === t) {
      at.stage = 'probe';
      const inner = engine.testInnerProducts();
      const probe = evaluateProbe(inner.nu, inner.zeta, test.y, config.probeTrainSize, config.probeC);
      if (spanResidual && engine.spanResidual) {
        const residual = engine.spanResidual();
        spanResidual.h[nextEval] = residual.h;
        if (spanResidual.g && residual.g !== undefined) spanResidual.g[nextEval] = residual.g;
      }
      testAccuracy[nextEval++] = probe.accuracy;
      finalProbe = probe.head;
    }
    at.stage = 'step';
    const outcome = engine.step(t, t < steps);
    checkStepFinite(t, outcome);
    loss[t] = outcome.loss;
    record(first, t, outcome.coefficients.h);
    if (second && outcome.coefficients.g) record(second, t, outcome.coefficients.g);
    if (probabilities && outcome.probabilities) {
      probabilities.h.push(copyProbabilities(outcome.probabilities.h));
      if (probabilities.g && outcome.probabilities.g) probabilities.g.push(copyProbabilities(outcome.probabilities.g));
    }
    options.onStep?.(t, steps);
  }

  const population = config.populationSamples <= 0
    ? Number.NaN
    : inputs.gram
      ? gramPopulationFromEngine(config, inputs.gram.h, engine, finalProbe!)
      : populationError(config, engine.weights(), finalProbe!, config.populationSamples);
  return {
    config,
    inputs,
    loss,
    h: shapeTrajectory(first, m, n),
    g: second && shapeTrajectory(second, m, n),
    evalSteps,
    testAccuracy,
    wallTimeMs: performance.now() - started,
    engine: config.engine,
    populationError: population,
    finalProbe: finalProbe!,
    spanResidual,
    batches: batchRecord(config),
    probabilities,
    recursion: recursion && {
      h: shapeTrajectory(recursion.h, m, n),
      g: recursion.g && shapeTrajectory(recursion.g, m, n),
    },
  };
}
