import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ntXentLoss } from './ntXent';
import { mocoInfoNceLoss } from './infoNce';

// Independent reference: plain JS, double loops, written from the papers' formulas.
const norm = (v: number[]) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const cos = (a: number[], b: number[]) => dot(norm(a), norm(b));

function ntXentByHand(z1: number[][], z2: number[][], t: number, maskSelf = true): number {
  const z = [...z1, ...z2];
  const n = z1.length;
  let total = 0;
  for (let i = 0; i < 2 * n; i++) {
    const partner = (i + n) % (2 * n);
    let denom = 0;
    for (let j = 0; j < 2 * n; j++) if (j !== i || !maskSelf) denom += Math.exp(cos(z[i], z[j]) / t);
    total += -Math.log(Math.exp(cos(z[i], z[partner]) / t) / denom);
  }
  return total / (2 * n);
}

function infoNceByHand(q: number[][], k: number[][], queue: number[][], t: number): number {
  let total = 0;
  for (let i = 0; i < q.length; i++) {
    const pos = Math.exp(cos(q[i], k[i]) / t);
    let denom = pos;
    for (const key of queue) denom += Math.exp(dot(norm(q[i]), key) / t);
    total += -Math.log(pos / denom);
  }
  return total / q.length;
}

const Z1 = [[1, 0.2, -0.5], [0.3, 0.9, 0.1], [-0.4, 0.2, 0.8]];
const Z2 = [[0.9, 0.1, -0.3], [0.5, 0.7, -0.2], [-0.1, -0.6, 0.9]];

describe('NT-Xent', () => {
  it('equals the hand computation with self-similarity masked', async () => {
    for (const t of [0.1, 0.5, 1]) {
      const r = ntXentLoss(tf.tensor2d(Z1), tf.tensor2d(Z2), t);
      const got = (await r.loss.data())[0];
      expect(got).toBeCloseTo(ntXentByHand(Z1, Z2, t), 4);
      // The unmasked variant (the lightning-bolts #695 bug) gives a different value.
      expect(Math.abs(got - ntXentByHand(Z1, Z2, t, false))).toBeGreaterThan(1e-3);
    }
  });

  it('reports mean positive and negative cosine similarity', async () => {
    const r = ntXentLoss(tf.tensor2d(Z1), tf.tensor2d(Z2), 0.5);
    const z = [...Z1, ...Z2];
    let pos = 0, neg = 0, negCount = 0;
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) {
      if (i === j) continue;
      if (j === (i + 3) % 6) pos += cos(z[i], z[j]);
      else { neg += cos(z[i], z[j]); negCount++; }
    }
    expect((await r.posSim.data())[0]).toBeCloseTo(pos / 6, 5);
    expect((await r.negSim.data())[0]).toBeCloseTo(neg / negCount, 5);
  });

  it('is low when views agree and differ from other images, high when all views are alike', async () => {
    const eye = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const good = (await ntXentLoss(tf.tensor2d(eye), tf.tensor2d(eye), 0.1).loss.data())[0];
    const same = [[1, 0, 0], [1, 0, 0], [1, 0, 0]];
    const collapsed = (await ntXentLoss(tf.tensor2d(same), tf.tensor2d(same), 0.1).loss.data())[0];
    expect(good).toBeLessThan(0.01);
    expect(collapsed).toBeCloseTo(Math.log(5), 4); // uniform over the 5 others
  });

  it('has finite gradients for a zero vector (no NaN from the norm)', async () => {
    const z1 = tf.tensor2d([[0, 0, 0], [1, 2, 3]]);
    const z2 = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
    const g = tf.grad((x: tf.Tensor) => ntXentLoss(x as tf.Tensor2D, z2, 0.5).loss)(z1);
    expect(Array.from(await g.data()).every(Number.isFinite)).toBe(true);
  });
});

describe('MoCo InfoNCE', () => {
  it('equals the hand computation, positive at index 0 against the queue', async () => {
    const queue = [[0.2, 0.1, 0.9], [-0.7, 0.3, 0.1], [0.1, -0.9, 0.4], [0.5, 0.5, 0.5]].map(norm);
    for (const t of [0.07, 0.2]) {
      const r = mocoInfoNceLoss(tf.tensor2d(Z1), tf.tensor2d(Z2), tf.tensor2d(queue), t);
      expect((await r.loss.data())[0]).toBeCloseTo(infoNceByHand(Z1, Z2, queue, t), 3);
    }
    const r = mocoInfoNceLoss(tf.tensor2d(Z1), tf.tensor2d(Z2), tf.tensor2d(queue), 0.2);
    const pos = Z1.reduce((s, q, i) => s + cos(q, Z2[i]), 0) / 3;
    expect((await r.posSim.data())[0]).toBeCloseTo(pos, 5);
    const neg = Z1.reduce((s, q) => s + queue.reduce((a, k) => a + dot(norm(q), k), 0), 0) / 12;
    expect((await r.negSim.data())[0]).toBeCloseTo(neg, 5);
  });
});
