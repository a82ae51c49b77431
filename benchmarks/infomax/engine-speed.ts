/**
 * Reduced vs dense engine speed on the Figure-1 configuration (spec §7.1), split into set-up (Gram matrices or
 * least-squares basis) and the 200 GD steps, in process CPU time (robust on a shared machine) and wall time. Data
 * generation is excluded (both engines share it). Reduced runs come before and after the dense run; medians.
 * Usage: node --conditions=source --import tsx benchmarks/infomax/engine-speed.ts [steps]
 */
import { generateInputs, resolveConfig, type InfomaxConfig, type InfomaxInputs } from '@mmcl/infomax';
import { createDenseEngine, createReducedEngine, type EngineRun } from '@mmcl/infomax/internal';
import { median } from '../harness/stats.js';

const steps = Number(process.argv[2] ?? 200);

function clock() {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return () => {
    const c = process.cpuUsage(cpu);
    return { cpu: (c.user + c.system) / 1000, wall: performance.now() - wall };
  };
}

function time(create: (c: InfomaxConfig, x: InfomaxInputs) => EngineRun, config: InfomaxConfig, inputs: InfomaxInputs) {
  const setupClock = clock();
  const run = create(config, inputs);
  const setup = setupClock();
  const stepClock = clock();
  for (let t = 0; t <= steps; t++) run.step(t, t < steps);
  return { setup, steps: stepClock() };
}

const round = (x: number) => Math.round(x);
for (const mode of ['single', 'multi'] as const) {
  const config = resolveConfig({ mode, steps, populationSamples: 0 });
  const inputs = generateInputs(config);
  const reduced = [time(createReducedEngine, config, inputs)];
  const dense = time(createDenseEngine, config, inputs);
  reduced.push(time(createReducedEngine, config, inputs), time(createReducedEngine, config, inputs));
  const r = {
    setupCpu: median(reduced.map((x) => x.setup.cpu)), stepsCpu: median(reduced.map((x) => x.steps.cpu)),
    setupWall: median(reduced.map((x) => x.setup.wall)), stepsWall: median(reduced.map((x) => x.steps.wall)),
  };
  console.log(JSON.stringify({
    mode, steps,
    denseMs: { setupCpu: round(dense.setup.cpu), stepsCpu: round(dense.steps.cpu), setupWall: round(dense.setup.wall), stepsWall: round(dense.steps.wall) },
    reducedMs: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])),
    cpuRatioSteps: +(dense.steps.cpu / r.stepsCpu).toFixed(1),
    cpuRatioTotal: +((dense.setup.cpu + dense.steps.cpu) / (r.setupCpu + r.stepsCpu)).toFixed(1),
    wallRatioTotal: +((dense.setup.wall + dense.steps.wall) / (r.setupWall + r.stepsWall)).toFixed(1),
  }));
}
