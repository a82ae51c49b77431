// The linear probe: multinomial logistic regression on frozen, standardised embeddings.
//
// Fitted on the training distribution only (training features, noisy training labels), by full-batch Adam on the
// mean cross-entropy plus an L2 penalty on the weights (not the bias), then evaluated unchanged on the test set.
import { add, logsumexp, matmul, mean, mul, square, sub, sum, tensor, valueAndGrad, type Tensor } from '@mmcl/autodiff';
import { DEFAULT_ADAM, adamStep, createAdamState } from '@mmcl/intrinsic';

/** Probe training settings. */
export interface ProbeConfig {
  readonly steps: number;
  readonly learningRate: number;
  readonly weightDecay: number;
}

/**
 * A fitted probe: per-feature standardisation, then logits = z·weights + bias over the 10 classes.
 * @category Evaluation
 */
export interface Probe {
  readonly featureMean: Float64Array;
  readonly featureScale: Float64Array;
  readonly weights: Tensor;
  readonly bias: Tensor;
}

const CLASSES = 10;

/** Features below this spread are left unscaled rather than blown up (a constant feature carries no information). */
const SCALE_FLOOR = 1e-8;

/** Per-column mean and 1/std of a rows×cols matrix (population std, floored). */
function columnStatistics(features: Float64Array, cols: number): { featureMean: Float64Array; featureScale: Float64Array } {
  const rows = features.length / cols;
  const featureMean = new Float64Array(cols);
  const featureScale = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) featureMean[c] += features[r * cols + c];
  for (let c = 0; c < cols; c++) featureMean[c] /= rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) featureScale[c] += (features[r * cols + c] - featureMean[c]) ** 2;
  }
  for (let c = 0; c < cols; c++) featureScale[c] = 1 / Math.max(Math.sqrt(featureScale[c] / rows), SCALE_FLOOR);
  return { featureMean, featureScale };
}

function standardise(probe: Pick<Probe, 'featureMean' | 'featureScale'>, features: Float64Array): Tensor {
  const cols = probe.featureMean.length;
  const out = new Float64Array(features.length);
  for (let k = 0; k < features.length; k++) out[k] = (features[k] - probe.featureMean[k % cols]) * probe.featureScale[k % cols];
  return tensor(out, [features.length / cols, cols]);
}

function oneHot(labels: Int32Array): Tensor {
  const values = new Float64Array(labels.length * CLASSES);
  for (let n = 0; n < labels.length; n++) values[n * CLASSES + labels[n]] = 1;
  return tensor(values, [labels.length, CLASSES]);
}

/** Fits the probe to rows of `features` (rows×cols, row-major) with integer `labels` in 0..9, from zero weights. */
export function fitProbe(features: Float64Array, cols: number, labels: Int32Array, config: ProbeConfig): Probe {
  const statistics = columnStatistics(features, cols);
  const inputs = standardise(statistics, features);
  const targets = oneHot(labels);
  const count = labels.length;
  const parameters = [tensor(new Float64Array(cols * CLASSES), [cols, CLASSES]), tensor(new Float64Array(CLASSES), [CLASSES])];
  const objective = valueAndGrad((weights: Tensor, bias: Tensor) => {
    const logits = add(matmul(inputs, weights), bias);
    const crossEntropy = sub(mean(logsumexp(logits, 1)), mul(sum(mul(logits, targets)), 1 / count));
    return add(crossEntropy, mul(sum(square(weights)), config.weightDecay / 2));
  });
  const adam = parameters.map((p) => createAdamState(p.size));
  // The L2 penalty is part of the objective (weights only), so Adam's own coupled decay is off.
  const options = { ...DEFAULT_ADAM, learningRate: config.learningRate, weightDecay: 0 };
  for (let step = 0; step < config.steps; step++) {
    const { grads } = objective(parameters[0], parameters[1]);
    parameters.forEach((p, k) => adamStep(p.data, grads[k].data, adam[k], options));
  }
  return { ...statistics, weights: parameters[0], bias: parameters[1] };
}

/** The predicted class (arg-max logit, lowest class on ties) of every row of `features`. */
export function probePredict(probe: Probe, features: Float64Array): Int32Array {
  const logits = add(matmul(standardise(probe, features), probe.weights), probe.bias).data;
  const predictions = new Int32Array(logits.length / CLASSES);
  for (let n = 0; n < predictions.length; n++) {
    let best = 0;
    for (let c = 1; c < CLASSES; c++) if (logits[n * CLASSES + c] > logits[n * CLASSES + best]) best = c;
    predictions[n] = best;
  }
  return predictions;
}

/** Fraction of rows whose predicted class equals the label. */
export function probeAccuracy(probe: Probe, features: Float64Array, labels: Int32Array): number {
  const predictions = probePredict(probe, features);
  let correct = 0;
  for (let n = 0; n < labels.length; n++) if (predictions[n] === labels[n]) correct += 1;
  return correct / labels.length;
}
