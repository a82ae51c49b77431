/**
 * Scaling of mmcl's time per GD step with n, d and m, for the dense and the reduced engine, around the Figure-1
 * configuration (single-modal). Expected: dense O(m·n·d); reduced O(m·n²) once the Gram matrices are built,
 * i.e. flat in d. The per-step time is the difference of two run lengths divided by the extra steps, so
 * data generation, Gram precomputation and the probe cancel out. Log-log slopes are fitted per axis, and the
 * plot is written as SVG with the CLI's Vega-Lite renderer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { generateInputs, resolveConfig, simulate, type InfomaxConfig } from '@mmcl/infomax';
import { renderSvg } from '../../packages/cli/src/plots/render.js';
import { leastSquaresSlope, median, timed } from '../harness/stats.js';

type Axis = 'n' | 'd' | 'm';
type Engine = 'dense' | 'reduced';
const BASE = { d: 2000, n: 100, m: 50 };
const EXPECTED: Record<Engine, Record<Axis, number>> = { dense: { n: 1, d: 1, m: 1 }, reduced: { n: 2, d: 0, m: 1 } };

interface Point { engine: Engine; axis: Axis; value: number; msPerStep: number }

async function msPerStep(engine: Engine, shape: { d: number; n: number; m: number }, reps: number): Promise<number> {
  // Enough extra steps that their time dominates the run-to-run noise of the set-up (up to ~1 s at d = 8000).
  const [short, long] = engine === 'dense' ? [1, 5] : [20, 320];
  const config = (steps: number): InfomaxConfig => resolveConfig({ ...shape, steps, engine, mode: 'single', populationSamples: 0, evalEvery: steps });
  const inputs = generateInputs(config(short));
  const perStep: number[] = [];
  for (let r = 0; r < reps; r++) {
    const shortMs = (await timed(() => simulate(config(short), { inputs }))).ms;
    const longMs = (await timed(() => simulate(config(long), { inputs }))).ms;
    perStep.push((longMs - shortMs) / (long - short)); // paired: the two runs of one repetition back to back
  }
  return Math.max(0, median(perStep));
}

/** Least-squares slope of log(time) against log(value). */
function slope(points: Point[]): number {
  return leastSquaresSlope(points.map((p) => Math.log(p.value)), points.map((p) => Math.log(Math.max(p.msPerStep, 1e-6))));
}

function chart(points: Point[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'mmcl time per GD step (single-modal; other sizes at d = 2000, n = 100, m = 50)',
    data: { values: points.map((p) => ({ ...p, axis: `varying ${p.axis}` })) },
    facet: { column: { field: 'axis', type: 'nominal', title: null, sort: ['varying n', 'varying d', 'varying m'] } },
    spec: {
      width: 220,
      height: 200,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'value', type: 'quantitative', scale: { type: 'log', nice: false }, title: 'size (n, d or m)' },
        y: { field: 'msPerStep', type: 'quantitative', scale: { type: 'log' }, title: 'ms per step' },
        color: { field: 'engine', type: 'nominal', title: 'engine' },
      },
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}

export async function runScaling(svgPath: string, quick: boolean): Promise<string> {
  const grids: Record<Axis, number[]> = quick
    ? { n: [50, 100, 200], d: [1000, 2000, 4000], m: [25, 50, 100] }
    : { n: [50, 100, 200, 400], d: [1000, 2000, 4000, 8000], m: [25, 50, 100, 200] };
  const reps = quick ? 1 : 3;
  const points: Point[] = [];
  for (const engine of ['reduced', 'dense'] as const) {
    for (const axis of ['n', 'd', 'm'] as const) {
      for (const value of grids[axis]) {
        const shape = { ...BASE, [axis]: value };
        const ms = await msPerStep(engine, shape, reps);
        points.push({ engine, axis, value, msPerStep: ms });
        process.stdout.write(`  ${engine} ${axis} = ${value}: ${ms.toFixed(3)} ms/step\n`);
      }
    }
  }
  mkdirSync(dirname(svgPath), { recursive: true });
  writeFileSync(svgPath, await renderSvg(chart(points)));
  const rows = ['| engine | axis | sizes | ms per step | fitted log-log slope | expected |', '|---|---|---|---|---:|---:|'];
  for (const engine of ['dense', 'reduced'] as const) {
    for (const axis of ['n', 'd', 'm'] as const) {
      const mine = points.filter((p) => p.engine === engine && p.axis === axis);
      rows.push(`| ${engine} | ${axis} | ${mine.map((p) => p.value).join(', ')} | ${mine.map((p) => p.msPerStep.toFixed(2)).join(', ')} | ` +
        `${slope(mine).toFixed(2)} | ${EXPECTED[engine][axis]} |`);
    }
  }
  return `${rows.join('\n')}\n\nPlot: ${svgPath.split('/').slice(-2).join('/')} (per-step time = (long run − short run) / extra steps, paired within a repetition, median of ${reps}; short/long = 1/5 steps dense, 20/320 reduced).`;
}
