/**
 * The losses of the image methods against independent plain-JS computations written from the
 * papers' formulas (double loops, no tfjs), and the pitfalls METHODS.md names.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cpcInfoNce } from './cpc';
import { dimLoss, priorDiscriminatorLoss, priorEncoderLoss, type DimEstimator } from './dim';
import { batchHardTriplet, exemplarInstanceIds } from './triplet';
import { aggregatedLogits, jointLabels, singleLogits, unrotatedRows } from './sla';
import { distillationKl, maskedCrossEntropy, softmaxCrossEntropy } from './classification';
import { stopGradient } from './stopGradient';
import { interleavedRotations, rot90 } from '../augment/rotate';
import { createRng } from '../shared/rng';

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const softplus = (x: number) => Math.log1p(Math.exp(x));
const logSumExp = (v: number[]) => { const m = Math.max(...v); return m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0)); };
const randomArray = (rng: ReturnType<typeof createRng>, ...shape: number[]): number[] => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1));

describe('CPC InfoNCE', () => {
  // z[b][r][c] (D = 3), 2 images, 4 rows, 2 columns; predictions for k = 1, 2.
  const rng = createRng(11);
  const [N, R, C, D] = [2, 4, 2, 3];
  const z = randomArray(rng, N, R, C, D);
  const preds = [randomArray(rng, N, R - 1, C, D), randomArray(rng, N, R - 2, C, D)];
  const zAt = (b: number, r: number, c: number) => z.slice(((b * R + r) * C + c) * D, ((b * R + r) * C + c + 1) * D);

  /** Every (image, row, column, k) term; negatives are all other patches of the batch. */
  function byHand(): number {
    const terms: number[] = [];
    preds.forEach((pk, i) => {
      const k = i + 1;
      for (let b = 0; b < N; b++) for (let r = 0; r < R - k; r++) for (let c = 0; c < C; c++) {
        const p = pk.slice(((b * (R - k) + r) * C + c) * D, ((b * (R - k) + r) * C + c + 1) * D);
        const scores: number[] = [];
        for (let b2 = 0; b2 < N; b2++) for (let r2 = 0; r2 < R; r2++) for (let c2 = 0; c2 < C; c2++) scores.push(dot(p, zAt(b2, r2, c2)));
        terms.push(-(dot(p, zAt(b, r + k, c)) - logSumExp(scores)));
      }
    });
    expect(terms.length).toBe(N * C * ((R - 1) + (R - 2))); // every position, every step ahead
    return terms.reduce((s, x) => s + x, 0) / terms.length;
  }

  it('equals the hand computation over every position and every step ahead', async () => {
    const r = cpcInfoNce(tf.tensor4d(z, [N, R, C, D]), [tf.tensor4d(preds[0], [N, R - 1, C, D]), tf.tensor4d(preds[1], [N, R - 2, C, D])]);
    expect((await r.loss.data())[0]).toBeCloseTo(byHand(), 4);
  });

  it('differs from the one-random-step variant (jefflai108 CPC #21): the loss uses k = 2 too', async () => {
    const onlyK1 = cpcInfoNce(tf.tensor4d(z, [N, R, C, D]), [tf.tensor4d(preds[0], [N, R - 1, C, D])]);
    expect(Math.abs((await onlyK1.loss.data())[0] - byHand())).toBeGreaterThan(1e-3);
  });

  it('works on a frame sequence (a grid with one column)', async () => {
    const seq = tf.tensor4d([1, 0, 0, 1, 1, 0, 0, 1], [1, 4, 1, 2]);
    const perfect = tf.tensor4d([0, 10, 10, 0, 0, 10], [1, 3, 1, 2]); // predicts z[t + 1] exactly (scaled)
    const r = cpcInfoNce(seq, [perfect]);
    expect((await r.accuracy.data())[0]).toBeGreaterThan(0); // ties between equal frames allowed
    expect((await r.loss.data())[0]).toBeLessThan(Math.log(4));
  });
});

describe('Deep InfoMax estimators', () => {
  const rng = createRng(5);
  const [N, P] = [3, 4];
  const u = randomArray(rng, N, N, P).map((x) => 3 * x);
  const at = (i: number, j: number, p: number) => u[(i * N + j) * P + p];

  function byHand(estimator: DimEstimator, maskDiagonal = true): number {
    const pos: number[] = [], neg: number[] = [];
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) for (let p = 0; p < P; p++) {
      if (i === j) pos.push(at(i, j, p));
      if (i !== j || !maskDiagonal) neg.push(at(i, j, p));
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    if (estimator === 'jsd') return mean(neg.map((x) => softplus(x) - Math.LN2)) - mean(pos.map((x) => Math.LN2 - softplus(-x)));
    if (estimator === 'dv') return logSumExp(neg) - Math.log(neg.length) - mean(pos);
    // InfoNCE: local p of image i with global i, against global i with every local of other images.
    const terms: number[] = [];
    for (let i = 0; i < N; i++) for (let p = 0; p < P; p++) {
      const negatives: number[] = [];
      for (let j = 0; j < N; j++) for (let q = 0; q < P; q++) if (j !== i || !maskDiagonal) negatives.push(at(i, j, q));
      terms.push(-(at(i, i, p) - logSumExp([at(i, i, p), ...negatives])));
    }
    return mean(terms);
  }

  for (const estimator of ['jsd', 'infonce', 'dv'] as const) {
    it(`${estimator}: equals the hand computation with the positives masked out of the negatives`, async () => {
      const got = (await dimLoss(tf.tensor3d(u, [N, N, P]), estimator).data())[0];
      expect(got).toBeCloseTo(byHand(estimator), 4);
      expect(Math.abs(got - byHand(estimator, false))).toBeGreaterThan(1e-3); // the unmasked variant differs
    });
  }

  it('prior matching: discriminator and encoder terms are the GAN log-losses', async () => {
    const d = [0.5, -1.2, 2];
    const e = [-0.3, 0.8, 0.1];
    const disc = (await priorDiscriminatorLoss(tf.tensor1d(d), tf.tensor1d(e)).data())[0];
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const handDisc = -d.reduce((s, x) => s + Math.log(sig(x)), 0) / 3 - e.reduce((s, x) => s + Math.log(1 - sig(x)), 0) / 3;
    expect(disc).toBeCloseTo(handDisc, 5);
    expect((await priorEncoderLoss(tf.tensor1d(e)).data())[0]).toBeCloseTo(-e.reduce((s, x) => s + Math.log(sig(x)), 0) / 3, 5);
  });
});

describe('S4L-Exemplar batch-hard triplet', () => {
  it('equals the hand computation (hardest positive, hardest negative, soft margin)', async () => {
    const rng = createRng(9);
    const [B, V, D] = [3, 2, 4];
    const emb = randomArray(rng, B * V, D);
    const ids = exemplarInstanceIds(B, V);
    const row = (r: number) => { const v = emb.slice(r * D, (r + 1) * D); const n = Math.hypot(...v); return v.map((x) => x / n); };
    const dist = (a: number, b: number) => Math.hypot(...row(a).map((x, i) => x - row(b)[i]));
    let total = 0;
    for (let a = 0; a < B * V; a++) {
      let hp = 0, hn = Infinity;
      for (let b = 0; b < B * V; b++) {
        if (b !== a && ids[b] === ids[a]) hp = Math.max(hp, dist(a, b));
        if (ids[b] !== ids[a]) hn = Math.min(hn, dist(a, b));
      }
      total += softplus(hp - hn);
    }
    const r = batchHardTriplet(tf.tensor2d(emb, [B * V, D]), ids);
    expect((await r.loss.data())[0]).toBeCloseTo(total / (B * V), 4);
  });

  it('identity layout: views concatenated view by view put image r mod B in row r (not r div V)', async () => {
    // Three distinct constant "images", two views each, concatenated as the method does.
    const images = tf.tensor4d([0.1, 0.5, 0.9].flatMap((v) => Array(4 * 3).fill(v)), [3, 2, 2, 3]);
    const rows = await tf.concat([images, images], 0).mean([1, 2, 3]).data();
    const ids = exemplarInstanceIds(3, 2);
    expect(Array.from(ids)).toEqual([0, 1, 2, 0, 1, 2]);
    for (let r = 0; r < 6; r++) for (let s = 0; s < 6; s++) expect(ids[r] === ids[s]).toBe(Math.abs(rows[r] - rows[s]) < 1e-6);
  });
});

describe('SLA', () => {
  it('joint labels follow the interleaved rows: image i, rotation j -> y_i * 4 + j', async () => {
    expect(Array.from(await jointLabels(tf.tensor1d([2, 0], 'int32'), 4).data())).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
  });

  it('aggregation averages z[(y, j)] of the input rotated by j; single reads (y, 0) of the unrotated input', async () => {
    const [N, C, M] = [2, 3, 4];
    const rng = createRng(3);
    const z = randomArray(rng, N * M, C * M);
    const agg = await aggregatedLogits(tf.tensor2d(z, [N * M, C * M]), C, M).array();
    const single = await singleLogits(tf.tensor2d(z, [N * M, C * M]), C, M).array();
    for (let i = 0; i < N; i++) for (let y = 0; y < C; y++) {
      let s = 0;
      for (let j = 0; j < M; j++) s += z[(i * M + j) * C * M + y * M + j];
      expect(agg[i][y]).toBeCloseTo(s / M, 5);
      expect(single[i][y]).toBeCloseTo(z[(i * M) * C * M + y * M], 5);
    }
  });

  it('rotations are interleaved per image; unrotatedRows picks rows 0, 4, 8...', async () => {
    const images = tf.tensor4d(Array.from({ length: 2 * 9 * 1 }, (_, i) => i), [2, 3, 3, 1]);
    const r = interleavedRotations(images);
    expect(r.shape).toEqual([8, 3, 3, 1]);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 4; j++) {
      const expected = await rot90(images.slice([i, 0, 0, 0], [1, -1, -1, -1]), j).data();
      expect(Array.from(await r.slice([i * 4 + j, 0, 0, 0], [1, -1, -1, -1]).data())).toEqual(Array.from(expected));
    }
    expect(Array.from(await unrotatedRows(r, 4).data())).toEqual(Array.from(await images.data()));
    // Four quarter turns are the identity; one turn moves the top-left pixel to the bottom-left.
    expect(Array.from(await rot90(rot90(rot90(rot90(images, 1), 1), 1), 1).data())).toEqual(Array.from(await images.data()));
    expect((await rot90(images, 1).array())[0][2][0][0]).toBe(0);
  });

  it('distillation KL equals T^2 sum p_t log(p_t / p_s), and the teacher gets no gradient', async () => {
    const t = [[1, 2, 0.5]], s = [[0.2, 0.1, 1.5]];
    const T = 2;
    const soft = (v: number[]) => { const e = v.map((x) => Math.exp(x / T)); const z = e.reduce((a, b) => a + b); return e.map((x) => x / z); };
    const [pt, ps] = [soft(t[0]), soft(s[0])];
    const hand = T * T * pt.reduce((acc, p, i) => acc + p * Math.log(p / ps[i]), 0);
    expect((await distillationKl(tf.tensor2d(t), tf.tensor2d(s), T).data())[0]).toBeCloseTo(hand, 5);
    const g = tf.grad((x: tf.Tensor) => distillationKl(stopGradient(x as tf.Tensor2D), tf.tensor2d(s), T))(tf.tensor2d(t));
    expect(Array.from(await g.data())).toEqual([0, 0, 0]);
  });

  it('cross-entropy and its masked form equal the hand values', async () => {
    const logits = [[2, 0, -1], [0.5, 0.5, 3]];
    const labels = [0, 1];
    const ce = (row: number[], y: number) => -(row[y] - logSumExp(row));
    expect((await softmaxCrossEntropy(tf.tensor2d(logits), tf.tensor1d(labels, 'int32')).data())[0]).toBeCloseTo((ce(logits[0], 0) + ce(logits[1], 1)) / 2, 5);
    expect((await maskedCrossEntropy(tf.tensor2d(logits), tf.tensor1d(labels, 'int32'), tf.tensor1d([0, 1])).data())[0]).toBeCloseTo(ce(logits[1], 1), 5);
    expect((await maskedCrossEntropy(tf.tensor2d(logits), tf.tensor1d(labels, 'int32'), tf.tensor1d([0, 0])).data())[0]).toBe(0);
  });
});
