/**
 * MoCo's InfoNCE (He et al. 2020, eq. 1): logits [q.k+, q.queue] / T with the positive at index 0.
 * q and k are L2-normalised here; the queue holds normalised keys already.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './normalize';

export interface QueueContrastiveLoss {
  loss: tf.Scalar;
  posSim: tf.Scalar;
  negSim: tf.Scalar;
  /** Mean positive logit q.k+ / T. */
  positiveLogit: tf.Scalar;
  /** Mean queue logit q.queue / T. */
  queueLogit: tf.Scalar;
}

/**
 * q: [N, D] queries (gradient flows), k: [N, D] keys (no gradient: pass them computed outside
 * the optimizer's function), queue: [K, D] normalised keys of earlier batches.
 */
export function mocoInfoNceLoss(q: tf.Tensor2D, k: tf.Tensor2D, queue: tf.Tensor2D, temperature: number): QueueContrastiveLoss {
  const qn = l2Normalize(q);                                   // [N, D]
  const kn = l2Normalize(k);                                   // [N, D]
  const lPos = tf.sum(qn.mul(kn), 1, true);                    // [N, 1]
  const lNeg = tf.matMul(qn, queue, false, true);              // [N, K]
  const logits = tf.concat([lPos, lNeg], 1).div(temperature);  // [N, 1 + K]
  const logProb = tf.logSoftmax(logits, 1);
  const loss = tf.neg(tf.mean(logProb.slice([0, 0], [-1, 1]))) as tf.Scalar;
  return {
    loss,
    posSim: tf.mean(lPos) as tf.Scalar,
    negSim: tf.mean(lNeg) as tf.Scalar,
    positiveLogit: tf.mean(lPos).div(temperature) as tf.Scalar,
    queueLogit: tf.mean(lNeg).div(temperature) as tf.Scalar,
  };
}
