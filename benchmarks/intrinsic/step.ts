/**
 * Times one training step of the paper-2 synthetic setting (spec §10): both MLP encoders 20→50→50→50→d on a batch
 * of B = 256 pairs plus the 2 000-row reference set (forwarded and back-propagated every step, as the authors'
 * code does), the symmetric InfoNCE with learned τ, and the Adam update of every parameter.
 *
 *   node --conditions=source --import tsx benchmarks/intrinsic/step.ts [--d 10] [--reps 30] [--reference 2000]
 *
 * Prints the median and quartiles of the step time and a breakdown (forward+loss+backward vs Adam), for the autodiff
 * step of @mmcl/intrinsic, for the hand-fused step it replaced (./hand-fused) and for the autodiff step with g̃ on a
 * worker thread (`threads: 2`), alternated. The PyTorch
 * float64 comparison from identical weights (loss after k steps to 1e-9, and the time ratio) is the benchmarks
 * harness's paper-2 case (benchmarks/cases/paper2.ts, `npm run bench -- --only paper2`), which calls trainSteps.
 * Numbers are noisy on a shared machine: compare ratios measured in the same run.
 */
import { parseArgs } from 'node:util';
import { createStreams } from '@mmcl/autodiff';
import { ContrastiveStep, adamStep, createAdamState, generatePairs, initModel, resolveStepConfig } from '@mmcl/intrinsic';
import { modelView, trainSteps } from '@mmcl/intrinsic/internal';
import { HandFusedStep } from './hand-fused/step.js';

const { values } = parseArgs({ options: { d: { type: 'string', default: '10' }, reps: { type: 'string', default: '30' }, reference: { type: 'string', default: '2000' } } });
const outputDim = Number(values.d);
const reps = Number(values.reps);
const referenceRows = Number(values.reference);
const B = 256;

const streams = createStreams(2024);
const data = generatePairs({ link: 'linear', rows: B + referenceRows }, streams.data);
const config = resolveStepConfig();
const model = initModel({ inputX: 20, inputY: 20, outputDim, hidden: [50, 50, 50] }, (n) => streams.init.uniform(n), 0);
const reference = { x: data.x.subarray(B * 20), y: data.y.subarray(B * 20), rows: referenceRows };
const fusedModel = modelView(model.shape);
fusedModel.parameters.set(model.parameters);
const twoThreadModel = modelView(model.shape);
twoThreadModel.parameters.set(model.parameters);
const sides = [
  { name: 'autodiff', step: new ContrastiveStep(model, config, B, reference), adam: createAdamState(model.parameters.length), compute: [] as number[], update: [] as number[] },
  { name: 'hand-fused', step: new HandFusedStep(fusedModel, config, B, reference), adam: createAdamState(model.parameters.length), compute: [] as number[], update: [] as number[] },
  { name: '2 threads', step: new ContrastiveStep(twoThreadModel, config, B, reference, { threads: 2 }), adam: createAdamState(model.parameters.length), compute: [] as number[], update: [] as number[] },
];

function quartiles(times: number[]): [number, number, number] {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
  return [at(0.25), at(0.5), at(0.75)];
}

for (let r = 0; r < reps + 5; r++) {
  for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
    const t0 = performance.now();
    side.step.compute(data.x, data.y);
    const t1 = performance.now();
    adamStep(side.step.model.parameters, side.step.gradient, side.adam, config.adam);
    const t2 = performance.now();
    if (r >= 5) {
      side.compute.push(t1 - t0);
      side.update.push(t2 - t1);
    }
  }
}
const macs = 2 * (B + referenceRows) * (20 * 50 + 50 * 50 * 2 + 50 * outputDim) * 3;
console.log(`one training step, B = ${B}, reference ${referenceRows} rows, d = ${outputDim}, ${model.parameters.length} parameters`);
const medians: number[] = [];
for (const side of sides) {
  const [q1, median, q3] = quartiles(side.compute.map((c, i) => c + side.update[i]));
  medians.push(median);
  console.log(`  ${side.name.padEnd(10)} step: median ${median.toFixed(2)} ms (IQR ${q1.toFixed(2)}–${q3.toFixed(2)}), ≈ ${((2 * macs) / (median * 1e6)).toFixed(2)} GFLOP/s in the MLP matrix products;` +
    ` forward + loss + backward ${quartiles(side.compute)[1].toFixed(2)} ms, Adam ${quartiles(side.update)[1].toFixed(3)} ms`);
}
console.log(`  autodiff / hand-fused: ${(medians[0] / medians[1]).toFixed(3)}×; two threads / one: ${(medians[2] / medians[0]).toFixed(3)}×`);
(sides[2].step as ContrastiveStep).close();

// trainSteps as the PyTorch comparison calls it (includes copying weights and allocating buffers).
const layers = (mlp: typeof model.f) => mlp.layers.map((l) => ({ weight: l.weight, bias: l.bias }));
const t0 = performance.now();
const out = trainSteps({ weights: { f: layers(model.f), g: layers(model.g) }, data: { x: data.x.subarray(0, B * 20), y: data.y.subarray(0, B * 20), referenceX: reference.x, referenceY: reference.y }, steps: 5 });
console.log(`  trainSteps, 5 steps: ${((performance.now() - t0) / 5).toFixed(2)} ms per step (losses ${out.losses.map((l) => l.toFixed(6)).join(', ')})`);
