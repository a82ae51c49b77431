/**
 * Where the reduced engine and the theory checks get their Gram quantities: computed from the d-dimensional vectors
 * (explicit sampler, O((m + n)·(n + nTest)·d) once) or read off the sampled Gram blocks (Gram sampler, no
 * d-dimensional work). Either way the result is the same {@link EncoderGram} and {@link Projections}, so everything
 * downstream (steps, probe features, checks) runs unchanged.
 */
import { addArrays, encoderData } from './engine.js';
import { encoderGram, projectTargets, type EncoderData, type EncoderGram, type Projections } from './gram.js';
import type { GramBlock, InfomaxConfig, InfomaxInputs } from './types.js';

/**
 * The Gram quantities of a run.
 * @category Gram space
 */
export interface EncoderSources {
  /** The basis Gram quantities of encoder h and, multi-modal, g. */
  h: EncoderGram;
  g?: EncoderGram;
  /** Single-modal: projections onto ξ_j + ϵ_j (count n), the positives' noise patches. */
  augmented?: Projections;
  /** Projections onto ν (count 1) and the ζ_k (count nTest), for the probe features of encoder h. */
  onNu: Projections;
  onZeta: Projections;
  /** The d-dimensional data of encoder h / g (explicit sampler only). */
  dataH?: EncoderData;
  dataG?: EncoderData;
}

/** Rows `rowName` × the sum of the column groups `colNames` of a Gram block (row-major). Internal. */
export function gramSlice(block: GramBlock, rowName: string, colNames: string[]): Float64Array {
  const rows = block.index[rowName];
  const cols = colNames.map((name) => block.index[name]);
  if (!rows || cols.some((c) => !c || c.count !== cols[0].count))
    throw new TypeError(`gram block: rows ${rowName} × ${colNames.join('+')} are missing or mismatched`);
  const count = cols[0].count;
  const out = new Float64Array(rows.count * count);
  for (let i = 0; i < rows.count; i++) {
    const row = (rows.start + i) * block.size;
    // Sum the column groups in the order given (ξ then ϵ for ξ + ϵ): a fixed order of rounding.
    for (const c of cols) for (let j = 0; j < count; j++) out[i * count + j] += block.matrix[row + c.start + j];
  }
  return out;
}

/**
 * Projections of the basis µ, ξ_i, w_r^(0) of a Gram block onto the sum of the named row groups (each of equal count).
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { gramProjections, sampleGramInputs } from '@mmcl/infomax/internal';
 * const inputs = sampleGramInputs(resolveConfig({ d: 1e9, n: 4, m: 2, nTest: 6, probeTrainSize: 3, sampler: 'gram' }));
 * gramProjections(inputs.gram.h, ['xi', 'eps']).count; // → 4
 * @category Gram space
 */
export function gramProjections(block: GramBlock, targets: string[]): Projections {
  return {
    count: block.index[targets[0]].count,
    mu: gramSlice(block, 'mu', targets),
    xi: gramSlice(block, 'xi', targets),
    w0: gramSlice(block, 'w0', targets),
  };
}

/**
 * The {@link EncoderGram} of a Gram block (a = ‖µ‖², q_i, c_i, K_ij and the projections onto µ and the ξ_j).
 *
 * @example
 * import { resolveConfig } from '@mmcl/infomax';
 * import { gramEncoder, sampleGramInputs } from '@mmcl/infomax/internal';
 * const inputs = sampleGramInputs(resolveConfig({ d: 1e9, n: 4, m: 2, nTest: 6, probeTrainSize: 3, sampler: 'gram' }));
 * gramEncoder(inputs.gram.h).a; // → 25
 * @category Gram space
 */
export function gramEncoder(block: GramBlock): EncoderGram {
  const onMu = gramProjections(block, ['mu']);
  const onXi = gramProjections(block, ['xi']);
  const n = onXi.count;
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = onXi.xi[i * n + i];
  return { m: block.index.w0.count, n, a: onMu.mu[0], q, c: onMu.xi, K: onXi.xi, onMu, onXi };
}

/**
 * The Gram quantities of a run, from its sampled Gram blocks (inputs.gram) or from its d-dimensional vectors.
 *
 * @example
 * import { generateInputs, resolveConfig } from '@mmcl/infomax';
 * import { encoderSources } from '@mmcl/infomax/internal';
 * const config = resolveConfig({ d: 1e12, n: 6, m: 3, nTest: 8, probeTrainSize: 4, sampler: 'gram' });
 * encoderSources(config, generateInputs(config)).onZeta.count; // → 8
 * @category Gram space
 */
export function encoderSources(config: InfomaxConfig, inputs: InfomaxInputs): EncoderSources {
  const multi = config.mode === 'multi';
  if (inputs.gram) {
    const { h: first, g: second } = inputs.gram;
    if (multi && !second) throw new TypeError('multi-modal Gram inputs need the block of encoder g (gram.g)');
    return {
      h: gramEncoder(first),
      g: multi ? gramEncoder(second!) : undefined,
      augmented: multi ? undefined : gramProjections(first, ['xi', 'eps']),
      onNu: gramProjections(first, ['nu']),
      onZeta: gramProjections(first, ['zeta']),
    };
  }
  const test = inputs.test;
  if (!test) throw new TypeError('inputs.test (the downstream set) is missing; use generateInputs');
  const { n, nTest } = config;
  const dataH = encoderData(config, inputs, 'h');
  const dataG = multi ? encoderData(config, inputs, 'g') : undefined;
  const augmented = multi ? undefined : projectTargets(dataH, addArrays(inputs.xi, inputs.eps), n);
  return {
    h: encoderGram(dataH),
    g: dataG ? encoderGram(dataG) : undefined,
    augmented,
    onNu: projectTargets(dataH, test.nu, 1),
    onZeta: projectTargets(dataH, test.zeta, nTest),
    dataH,
    dataG,
  };
}
