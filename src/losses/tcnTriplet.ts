/**
 * Time-Contrastive Networks triplet loss (Sermanet et al., ICRA 2018), the FaceNet form:
 * mean_i max(0, ||a_i - p_i||^2 - ||a_i - n_i||^2 + margin) on L2-normalised embeddings.
 * Multi-view: a = view i at time t, p = view j at t, n = view i at another time t'.
 * Single-view: p within pos_radius frames of a, n beyond neg_radius. Pairing is the caller's job.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize, MASKED_LOGIT } from './normalize';

/** Margin of the official TCN code, on squared distances between unit vectors (range [0, 4]). */
export const TCN_MARGIN = 0.2;

export interface TcnTripletLoss {
  loss: tf.Scalar;
  /** Mean cosine of anchor and positive. */
  posSim: tf.Scalar;
  /** Mean cosine of anchor and negative. */
  negSim: tf.Scalar;
  /** Fraction of triplets with d(a, p) < d(a, n). */
  accuracy: tf.Scalar;
  /** Fraction of triplets whose hinge is positive (the ones that still give gradient). */
  activeFraction: tf.Scalar;
}

/** Squared Euclidean distance of row i of x to row i of y: [N, D], [N, D] -> [N]. */
function rowSquaredDistance(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.squaredDifference(x, y), 1) as tf.Tensor1D;
}

/** Cosine of row i of x with row i of y, for unit rows: [N, D], [N, D] -> [N]. */
function rowDot(x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(x, y), 1) as tf.Tensor1D;
}

/** anchor, positive, negative: [N, D] raw embeddings (normalised here); triplet i is row i of each. */
export function tcnTripletLoss(
  anchor: tf.Tensor2D, positive: tf.Tensor2D, negative: tf.Tensor2D, margin: number = TCN_MARGIN,
): TcnTripletLoss {
  const a = l2Normalize(anchor), p = l2Normalize(positive), n = l2Normalize(negative);
  const posDistance = rowSquaredDistance(a, p);                    // [N]
  const negDistance = rowSquaredDistance(a, n);                    // [N]
  const hinge = tf.relu(posDistance.sub(negDistance).add(margin)); // [N]
  return {
    loss: tf.mean(hinge) as tf.Scalar,
    posSim: tf.mean(rowDot(a, p)) as tf.Scalar,
    negSim: tf.mean(rowDot(a, n)) as tf.Scalar,
    accuracy: tf.mean(tf.less(posDistance, negDistance).toFloat()) as tf.Scalar,
    activeFraction: tf.mean(tf.greater(hinge, 0).toFloat()) as tf.Scalar,
  };
}

/**
 * Multi-view N-pairs (InfoNCE) form of the TCN loss (the official code's npairs option, here on
 * L2-normalised embeddings with a temperature): for anchor i (view v at time t), the positive is its
 * own positive p_i (another view at t); the candidates are every positive of the batch and the
 * anchor's own negative n_i (its view at another time). Positives p_j of the same moment as i
 * (same scene, |t_j - t_i| < gap) are no negatives and are masked out.
 * anchor, positive, negative: [N, D] raw; sameMoment: [N, N] 1 where j != i is of i's moment.
 */
export function tcnNPairsLoss(
  anchor: tf.Tensor2D, positive: tf.Tensor2D, negative: tf.Tensor2D, sameMoment: tf.Tensor2D, temperature: number,
): tf.Scalar {
  const a = l2Normalize(anchor), p = l2Normalize(positive), n = l2Normalize(negative);
  const cross = tf.matMul(a, p, false, true);                                           // [N, N] a_i . p_j
  const masked = tf.where(tf.greater(sameMoment, 0), tf.fill(cross.shape, MASKED_LOGIT), cross.div(temperature));
  const own = rowDot(a, n).div(temperature).expandDims(1);                              // [N, 1] a_i . n_i
  const logProb = tf.logSoftmax(tf.concat([masked, own], 1), 1);                        // [N, N + 1]
  const count = anchor.shape[0];
  const diagonal = tf.oneHot(tf.range(0, count, 1, 'int32'), count + 1);              // the target p_i
  return tf.neg(tf.sum(logProb.mul(diagonal)).div(count)) as tf.Scalar;
}
