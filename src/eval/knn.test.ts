import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { accuracy, knnPredict } from './knn';

describe('weighted kNN', () => {
  it('matches a hand-worked example where the weights, not the counts, decide', async () => {
    // Query q = (1, 0). Bank: one class-1 item at angle 0 (cos 1) and two class-0 items at
    // cos 0.6. With k = 3, T = 0.1: class 1 weight e^10 = 22026; class 0 weight 2 e^6 = 807.
    // A majority vote would say class 0; temperature-weighted votes say class 1.
    const bank = tf.tensor2d([[1, 0], [0.6, 0.8], [0.6, -0.8], [-1, 0]]);
    const labels = tf.tensor1d([1, 0, 0, 2], 'int32');
    const queries = tf.tensor2d([[2, 0], [-3, 0.1]]);
    const pred = await knnPredict(bank, labels, queries, { k: 3, temperature: 0.1, numClasses: 3 }).data();
    expect(Array.from(pred)).toEqual([1, 2]);
    // With a high temperature the votes become counts: class 0 (two items) wins for q.
    const flat = await knnPredict(bank, labels, queries.slice([0, 0], [1, -1]), { k: 3, temperature: 100, numClasses: 3 }).data();
    expect(Array.from(flat)).toEqual([0]);
  });

  it('uses cosine similarity, not the dot product', async () => {
    // Query (0.3, 1): dot products 3 (class 0) vs 1 (class 1); cosines 0.29 vs 0.96.
    const bank = tf.tensor2d([[10, 0], [0, 1]]);
    const labels = tf.tensor1d([0, 1], 'int32');
    const pred = await knnPredict(bank, labels, tf.tensor2d([[0.3, 1]]), { k: 1, temperature: 0.07, numClasses: 2 }).data();
    expect(Array.from(pred)).toEqual([1]);
  });

  it('accuracy counts matches', () => {
    expect(accuracy([0, 1, 2, 2], [0, 1, 1, 2])).toBe(0.75);
  });
});
