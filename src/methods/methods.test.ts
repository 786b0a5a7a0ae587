import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { EMBED_CHUNK } from '../eval/embedInChunks';
import { TrainingSession } from '../train/session';
import { accuracy, knnPredict } from '../eval/knn';
import { SMALL_VIDEO_PARAMS, tinyConfig, tinyMovingShapes, tinyShapes } from '../testing/fixtures';
import { createRng } from '../shared/rng';
import { METHOD_IDS, METHOD_SPECS, needsVideo, type MethodId } from './catalog';
import { createTestRun } from './testRuns';
import { METHOD_IMPLS, methodImpl } from './registry';
import { uploadImages } from '../data/upload';
import { headOfSplit } from '../data/dataset';
import { defaultParams } from '../shared/params';

const dataset = tinyShapes();

function createRun(methodId: 'simclr' | 'moco', params: Record<string, number | string | boolean> = {}) {
  const config = tinyConfig(methodId, {}, params);
  const images = uploadImages(dataset, dataset.train);
  const run = methodImpl(methodId).create({
    params: { ...defaultParams(METHOD_SPECS[methodId].params), ...config.params },
    train: { images, labels: dataset.train.labels, count: dataset.train.count, numClasses: 6, classNames: dataset.classNames },
    inputSize: [16, 16],
    initRng: createRng(1),
  });
  return { run, images };
}

describe('method registry', () => {
  it('has an implementation for every spec, with matching ids', () => {
    for (const id of METHOD_IDS) expect(METHOD_IMPLS[id].spec.id).toBe(id);
  });

  it('every method starts from the same random-init encoder for a seed', async () => {
    const movingShapes = tinyMovingShapes();
    const firstWeights = async (id: MethodId) => {
      const params = { ...SMALL_VIDEO_PARAMS[id], ...(id === 'tcn' && { variant: 'single-view' }), ...(id === 'cpc' && { patchSize: 4, patchStride: 2 }) };
      const { run, dispose } = createTestRun(id, needsVideo(id) ? movingShapes : dataset, params, 5);
      const weights = await Promise.all(run.encoder.namedWeights().map(async (w) => Array.from(await w.tensor.data())));
      dispose();
      return weights;
    };
    const simclrWeights = await firstWeights('simclr');
    for (const id of METHOD_IDS) expect(await firstWeights(id)).toEqual(simclrWeights);
  });
});

describe('SimCLR step', () => {
  it('lowers the loss on a fixed batch', async () => {
    const { run } = createRun('simclr', { learningRate: 3e-3 });
    const batch = run.sampleBatch(createRng(4));
    const first = (await run.evaluateBatch(batch).data())[0];
    const losses: number[] = [];
    for (let i = 0; i < 8; i++) losses.push((await run.trainStep(batch).data())[0]);
    const after = (await run.evaluateBatch(batch).data())[0];
    expect(losses[0]).toBeCloseTo(first, 4); // the step's loss is computed before its update
    expect(after).toBeLessThan(first - 0.05);
  });

  it('reports [loss, posSim, negSim, positiveLogit, topNegativeSim] in that order', async () => {
    const temperature = 0.25;
    const { run } = createRun('simclr', { temperature });
    const batch = run.sampleBatch(createRng(1));
    const before = Array.from(await run.evaluateBatch(batch).data());
    const m = run.trainStep(batch);
    expect(METHOD_SPECS.simclr.extraMetrics).toEqual(['positiveLogit', 'topNegativeSim']);
    expect(m.shape).toEqual([5]);
    const [loss, pos, neg, posLogit, topNeg] = await m.data();
    // The step reports the metrics of the batch before its update.
    [loss, pos, neg, posLogit, topNeg].forEach((v, i) => expect(v).toBeCloseTo(before[i], 4));
    expect(posLogit).toBeCloseTo(pos / temperature, 4); // catches pos / neg or extras swapped
    expect(topNeg).toBeGreaterThanOrEqual(neg - 1e-6);  // the hardest negative is at least the mean
    expect(loss).toBeGreaterThan(0);
  });
});

describe('MoCo step', () => {
  it('lowers the loss on a fixed batch (measured against the same queue)', async () => {
    // Training on one batch fills the queue with that batch's own keys, so the loss is read with
    // evaluateBatch before and after, against a queue snapshot restored in between.
    const { run } = createRun('moco', { learningRate: 3e-3, momentum: 0.5 });
    const batch = run.sampleBatch(createRng(4));
    const queue = run.variables().find((v) => v.shape[0] === 64 && v.shape[1] === 8)!;
    const snapshot = queue.clone();
    const first = (await run.evaluateBatch(batch).data())[0];
    for (let i = 0; i < 8; i++) run.trainStep(batch).dispose();
    queue.assign(snapshot);
    const after = (await run.evaluateBatch(batch).data())[0];
    expect(after).toBeLessThan(first - 0.05);
  });

  it('v1 uses a linear head (one weight matrix), v2 an MLP (two)', async () => {
    const headWeights = (version: string) => createRun('moco', { version }).run.variables()
      .filter((v) => v.trainable && v.shape.length === 2).length;
    expect(headWeights('v2')).toBe(2);
    expect(headWeights('v1')).toBe(1);
  });

  it('never hands the key encoder or the queue to the optimizer', async () => {
    const minimize = vi.spyOn(tf.Optimizer.prototype, 'minimize');
    const { run } = createRun('moco', { momentum: 0.99 });
    run.trainStep(run.sampleBatch(createRng(1))).dispose();
    const varList = minimize.mock.calls[0][2] as tf.Variable[];
    minimize.mockRestore();
    expect(new Set(varList)).toEqual(new Set(run.variables().filter((v) => v.trainable)));
    expect(varList.some((v) => v.name.startsWith('moco/key'))).toBe(false);
    const nonTrainable = run.variables().filter((v) => !v.trainable);
    const trainable = run.variables().filter((v) => v.trainable);
    expect(nonTrainable.length).toBe(trainable.length + 1); // key copy of each + the queue
    // One step with m = 0.99 moves a key weight by exactly 1% of its gap to the query weight
    // (the EMA), i.e. no gradient update was applied to it.
    const keyW = nonTrainable[0];
    const queryW = trainable[0];
    const before = await keyW.data();
    const q = await queryW.data();
    run.trainStep(run.sampleBatch(createRng(2))).dispose();
    const after = await keyW.data();
    for (let i = 0; i < 5; i++) expect(after[i]).toBeCloseTo(0.99 * before[i] + 0.01 * q[i], 6);
  });
});

describe('trainer', () => {
  it('same seed and backend give the same first losses; another seed differs', async () => {
    const losses = async (seed: number) => {
      const t = new TrainingSession(tinyConfig('simclr', { seed }), dataset);
      const out: number[] = [];
      for (let i = 0; i < 3; i++) { const m = t.step(); out.push((await m.data())[0]); m.dispose(); }
      t.dispose();
      return out;
    };
    const a = await losses(5);
    expect(await losses(5)).toEqual(a);
    expect(await losses(6)).not.toEqual(a);
  });

  for (const methodId of ['simclr', 'moco'] as const) {
    it(`${methodId}: numTensors stays flat over 20 steps and returns to the start after dispose`, async () => {
      const start = tf.memory().numTensors;
      const t = new TrainingSession(tinyConfig(methodId, { maxSteps: 20 }), dataset);
      const counts: number[] = [];
      for (let i = 0; i < 20; i++) {
        const m = t.step();
        await m.data();
        m.dispose();
        counts.push(tf.memory().numTensors);
      }
      await t.evaluate();
      counts.push(tf.memory().numTensors);
      // Adam creates its slots on the first step; from then on nothing may accumulate.
      expect(new Set(counts.slice(1)).size).toBe(1);
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('embeds more images than one chunk in fixed-size chunks, equal to embedding them directly', async () => {
    const t = new TrainingSession(tinyConfig('simclr'), dataset);
    const images = tf.randomUniform([EMBED_CHUNK + 7, 16, 16, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const run = (t as unknown as { run: { embed(x: tf.Tensor4D): tf.Tensor2D } }).run;
    const shapes: number[] = [];
    const embed = run.embed.bind(run);
    run.embed = (x) => { shapes.push(x.shape[0]); return embed(x); };
    const chunked = t.embedAll(images);
    run.embed = embed;
    expect(shapes).toEqual([EMBED_CHUNK, EMBED_CHUNK]); // the last chunk is padded, not smaller
    expect(chunked.shape).toEqual([EMBED_CHUNK + 7, 16]); // 4 * width
    shapes.length = 0;
    run.embed = (x) => { shapes.push(x.shape[0]); return embed(x); };
    t.embedAll(images.slice([0, 0, 0, 0], [20, -1, -1, -1])).dispose();
    run.embed = embed;
    expect(shapes).toEqual([32]); // a small set: the next power of two, not a full chunk
    const direct = embed(images);
    expect(tf.max(tf.abs(chunked.sub(direct))).dataSync()[0]).toBeLessThan(1e-4);
    t.dispose();
  });

  it('kNN accuracy of the trainer matches kNN on its own embeddings', async () => {
    const t = new TrainingSession(tinyConfig('simclr', { evalBankSize: 30, evalQuerySize: 20 }), dataset);
    const r = await t.evaluate();
    const imageBytes = 16 * 16 * 3;
    const bank = t.embedAll(uploadImages(dataset, headOfSplit(dataset.train, 30, imageBytes)));
    const queries = t.embedAll(uploadImages(dataset, headOfSplit(dataset.test, 20, imageBytes)));
    const pred = await knnPredict(bank, tf.tensor1d(dataset.train.labels.subarray(0, 30), 'int32'), queries, { k: t.evaluator.knnK, temperature: 0.07, numClasses: 6 }).data();
    expect(t.evaluator.knnK).toBe(15); // at most half the 30-image bank
    expect(r.knnTop1).toBeCloseTo(accuracy(pred, dataset.test.labels.subarray(0, 20)), 6);
    t.dispose();
  });
});
