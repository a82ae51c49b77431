import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { generateInputs, resolveConfig, simulate } from '@mmcl/infomax';
const mode = (process.argv[2] ?? 'single') as 'single' | 'multi';
const engine = (process.argv[3] ?? 'reduced') as 'reduced' | 'dense';
const steps = Number(process.argv[4] ?? 400);
const out = process.argv[5];
const base = resolveConfig({ mode, steps, nTest: 4, probeTrainSize: 2, populationSamples: 0, evalEvery: steps, engine });
const inputs = generateInputs(base);
const go = (label: string) => { const c0 = process.cpuUsage(); const t0 = performance.now(); const r = simulate({ ...base }, { inputs }); const c = process.cpuUsage(c0); console.log(label, mode, engine, steps, (performance.now() - t0).toFixed(1), "ms wall", ((c.user + c.system) / 1000).toFixed(1), "ms cpu", r.loss[steps], r.first.rho[r.first.rho.length-1]); };
for (let rep = 0; rep < 3; rep++) go('warm');
if (out) {
  const s = new Session(); s.connect();
  const post = (m: string, p?: object) => new Promise<any>((res, rej) => s.post(m, p ?? {}, (e, r) => e ? rej(e) : res(r)));
  await post('Profiler.enable'); await post('Profiler.setSamplingInterval', { interval: 200 }); await post('Profiler.start');
  for (let rep = 0; rep < 3; rep++) go('prof');
  const { profile } = await post('Profiler.stop');
  writeFileSync(out, JSON.stringify(profile));
} else for (let rep = 0; rep < 3; rep++) go('time');
