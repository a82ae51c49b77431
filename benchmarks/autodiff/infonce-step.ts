/**
 * One dense InfoNCE forward+backward step at paper 1's shapes (Huang et al. 2024, spec §3.1–3.2, §7.1, §8.2):
 * a ReLU encoder W ∈ R^{50×2000} on n = 100 two-patch samples, patch-wise similarity with a stop-gradient on the
 * partner, one positive (the augmented view) and all opposite-label negatives per anchor, τ = 0.1.
 *
 * Three implementations of the same loss and gradient ∂L/∂W:
 * - autodiff: the loss written with @mmcl/autodiff ops, differentiated by valueAndGrad;
 * - hand-written: the closed-form gradient of spec §3.2/§8.2, on the same gemm kernel;
 * - hand-written, naive loops: the same code with the naive triple-loop matmul.
 * The script first checks that all three agree, then prints a Markdown table of median times and the autodiff
 * overhead ratio (target ≤ 1.20).
 *
 *   node --conditions=source --import tsx benchmarks/autodiff/infonce-step.ts [--reps 15] [--wall]
 */
import {
  Tensor, concat, createStreams, gemm, logsumexp, matmulNT, mean, median, mul, relu, reshape, stopGradient, sub, sum, add,
  valueAndGrad, where,
} from '@mmcl/autodiff';
import { naiveGemm } from '../../packages/autodiff/src/gemm.js';

const repsArg = process.argv.indexOf('--reps');
/**
 * Milliseconds of CPU time used by this process (default), or of wall-clock time with --wall. CPU time is the
 * default because the development machine is shared: time spent descheduled while others run is not ours.
 */
const wall = process.argv.includes('--wall');
const clock = wall ? () => performance.now() : () => process.cpuUsage().user / 1000;
const clockName = wall ? 'wall-clock' : 'CPU';
const reps = repsArg >= 0 ? Number(process.argv[repsArg + 1]) : 15;

const n = 100;
const d = 2000;
const m = 50;
const tau = 0.1;

// Data of spec §7.1: x = [yµ, ξ], µ = 5·e₁, ξ ~ N(0, I); augmented noise patch ξ + ϵ, ϵ ~ N(0, 0.01 I);
// W ~ N(0, 0.01²).
const streams = createStreams(0);
const labels = Float64Array.from({ length: n }, () => streams.data.sign());
const signal = new Float64Array(n * d);
for (let i = 0; i < n; i++) signal[i * d] = 5 * labels[i];
const noise = streams.data.normal(n * d);
const augmented = streams.augmentation.normal(n * d, 0.1);
for (let i = 0; i < n * d; i++) augmented[i] += noise[i];
const weights = streams.init.normal(m * d, 0.01);
/** negatives[i][j] = 1 when y_j ≠ y_i (spec §8.3 default). */
const negatives = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) negatives[i * n + j] = labels[i] !== labels[j] ? 1 : 0;

const X1 = new Tensor(signal, [n, d]);
const X2 = new Tensor(noise, [n, d]);
const X2hat = new Tensor(augmented, [n, d]);
const negativeMask = new Tensor(negatives, [n, n]);

/** The loss of spec §3.2 in autodiff ops. */
function infoNCE(W: Tensor): Tensor {
  const h1 = relu(matmulNT(X1, W)); // signal patch (identical in the augmented view)
  const h2 = relu(matmulNT(X2, W)); // noise patch
  const h2hat = relu(matmulNT(X2hat, W)); // augmented noise patch
  const scale = 1 / (m * tau);
  const positive = mul(sum(add(mul(h1, stopGradient(h1)), mul(h2, stopGradient(h2hat))), 1, true), scale); // n×1
  const similarity = mul(add(matmulNT(h1, stopGradient(h1)), matmulNT(h2, stopGradient(h2))), scale); // n×n
  const logits = concat([positive, where(negativeMask, similarity, -Infinity)], 1);
  return mean(sub(logsumexp(logits, 1), reshape(positive, [n])));
}

type Gemm = typeof gemm;

/** The same loss and its gradient written out by hand (spec §3.2: ∂L_i/∂F_0 = −(1 − ℓ'_i), ∂L_i/∂F_j = ℓ'_{i,j}). */
function handWritten(W: Float64Array, matmul: Gemm): { value: number; grad: Float64Array } {
  const z1 = matmul(false, true, n, m, d, signal, W, new Float64Array(n * m));
  const z2 = matmul(false, true, n, m, d, noise, W, new Float64Array(n * m));
  const z2hat = matmul(false, true, n, m, d, augmented, W, new Float64Array(n * m));
  const h1 = z1.map((v) => (v > 0 ? v : 0));
  const h2 = z2.map((v) => (v > 0 ? v : 0));
  const h2hat = z2hat.map((v) => (v > 0 ? v : 0));
  const scale = 1 / (m * tau);
  const similarity = matmul(false, true, n, n, m, h1, h1, new Float64Array(n * n));
  matmul(false, true, n, n, m, h2, h2, similarity, true);
  // probs[i][j]: softmax weight of negative j for anchor i, divided by n; positiveWeight[i] = (ℓ'_i − 1)/n.
  const probs = new Float64Array(n * n);
  const positiveWeight = new Float64Array(n);
  let value = 0;
  for (let i = 0; i < n; i++) {
    let positive = 0;
    for (let r = 0; r < m; r++) positive += h1[i * m + r] * h1[i * m + r] + h2[i * m + r] * h2hat[i * m + r];
    positive *= scale;
    let top = positive;
    for (let j = 0; j < n; j++) if (negatives[i * n + j]) top = Math.max(top, similarity[i * n + j] * scale);
    let total = Math.exp(positive - top);
    for (let j = 0; j < n; j++) if (negatives[i * n + j]) total += Math.exp(similarity[i * n + j] * scale - top);
    const lse = top + Math.log(total);
    value += (lse - positive) / n;
    positiveWeight[i] = (Math.exp(positive - lse) - 1) / n;
    for (let j = 0; j < n; j++) if (negatives[i * n + j]) probs[i * n + j] = Math.exp(similarity[i * n + j] * scale - lse) / n;
  }
  // ∂L/∂h (anchor side only: partners are stop-gradient constants).
  const dh1 = matmul(false, false, n, m, n, probs, h1, new Float64Array(n * m));
  const dh2 = matmul(false, false, n, m, n, probs, h2, new Float64Array(n * m));
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      const k = i * m + r;
      dh1[k] = z1[k] > 0 ? (dh1[k] + positiveWeight[i] * h1[k]) * scale : 0; // relu'(0) = 0
      dh2[k] = z2[k] > 0 ? (dh2[k] + positiveWeight[i] * h2hat[k]) * scale : 0;
    }
  }
  const grad = matmul(true, false, m, d, n, dh1, signal, new Float64Array(m * d));
  matmul(true, false, m, d, n, dh2, noise, grad, true);
  return { value, grad };
}

function maxRelativeDifference(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(a[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return diff / scale;
}

const autodiffStep = valueAndGrad(infoNCE);
const W = new Tensor(weights, [m, d]);

// Agreement first: a benchmark of a wrong gradient would be meaningless.
const auto = autodiffStep(W);
const hand = handWritten(weights, gemm);
const handNaive = handWritten(weights, naiveGemm);
const gradDifference = maxRelativeDifference(auto.grads[0].data, hand.grad);
const valueDifference = Math.abs(auto.value - hand.value) / Math.abs(hand.value);
if (!(gradDifference < 1e-12 && valueDifference < 1e-14) || maxRelativeDifference(hand.grad, handNaive.grad) !== 0) {
  throw new Error(`infonce-step: implementations disagree (gradient ${gradDifference}, value ${valueDifference})`);
}

// Interleave the implementations so load changes on the shared machine hit all of them alike.
const times = { autodiff: [] as number[], hand: [] as number[], naive: [] as number[] };
for (let r = 0; r < 3; r++) {
  autodiffStep(W);
  handWritten(weights, gemm);
}
for (let r = 0; r < reps; r++) {
  let t0 = clock();
  autodiffStep(W);
  times.autodiff.push(clock() - t0);
  t0 = clock();
  handWritten(weights, gemm);
  times.hand.push(clock() - t0);
  if (r < 3) {
    t0 = clock();
    handWritten(weights, naiveGemm);
    times.naive.push(clock() - t0);
  }
}
const [tAuto, tHand, tNaive] = [median(times.autodiff), median(times.hand), median(times.naive)];
const ratios = times.autodiff.map((t, i) => t / times.hand[i]);
console.log(`Dense InfoNCE forward+backward, paper-1 shapes (n=${n}, d=${d}, m=${m}, τ=${tau}, ${n} anchors, ~${n / 2} negatives each).`);
console.log(`Loss ${hand.value.toFixed(6)}; autodiff vs hand-written gradient: max relative difference ${gradDifference.toExponential(1)}.\n`);
console.log(`| implementation | median ms (${clockName} time) | vs hand-written (gemm) |`);
console.log('|---|---:|---:|');
console.log(`| autodiff (valueAndGrad) | ${tAuto.toFixed(1)} | ${(tAuto / tHand).toFixed(2)}× |`);
console.log(`| hand-written gradient, gemm | ${tHand.toFixed(1)} | 1.00× |`);
console.log(`| hand-written gradient, naive loops | ${tNaive.toFixed(1)} | ${(tNaive / tHand).toFixed(2)}× |`);
console.log(`\nAutodiff overhead: median of per-pair ratios ${median(ratios).toFixed(3)} over ${reps} interleaved pairs (target ≤ 1.20); naive: ${times.naive.length} samples.`);
