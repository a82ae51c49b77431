/**
 * The figures of `mmcl idsweep` as Vega-Lite specifications (rendered to SVG by plots/render.ts): the MLE intrinsic
 * dimension against the output dimension d with the k* line and the d − 1 sphere bound, τ trajectories, retrieval
 * accuracy against d, and histograms of positive vs negative similarities.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Options, RunResult, SummaryRow } from '../commands/idsweep.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** ID̂ against d (mean ± sd over repetitions) for f(X) and g(Y), with the k* line and the d − 1 sphere bound. */
export function idSpec(summary: readonly SummaryRow[], o: Pick<Options, 'epochs' | 'fixedTau' | 'link' | 'trainRows'>, latentDim: number): TopLevelSpec {
  const values = summary.flatMap((s) => [
    { d: s.d, series: 'MLE ID of f(X)', mean: s.id_f_mean, low: s.id_f_mean - s.id_f_sd, high: s.id_f_mean + s.id_f_sd },
    { d: s.d, series: 'MLE ID of g(Y)', mean: s.id_g_mean, low: s.id_g_mean - s.id_g_sd, high: s.id_g_mean + s.id_g_sd },
  ]);
  const maxD = Math.max(...summary.map((s) => s.d));
  const guides = [
    { d: 1, series: `k* = ${latentDim}`, mean: latentDim }, { d: maxD, series: `k* = ${latentDim}`, mean: latentDim },
    ...summary.map((s) => ({ d: s.d, series: 'sphere bound d − 1', mean: Math.max(0, s.d - 1) })),
  ];
  const x = { field: 'd', type: 'quantitative', title: 'output dimension d' } as const;
  const color = { field: 'series', type: 'nominal', title: null, legend: { orient: 'top', labelLimit: 400 } } as const;
  // The axis fits the estimates and k* (with 15% headroom), not the sphere bound, which grows with d and is clipped.
  const top = idAxisTop(summary, latentDim);
  const y = { type: 'quantitative', title: 'MLE intrinsic dimension ID̂', scale: { domain: [0, top] as number[], nice: false } } as const;
  return {
    $schema: SCHEMA, background: 'white', width: 420, height: 300,
    title: { text: 'MLE-intrinsic dimension', subtitle: `${o.link} link, k* = ${latentDim}, τ ${o.fixedTau === undefined ? 'learned' : `fixed at ${o.fixedTau}`}, ${o.epochs} epochs, n = ${o.trainRows}` },
    layer: [
      { data: { values: guides }, mark: { type: 'line', strokeDash: [5, 4], clip: true }, encoding: { x, y: { field: 'mean', ...y }, color } },
      { data: { values }, mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { field: 'low', ...y }, y2: { field: 'high' }, color } },
      { data: { values }, mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', ...y }, color } },
    ],
  } as unknown as TopLevelSpec;
}

/** The top of the ID axis: the largest mean + sd of either encoder, or k*, plus 15% headroom. */
export function idAxisTop(summary: readonly SummaryRow[], latentDim: number): number {
  const highest = Math.max(latentDim, ...summary.map((s) => Math.max(s.id_f_mean + s.id_f_sd, s.id_g_mean + s.id_g_sd)));
  return Math.ceil(highest * 1.15);
}

/** The τ axis: log scale over the values' own range, padded by 5% (in log space) on both ends, without rounding out. */
export function tauDomain(results: readonly RunResult[]): [number, number] {
  const all = results.flatMap((r) => r.tau).filter((t) => t > 0 && Number.isFinite(t));
  const low = Math.min(...all);
  const high = Math.max(...all);
  const pad = (high / low) ** 0.05 * (high === low ? 1.05 : 1);
  return [low / pad, high * pad];
}

/** τ against the optimiser step (log scale), one line per (d, rep). */
export function tauSpec(results: readonly RunResult[]): TopLevelSpec {
  const values = results.flatMap((r) => r.tauSteps.map((step, i) => ({ step, tau: r.tau[i], d: r.outputDim, run: `d = ${r.outputDim}, rep ${r.rep}` })));
  return {
    $schema: SCHEMA, background: 'white', width: 420, height: 300, title: 'Convergence of the temperature', data: { values },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'optimiser step' },
      y: { field: 'tau', type: 'quantitative', title: 'temperature τ (log scale)', scale: { type: 'log', domain: tauDomain(results), nice: false } },
      color: { field: 'd', type: 'quantitative', title: 'd', scale: { scheme: 'viridis' } },
      detail: { field: 'run' },
    },
  } as unknown as TopLevelSpec;
}

/** Top-1 test retrieval accuracy (and the training-set top-k) against d. */
export function accuracySpec(summary: readonly SummaryRow[]): TopLevelSpec {
  const values = summary.flatMap((s) => [
    { d: s.d, series: 'out-of-sample (top-1 of test)', acc: s.test_acc_mean, low: s.test_acc_mean - s.test_acc_sd, high: s.test_acc_mean + s.test_acc_sd },
    { d: s.d, series: 'in-sample (top-⌊n / nₜₑₛₜ⌋ of train)', acc: s.train_acc_mean, low: s.train_acc_mean, high: s.train_acc_mean },
  ]);
  const x = { field: 'd', type: 'quantitative', title: 'output dimension d' } as const;
  const color = { field: 'series', type: 'nominal', title: null, legend: { orient: 'top', labelLimit: 400 } } as const;
  return {
    $schema: SCHEMA, background: 'white', width: 420, height: 300, title: 'Cross-modal retrieval accuracy', data: { values },
    layer: [
      { mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { field: 'low', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } }, y2: { field: 'high' }, color } },
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'acc', type: 'quantitative', title: 'accuracy' }, color } },
    ],
  } as unknown as TopLevelSpec;
}

/** Histograms of out-of-sample positive vs negative similarities for a few d (first repetition). */
export function similaritySpec(results: readonly RunResult[], dims: readonly number[], latentDim: number): TopLevelSpec {
  const picks = [...new Set([dims[0], dims.find((d) => d > latentDim) ?? dims[dims.length - 1], dims[dims.length - 1]])];
  const values = results
    .filter((r) => r.rep === 0 && picks.includes(r.outputDim))
    .flatMap((r) => r.histogram.positive.flatMap((p, b) => [
      { d: `d = ${r.outputDim}`, pair: 'positive ⟨f(xᵢ), g(yᵢ)⟩', x0: r.histogram.edges[b], x1: r.histogram.edges[b + 1], density: p },
      { d: `d = ${r.outputDim}`, pair: 'negative ⟨f(xᵢ), g(yⱼ)⟩, i ≠ j', x0: r.histogram.edges[b], x1: r.histogram.edges[b + 1], density: r.histogram.negative[b] },
    ]));
  return {
    $schema: SCHEMA, background: 'white', title: 'Out-of-sample similarities', data: { values },
    facet: { column: { field: 'd', type: 'nominal', title: null, sort: picks.map((d) => `d = ${d}`) } },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 240, height: 180,
      mark: { type: 'rect', opacity: 0.55 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: 'similarity' }, x2: { field: 'x1' },
        y: { field: 'density', type: 'quantitative', title: 'density', stack: null }, y2: { datum: 0 },
        color: { field: 'pair', type: 'nominal', title: null, legend: { orient: 'top', labelLimit: 400 } },
      },
    },
  } as unknown as TopLevelSpec;
}

