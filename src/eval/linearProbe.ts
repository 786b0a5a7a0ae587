/**
 * Linear probe on frozen features: multinomial logistic regression on standardised features,
 * full-batch Adam from zero weights (deterministic), trained on the labelled split's train part
 * and scored on its held-out part. Runs on the run's backend (raw pixels are 3072-D).
 */
import * as tf from '@tensorflow/tfjs';

export interface LinearProbeOptions {
  numClasses: number;
  iterations: number;
  learningRate: number;
  /** L2 penalty on the weights (mean over entries). */
  weightDecay: number;
}

export const LINEAR_PROBE_DEFAULTS = { iterations: 150, learningRate: 0.05, weightDecay: 1e-3 } as const;

/** trainX [N, D], trainY [N] int32, testX [M, D] -> predicted class [M] int32. */
export function linearProbePredict(trainX: tf.Tensor2D, trainY: tf.Tensor1D, testX: tf.Tensor2D, o: LinearProbeOptions): tf.Tensor1D {
  const dim = trainX.shape[1];
  const w = tf.variable(tf.zeros([dim, o.numClasses]), true, undefined);
  const b = tf.variable(tf.zeros([o.numClasses]), true, undefined);
  const optimizer = tf.train.adam(o.learningRate);
  try {
    const [x, target, xTest] = tf.tidy(() => {
      const { mean, variance } = tf.moments(trainX, 0);
      const std = tf.sqrt(variance).add(1e-6);
      return [trainX.sub(mean).div(std), tf.oneHot(trainY, o.numClasses).toFloat(), testX.sub(mean).div(std)];
    });
    for (let i = 0; i < o.iterations; i++) {
      tf.tidy(() => {
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(target, x.matMul(w).add(b)).add(tf.mean(tf.square(w)).mul(o.weightDecay)) as tf.Scalar, false, [w, b]);
      });
    }
    const predicted = tf.tidy(() => tf.argMax(xTest.matMul(w).add(b), 1) as tf.Tensor1D);
    tf.dispose([x, target, xTest]);
    return predicted;
  } finally {
    optimizer.dispose();
    w.dispose();
    b.dispose();
  }
}

/**
 * The same probe in plain JS, for low-dimensional features: on a GPU each of the ~30 small ops
 * per iteration costs a dispatch, which for 1,000 x 32 features takes longer than the arithmetic
 * here. Same standardisation, zero start, full-batch Adam and penalty as linearProbePredict.
 * trainX [n * dim], testX [m * dim] -> predicted class per test row.
 */
export function linearProbeJs(trainX: Float32Array, trainY: Int32Array, testX: Float32Array, dim: number, o: LinearProbeOptions): Int32Array {
  const n = trainY.length, m = testX.length / dim, c = o.numClasses;
  const mean = new Float64Array(dim), std = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k] += trainX[i * dim + k] / n;
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) std[k] += (trainX[i * dim + k] - mean[k]) ** 2 / n;
  for (let k = 0; k < dim; k++) std[k] = Math.sqrt(std[k]) + 1e-6;
  const standardise = (x: Float32Array, rows: number) => {
    const out = new Float64Array(rows * dim);
    for (let i = 0; i < rows; i++) for (let k = 0; k < dim; k++) out[i * dim + k] = (x[i * dim + k] - mean[k]) / std[k];
    return out;
  };
  const x = standardise(trainX, n), xt = standardise(testX, m);
  const params = new Float64Array(dim * c + c); // W [dim, c] then b [c]
  const grad = new Float64Array(params.length), m1 = new Float64Array(params.length), m2 = new Float64Array(params.length);
  const logits = new Float64Array(c);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-7];
  for (let t = 1; t <= o.iterations; t++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < c; j++) {
        let z = params[dim * c + j];
        for (let k = 0; k < dim; k++) z += x[i * dim + k] * params[k * c + j];
        logits[j] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let j = 0; j < c; j++) { logits[j] = Math.exp(logits[j] - max); sum += logits[j]; }
      for (let j = 0; j < c; j++) {
        const g = (logits[j] / sum - (trainY[i] === j ? 1 : 0)) / n;
        if (g === 0) continue;
        for (let k = 0; k < dim; k++) grad[k * c + j] += x[i * dim + k] * g;
        grad[dim * c + j] += g;
      }
    }
    for (let p = 0; p < dim * c; p++) grad[p] += (2 * o.weightDecay * params[p]) / (dim * c);
    const lr = (o.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    for (let p = 0; p < params.length; p++) {
      m1[p] = beta1 * m1[p] + (1 - beta1) * grad[p];
      m2[p] = beta2 * m2[p] + (1 - beta2) * grad[p] * grad[p];
      params[p] -= (lr * m1[p]) / (Math.sqrt(m2[p]) + eps);
    }
  }
  const predicted = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let best = -Infinity;
    for (let j = 0; j < c; j++) {
      let z = params[dim * c + j];
      for (let k = 0; k < dim; k++) z += xt[i * dim + k] * params[k * c + j];
      if (z > best) { best = z; predicted[i] = j; }
    }
  }
  return predicted;
}
