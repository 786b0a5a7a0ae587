/** Linear probe, embedding geometry and t-SNE against hand computations and known structure. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng, gaussian } from '../shared/rng';
import { accuracy } from './knn';
import { alignment, embeddingSpread, histogram, normalizeRows, pca2, uniformity } from './geometry';
import { LINEAR_PROBE_DEFAULTS, linearProbeJs, linearProbePredict } from './linearProbe';
import { jointProbabilities, neighbourPurity, squaredDistances, Tsne } from './tsne';

/** n points in dim-D from `classes` Gaussian clusters with centres `separation` apart on average. */
function clusters(n: number, dim: number, classes: number, separation: number, seed = 3) {
  const rng = createRng(seed);
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, () => gaussian(rng) * separation));
  const labels = Int32Array.from({ length: n }, (_, i) => i % classes);
  const x = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) x[i * dim + k] = centres[labels[i]][k] + gaussian(rng);
  return { x, labels };
}

describe('linear probe', () => {
  // Linearly separable: the class decides the sign pattern of the first three coordinates, with margin.
  const rng = createRng(11);
  const make = (n: number) => {
    const labels = Int32Array.from({ length: n }, (_, i) => i % 4);
    const x = new Float32Array(n * 6);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 6; k++) x[i * 6 + k] = gaussian(rng) * 0.3;
      x[i * 6] += labels[i] & 1 ? 2 : -2;
      x[i * 6 + 1] += labels[i] & 2 ? 2 : -2;
    }
    return { x, labels };
  };
  const train = make(200), test = make(100);
  const options = { ...LINEAR_PROBE_DEFAULTS, numClasses: 4 };

  it('reaches ~100% on linearly separable features, in JS', () => {
    expect(accuracy(linearProbeJs(train.x, train.labels, test.x, 6, options), test.labels)).toBeGreaterThanOrEqual(0.98);
  });

  it('reaches ~100% on linearly separable features, on the tfjs backend, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const predicted = tf.tidy(() => linearProbePredict(tf.tensor2d(train.x, [200, 6]), tf.tensor1d(train.labels, 'int32'), tf.tensor2d(test.x, [100, 6]), options));
    expect(accuracy(predicted.dataSync(), test.labels)).toBeGreaterThanOrEqual(0.98);
    predicted.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('predicts the same classes in JS as on the backend, on high-dimensional raw-pixel-like features', async () => {
    // The raw-pixel baseline takes the JS probe for small banks and the backend's for large ones.
    const [n, m, dim] = [40, 30, 768];
    const data = clusters(n + m, dim, 3, 0.8, 11);
    const js = linearProbeJs(data.x.subarray(0, n * dim), data.labels.subarray(0, n), data.x.subarray(n * dim), dim, { ...options, numClasses: 3 });
    const onBackend = tf.tidy(() => linearProbePredict(tf.tensor2d(data.x.subarray(0, n * dim), [n, dim]), tf.tensor1d(data.labels.subarray(0, n), 'int32'), tf.tensor2d(data.x.subarray(n * dim), [m, dim]), { ...options, numClasses: 3 }));
    const predicted = await onBackend.data();
    onBackend.dispose();
    let same = 0;
    for (let i = 0; i < m; i++) if (predicted[i] === js[i]) same++;
    expect(same).toBeGreaterThanOrEqual(m - 1);
  });

  it('stays near chance on features that carry no label information', () => {
    const noise = clusters(400, 6, 1, 0, 5).x;
    const labels = Int32Array.from({ length: 400 }, (_, i) => i % 4);
    const acc = accuracy(linearProbeJs(noise.subarray(0, 1200), labels.subarray(0, 200), noise.subarray(1200), 6, options), labels.subarray(200));
    expect(acc).toBeLessThan(0.4);
  });
});

describe('embedding geometry', () => {
  it('bins similarities over [-1, 1] as fractions', () => {
    const h = histogram([-1, -0.99, 0, 0.5, 1], 4);
    expect(h).toEqual([0.4, 0, 0.2, 0.4]);
  });

  it('alignment and uniformity match a hand computation', () => {
    // Two positive pairs of unit vectors in 2-D: (1,0)~(0,1) and (0,1)~(0,1).
    const a = Float32Array.from([1, 0, 0, 1]), b = Float32Array.from([0, 1, 0, 1]);
    expect(alignment(a, b, 2, 2)).toBeCloseTo((2 + 0) / 2);
    // One pair at squared distance 2: log(exp(-2 * 2)) = -4.
    expect(uniformity(a, 2, 2)).toBeCloseTo(-4);
  });

  it('spread is 0 when every embedding is the same point and about 1 for directions spread over the sphere', () => {
    const same = normalizeRows(Float32Array.from({ length: 50 * 8 }, (_, i) => (i % 8) + 1), 50, 8);
    expect(embeddingSpread(same, 50, 8)).toBeCloseTo(0);
    const rng = createRng(2);
    const spread = normalizeRows(Float32Array.from({ length: 2000 * 8 }, () => gaussian(rng)), 2000, 8);
    expect(embeddingSpread(spread, 2000, 8)).toBeGreaterThan(0.9);
    expect(embeddingSpread(spread, 2000, 8)).toBeLessThan(1.1);
  });

  it('PCA puts the direction of largest variance on the first axis', () => {
    const rng = createRng(4);
    const x = new Float32Array(300 * 3);
    for (let i = 0; i < 300; i++) { const t = gaussian(rng); x[i * 3] = 5 * t; x[i * 3 + 1] = 5 * t; x[i * 3 + 2] = 0.1 * gaussian(rng); }
    const y = pca2(x, 300, 3);
    // The first coordinate is the centred projection on (1,1,0)/sqrt(2).
    let m = 0;
    for (let i = 0; i < 300; i++) m += (x[i * 3] + x[i * 3 + 1]) / 300;
    for (let i = 0; i < 5; i++) expect(Math.abs(y[i * 2])).toBeCloseTo(Math.abs(x[i * 3] + x[i * 3 + 1] - m) / Math.SQRT2, 1);
  });
});

describe('t-SNE', () => {
  it('joint probabilities are symmetric and sum to 1', () => {
    const { x } = clusters(60, 5, 3, 4);
    const p = jointProbabilities(squaredDistances(x, 60, 5), 60, 10);
    let sum = 0;
    for (let i = 0; i < 60; i++) for (let j = 0; j < 60; j++) { sum += p[i * 60 + j]; expect(p[i * 60 + j]).toBeCloseTo(p[j * 60 + i], 12); }
    expect(sum).toBeCloseTo(1, 6);
  });

  it('keeps well-separated Gaussian clusters apart (nearest-neighbour label purity >= 0.95)', () => {
    const { x, labels } = clusters(300, 20, 5, 3);
    const t = new Tsne({ perplexity: 30 });
    t.setData(x, 300, 20);
    const costAfter50 = (() => { for (let i = 0; i < 50; i++) t.step(); return t.cost(); })();
    for (let i = 0; i < 250; i++) t.step();
    expect(neighbourPurity(t.solution(), labels)).toBeGreaterThanOrEqual(0.95);
    expect(t.cost()).toBeLessThan(costAfter50);
  });

  it('is deterministic for a seed, and a warm restart starts from the current layout', () => {
    const { x } = clusters(80, 6, 4, 3);
    const run = () => { const t = new Tsne(); t.setData(x, 80, 6); for (let i = 0; i < 30; i++) t.step(); return t; };
    const a = run(), b = run();
    expect(a.solution()).toEqual(b.solution());
    const before = a.solution();
    a.setData(x.map((v) => v * 1.01), 80, 6);
    expect(a.solution()).toEqual(before);
    expect(a.iteration).toBe(30);
  });
});
