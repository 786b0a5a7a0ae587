/**
 * CPC's InfoNCE (van den Oord et al. 2018, eq. 4) over a grid of encodings: rows are the direction
 * of prediction (image patches top to bottom, or a frame sequence as a grid with one column).
 * For every image, every row r, every column and every step k = 1..K: the prediction of z[r + k]
 * made from the context at r scores all N * R * C encodings of the batch (log-bilinear: a dot
 * product); the target is the true one. Every position and every step counts, equally.
 */
import * as tf from '@tensorflow/tfjs';

export interface CpcLoss {
  loss: tf.Scalar;
  /** Mean cosine of a prediction with its true encoding. */
  posSim: tf.Scalar;
  /** Mean cosine of a prediction with every other encoding of the batch. */
  negSim: tf.Scalar;
  /** Top-1 accuracy of the contrastive task (true encoding scored highest). */
  accuracy: tf.Scalar;
}

/**
 * z: [N, R, C, D] encodings. predictions[k - 1]: [N, R - k, C, D], the prediction of z[:, r + k]
 * from the context at row r, for r = 0..R-k-1.
 */
export function cpcInfoNce(z: tf.Tensor4D, predictions: tf.Tensor4D[]): CpcLoss {
  const [n, rows, cols, d] = z.shape;
  const all = z.reshape([n * rows * cols, d]);                                // [P, D], P = N R C
  const allUnit = all.div(tf.norm(all, 2, 1, true).add(1e-12));
  const logProbs: tf.Tensor1D[] = [], posCos: tf.Tensor1D[] = [], negCos: tf.Scalar[] = [], hits: tf.Tensor1D[] = [];
  let negCount = 0;
  predictions.forEach((pred, i) => {
    const k = i + 1;
    const m = n * (rows - k) * cols;
    if (m === 0) return;
    const p = pred.reshape([m, d]);                                           // [M, D]
    // Index of the true encoding z[b, r + k, c] in `all`, row-major over (b, r, c).
    const target = new Int32Array(m);
    for (let b = 0, t = 0; b < n; b++) for (let r = 0; r < rows - k; r++) for (let c = 0; c < cols; c++) target[t++] = (b * rows + r + k) * cols + c;
    const targetOneHot = tf.oneHot(tf.tensor1d(target, 'int32'), n * rows * cols).toFloat(); // [M, P]
    const logits = tf.matMul(p, all, false, true);                            // [M, P]
    logProbs.push(tf.sum(tf.logSoftmax(logits, 1).mul(targetOneHot), 1) as tf.Tensor1D);
    hits.push(tf.equal(tf.argMax(logits, 1), tf.tensor1d(target, 'int32')).toFloat() as tf.Tensor1D);
    const cos = tf.matMul(p.div(tf.norm(p, 2, 1, true).add(1e-12)), allUnit, false, true); // [M, P]
    const pos = tf.sum(cos.mul(targetOneHot), 1) as tf.Tensor1D;               // [M]
    posCos.push(pos);
    negCos.push(tf.sum(cos).sub(tf.sum(pos)) as tf.Scalar);
    negCount += m * (n * rows * cols - 1);
  });
  if (logProbs.length === 0) throw new Error(`CPC: a grid of ${rows} rows leaves nothing to predict`);
  return {
    loss: tf.neg(tf.mean(tf.concat(logProbs))) as tf.Scalar,
    posSim: tf.mean(tf.concat(posCos)) as tf.Scalar,
    negSim: tf.addN(negCos).div(negCount) as tf.Scalar,
    accuracy: tf.mean(tf.concat(hits)) as tf.Scalar,
  };
}
