/**
 * Shuffle and Learn (Misra, Zitnick, Hebert, ECCV 2016): a classifier on three concatenated frame
 * features says whether the tuple is in temporal order; trained with binary cross-entropy.
 */
import * as tf from '@tensorflow/tfjs';

export interface OrderVerificationLoss {
  /** Mean binary cross-entropy of the logits against the in-order targets. */
  loss: tf.Scalar;
  /** Fraction of tuples where (logit > 0) matches the target. */
  accuracy: tf.Scalar;
}

/**
 * Per-element BCE with logits in the stable form max(x, 0) - x*y + log(1 + exp(-|x|)):
 * exp only ever sees non-positive arguments, so |x| = 50 or 500 stays finite (log(sigmoid(x))
 * would give log(0) = -Infinity). x, y: [N] -> [N].
 */
function binaryCrossEntropyWithLogits(x: tf.Tensor1D, y: tf.Tensor1D): tf.Tensor1D {
  return tf.relu(x).sub(x.mul(y)).add(tf.log1p(tf.exp(tf.neg(tf.abs(x))))) as tf.Tensor1D;
}

/** logits: [N] "in order" scores; target: [N] float, 1 = in order (b,c,d or d,c,b), 0 = shuffled. */
export function orderVerificationLoss(logits: tf.Tensor1D, target: tf.Tensor1D): OrderVerificationLoss {
  const y = target.toFloat();
  const predictedInOrder = tf.greater(logits, 0).toFloat();        // [N] 0/1
  return {
    loss: tf.mean(binaryCrossEntropyWithLogits(logits, y)) as tf.Scalar,
    accuracy: tf.mean(tf.equal(predictedInOrder, y).toFloat()) as tf.Scalar,
  };
}
