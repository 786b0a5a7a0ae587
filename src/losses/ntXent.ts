/**
 * NT-Xent (SimCLR, Chen et al. 2020, eq. 1): for each of the 2N views, a softmax over the 2N-1
 * other views of cos(z_i, z_j) / T whose target is the view's partner. Self-similarity is masked.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize, MASKED_LOGIT } from './normalize';

export interface ContrastiveLoss {
  loss: tf.Scalar;
  /** Mean cosine similarity of positive pairs. */
  posSim: tf.Scalar;
  /** Mean cosine similarity of negative pairs. */
  negSim: tf.Scalar;
  /** Mean of the positive logit (cos / T). */
  positiveLogit: tf.Scalar;
  /** Mean over anchors of the most similar negative's cosine (hardness). */
  topNegativeSim: tf.Scalar;
}

/** z1, z2: [N, D] projections of view 1 and view 2 (row i of both = image i). */
export function ntXentLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, temperature: number): ContrastiveLoss {
  const n = z1.shape[0];
  const z = l2Normalize(tf.concat([z1, z2], 0));              // [2N, D]
  const sim = tf.matMul(z, z, false, true);                    // [2N, 2N] cosine
  const self = tf.eye(2 * n);                                  // [2N, 2N]
  const logits = sim.div(temperature).add(self.mul(MASKED_LOGIT)); // self masked
  // Partner of row i is (i + N) mod 2N.
  const partnerIdx = tf.tensor1d(Array.from({ length: 2 * n }, (_, i) => (i + n) % (2 * n)), 'int32');
  const partner = tf.oneHot(partnerIdx, 2 * n).toFloat();      // [2N, 2N]
  const logProb = tf.logSoftmax(logits, 1);                    // [2N, 2N]
  const loss = tf.neg(tf.mean(tf.sum(logProb.mul(partner), 1))) as tf.Scalar;

  const posPerRow = tf.sum(sim.mul(partner), 1);               // [2N]
  const negMask = tf.onesLike(sim).sub(self).sub(partner);     // [2N, 2N]
  const negSum = tf.sum(sim.mul(negMask));
  const negCount = 2 * n * (2 * n - 2);
  const topNeg = tf.max(sim.mul(negMask).add(tf.onesLike(sim).sub(negMask).mul(-2)), 1); // [2N]
  return {
    loss,
    posSim: tf.mean(posPerRow) as tf.Scalar,
    negSim: negSum.div(Math.max(negCount, 1)) as tf.Scalar,
    positiveLogit: tf.mean(posPerRow).div(temperature) as tf.Scalar,
    topNegativeSim: tf.mean(topNeg) as tf.Scalar,
  };
}
