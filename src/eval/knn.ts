/**
 * Weighted kNN classifier on frozen features (Wu et al. 2018; the solo-learn / lightly protocol):
 * cosine similarity, the k most similar bank items vote with weight exp(sim / T).
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../losses/normalize';

export interface KnnOptions {
  k: number;
  temperature: number;
  numClasses: number;
}
export { KNN_DEFAULTS } from './types';

/**
 * bank: [M, D] features, bankLabels: [M] int32, queries: [Q, D] -> predicted class [Q] int32.
 */
export function knnPredict(bank: tf.Tensor2D, bankLabels: tf.Tensor1D, queries: tf.Tensor2D, o: KnnOptions): tf.Tensor1D {
  return tf.tidy(() => {
    const k = Math.min(o.k, bank.shape[0]);
    const sims = tf.matMul(l2Normalize(queries), l2Normalize(bank), false, true); // [Q, M]
    const { values, indices } = tf.topk(sims, k);                                  // [Q, k]
    const neighbourLabels = tf.gather(bankLabels, indices.flatten()).reshape([-1, k]); // [Q, k]
    const weights = tf.exp(values.div(o.temperature));                             // [Q, k]
    const votes = tf.sum(tf.oneHot(neighbourLabels as tf.Tensor2D, o.numClasses).toFloat().mul(weights.expandDims(2)), 1); // [Q, C]
    return tf.argMax(votes, 1) as tf.Tensor1D;
  });
}

/** Fraction of predictions equal to labels. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let hit = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hit++;
  return labels.length ? hit / labels.length : 0;
}
