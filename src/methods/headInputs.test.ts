/**
 * What the heads of DIM, S4L and SLA read: the encoder's h standardised over the batch (running
 * statistics at test time). On raw h, nearly collinear across images at init, DIM's global
 * feature was the same for every image (its local loss only shrank the scores to 0), S4L's
 * exemplar embedding was collapsed and the classifier heads lagged a linear probe by 15-30 points.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { tinyShapes } from '../testing/fixtures';
import { createRng } from '../shared/rng';
import { FeatureNorm, batchStandardize } from '../models/heads';
import { VariableSet } from '../models/variables';
import type { MethodId } from './catalog';
import { createTestRun, disposeBatch, type Params } from './testRuns';

const dataset = tinyShapes();
const SMALL: Record<string, Params> = {
  dim: { batchSize: 6, headHidden: 16, projectionDim: 8 },
  sla: { batchSize: 6 },
  s4l: { batchSize: 6, labelledBatch: 3, projectionDim: 8 },
};
const createRun = (methodId: MethodId, params: Params = {}) => createTestRun(methodId, dataset, { ...SMALL[methodId], ...params });

describe('batchStandardize and FeatureNorm', () => {
  it('standardise each feature over the batch; FeatureNorm predicts with running statistics', async () => {
    // Nearly collinear rows: a large common vector plus a small per-row part (as the encoder's h).
    const rng = createRng(3);
    const rows = Array.from({ length: 8 }, () => Array.from({ length: 4 }, (_, k) => 5 + k + 0.1 * rng.uniform(-1, 1)));
    const h = tf.tensor2d(rows);
    const s = batchStandardize(h);
    const { mean, variance } = tf.moments(s, 0);
    for (const m of await mean.data()) expect(Math.abs(m)).toBeLessThan(1e-3);
    for (const v of await variance.data()) expect(v).toBeGreaterThan(0.9);

    const vars = new VariableSet('test-norm', false);
    const norm = new FeatureNorm(vars, 4, 0.5);
    // Before any update: the identity.
    expect(Array.from(await norm.apply(h).data())).toEqual(Array.from(await h.data()).map((x) => expect.closeTo(x, 3)));
    for (let i = 0; i < 30; i++) { tf.tidy(() => { norm.train(h); }); norm.update(); }
    const atTest = await norm.apply(h).array();
    const train = await s.array();
    for (let i = 0; i < 8; i++) for (let k = 0; k < 4; k++) expect(atTest[i][k]).toBeCloseTo(train[i][k], 2);
    // One image alone is standardised the same as in a batch (no batch statistics at test).
    const one = await norm.apply(h.slice([2, 0], [1, 4])).array();
    for (let k = 0; k < 4; k++) expect(one[0][k]).toBeCloseTo(atTest[2][k], 5);
    norm.dispose();
    vars.dispose();
    tf.dispose([h, s, mean, variance]);
  });
});

describe('the heads read standardised features', () => {
  it('S4L exemplar: the triplet embeddings of different images are not collapsed at init', async () => {
    const { run, dispose } = createRun('s4l', { variant: 'exemplar' });
    const batch = run.sampleBatch(createRng(1));
    const m = await run.evaluateBatch(batch).data();
    // [loss, posSim, negSim, ...]: on raw h every embedding pointed the same way (negSim ~0.99).
    expect(m[2]).toBeLessThan(0.5);
    disposeBatch(batch);
    dispose();
  });

  it('Deep InfoMax: the local objective learns to tell an image\'s own local features from others\' (InfoNCE below chance)', async () => {
    const { run, dispose } = createRun('dim', { gamma: 0, learningRate: 3e-3, estimator: 'infonce' });
    const batch = run.sampleBatch(createRng(2));
    for (let i = 0; i < 100; i++) run.trainStep(batch).dispose();
    const m = await run.evaluateBatch(batch).data();
    // [loss, posSim, negSim, localLoss, ...]. Chance: log(1 + 5 other images x 64 positions) =
    // 5.77. With raw h into the nets (no batch norm, He-init shortcuts) it stayed at 5.74: the
    // global feature carried nothing about its image. Now about 4.9.
    expect(m[3]).toBeLessThan(5.4);
    disposeBatch(batch);
    dispose();
  });

  for (const [methodId, params] of [['sla', {}], ['s4l', { variant: 'rotation' }], ['s4l', { variant: 'exemplar' }]] as [MethodId, Params][]) {
    it(`${methodId} ${params.variant ?? ''}: training steps move the head's running statistics, checkpointed with the run; a test prediction does not depend on its chunk`, async () => {
      const { run, dispose } = createRun(methodId, params);
      const stats = () => run.variables().filter((v) => /-norm\//.test(v.name));
      expect(stats()).toHaveLength(2);
      const before = await stats()[0].data();
      const batch = run.sampleBatch(createRng(1));
      run.trainStep(batch).dispose();
      disposeBatch(batch);
      const after = await stats()[0].data();
      expect(Array.from(after).some((x, k) => Math.abs(x - before[k]) > 1e-6)).toBe(true);
      const images = tf.tensor4d(dataset.test.images.slice(0, 6 * 16 * 16 * 3), [6, 16, 16, 3]).div(255) as tf.Tensor4D;
      const all = await run.classify!(images).array();
      const alone = await run.classify!(images.slice([4, 0, 0, 0], [1, -1, -1, -1])).array();
      expect(alone[0]).toEqual(all[4]);
      images.dispose();
      dispose();
    });
  }
});
