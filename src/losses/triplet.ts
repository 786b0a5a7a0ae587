/**
 * Batch-hard triplet loss with a soft margin (Hermans, Beyer, Leibe 2017), as S4L-Exemplar uses
 * it: for each anchor the farthest view of the same instance and the nearest view of another
 * instance, loss softplus(d(a, p) - d(a, n)), Euclidean distance on L2-normalised embeddings.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './normalize';

export interface TripletLoss {
  loss: tf.Scalar;
  /** Mean cosine of pairs of the same instance (self excluded). */
  posSim: tf.Scalar;
  /** Mean cosine of pairs of different instances. */
  negSim: tf.Scalar;
  /** Fraction of anchors whose hardest positive is nearer than their hardest negative. */
  accuracy: tf.Scalar;
}

/** emb: [M, D] (normalised here); ids: [M] instance id of each row. */
export function batchHardTriplet(emb: tf.Tensor2D, ids: Int32Array): TripletLoss {
  const m = emb.shape[0];
  const same = new Float32Array(m * m), other = new Float32Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
    if (i !== j && ids[i] === ids[j]) same[i * m + j] = 1;
    if (ids[i] !== ids[j]) other[i * m + j] = 1;
  }
  const samePairs = same.reduce((a, b) => a + b, 0), otherPairs = other.reduce((a, b) => a + b, 0);
  const sameMask = tf.tensor2d(same, [m, m]), otherMask = tf.tensor2d(other, [m, m]);
  const e = l2Normalize(emb);
  const cos = tf.matMul(e, e, false, true);                           // [M, M]
  const dist = tf.sqrt(tf.relu(tf.scalar(2).sub(cos.mul(2))).add(1e-12));
  const hardPos = tf.max(dist.mul(sameMask), 1);                       // distances >= 0, so masked entries (0) never win
  const hardNeg = tf.min(dist.add(tf.onesLike(otherMask).sub(otherMask).mul(1e3)), 1);
  return {
    loss: tf.mean(tf.softplus(hardPos.sub(hardNeg))) as tf.Scalar,
    posSim: tf.sum(cos.mul(sameMask)).div(Math.max(1, samePairs)) as tf.Scalar,
    negSim: tf.sum(cos.mul(otherMask)).div(Math.max(1, otherPairs)) as tf.Scalar,
    accuracy: tf.mean(tf.less(hardPos, hardNeg).toFloat()) as tf.Scalar,
  };
}

/**
 * Instance id of each row when V views of B images are concatenated view by view
 * (tf.concat([view0, view1, ...]) with every view [B, ...]): row r shows image r mod B.
 * The S4L official code is suspected of swapping these two sizes; the test checks this layout.
 */
export function exemplarInstanceIds(images: number, views: number): Int32Array {
  return Int32Array.from({ length: images * views }, (_, r) => r % images);
}
