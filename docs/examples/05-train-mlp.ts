/**
 * Train a two-layer MLP whose parameters are a pytree ({ hidden: { weight, bias }, output: { weight, bias } }):
 * valueAndGrad returns the gradient in the same structure, and treeMap applies the update leaf by leaf.
 *
 * Run: node --conditions=source --import tsx docs/examples/05-train-mlp.ts
 */
import {
  createStreams, gradcheck, linear, mean, mul, relu, square, sub, tensor, treeLeaves, treeMap, valueAndGrad, type Tensor,
} from '@mmcl/autodiff';

interface Layer { weight: Tensor; bias: Tensor }
interface Params { hidden: Layer; output: Layer }

// Regression target y = sin(x₀) + x₁² on 64 points in [−1, 1]²; the model is 2 → 16 → 1 with a ReLU.
const streams = createStreams(3);
const rows = 64;
const xs = streams.data.uniform(rows * 2).map((u) => 2 * u - 1);
const x = tensor(xs, [rows, 2]);
const y = tensor(Float64Array.from({ length: rows }, (_, i) => Math.sin(xs[2 * i]) + xs[2 * i + 1] ** 2), [rows, 1]);

const layer = (outputs: number, inputs: number): Layer => ({
  weight: tensor(streams.init.normal(outputs * inputs, 1 / Math.sqrt(inputs)), [outputs, inputs]),
  bias: tensor(new Float64Array(outputs), [outputs]),
});
let params: Params = { hidden: layer(16, 2), output: layer(1, 16) };

function loss(p: Params, inputs: Tensor, targets: Tensor): Tensor {
  const hidden = relu(linear(inputs, p.hidden.weight, p.hidden.bias)); // rows×16, x·Wᵀ + b as nn.Linear
  return mean(square(sub(linear(hidden, p.output.weight, p.output.bias), targets)));
}

// argnums: 0 differentiates the parameters only; grads has the structure of params.
const lossAndGrad = valueAndGrad(loss, { argnums: 0 });
const first = lossAndGrad(params, x, y).value;
let last = first;
for (let step = 0; step < 500; step++) {
  const { value, grads } = lossAndGrad(params, x, y);
  const flatGrads = treeLeaves(grads);
  params = treeMap(params, (leaf, k) => sub(leaf, mul(flatGrads[k], 0.1))); // plain gradient descent, lr = 0.1
  last = value;
}
console.log(`mean squared error: ${first.toFixed(4)} before, ${last.toFixed(4)} after 500 steps`);
console.log(`loss fell at least 10×: ${last < first / 10}`);

// The pytree gradient against finite differences: gradcheck sees the leaves as positional arguments.
const rebuild = (leaves: Tensor[]) => treeMap(params, (_leaf, k) => leaves[k]);
const check = gradcheck((...leaves) => loss(rebuild(leaves), x, y), treeLeaves(params));
console.log(`gradcheck over the pytree: ok=${check.ok} (${check.checked} directions, max relative error ${check.maxRelativeError.toExponential(1)})`);
if (!check.ok || !(last < first / 10)) process.exit(1);
