/**
 * Differentiate a loss of your own and check the gradient against finite differences.
 *
 * Run: node --conditions=source --import tsx docs/examples/01-grad-and-gradcheck.ts
 * (in your own project, after `npm install @mmcl/autodiff`: node example.js)
 */
import { createStreams, gradcheck, logSoftmax, matmul, mean, mul, relu, sum, tensor, valueAndGrad, type Tensor } from '@mmcl/autodiff';

// A two-layer ReLU classifier's cross-entropy on a fixed batch: weights W1 (4×8), W2 (8×3), inputs X (5×4).
const streams = createStreams(7);
const X = tensor(streams.data.normal(5 * 4), [5, 4]);
const labels = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]]);

function loss(W1: Tensor, W2: Tensor): Tensor {
  const logits = matmul(relu(matmul(X, W1)), W2);
  // mean over the batch of −Σ_k y_k log p_k
  return mul(mean(sum(mul(labels, logSoftmax(logits, 1)), 1)), -1);
}

const W1 = tensor(streams.init.normal(4 * 8), [4, 8]);
const W2 = tensor(streams.init.normal(8 * 3), [8, 3]);

const { value, grads } = valueAndGrad(loss)(W1, W2);
console.log(`loss = ${value.toFixed(6)}; |dL/dW1| has ${grads[0].size} entries, |dL/dW2| has ${grads[1].size}`);

const check = gradcheck(loss, [W1, W2]);
console.log(`gradcheck: ok=${check.ok} mode=${check.mode} checked=${check.checked} skipped=${check.skipped} ` +
  `maxRelativeError=${check.maxRelativeError.toExponential(2)}`);
if (!check.ok) process.exit(1);
