import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Trainer } from '../train/trainer';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { createRng } from '../shared/rng';
import { METHOD_IDS, METHOD_SPECS } from './catalog';
import { METHOD_IMPLS, methodImpl } from './registry';
import { uploadImages } from '../data/upload';
import { defaultParams } from '../shared/params';

const dataset = tinyShapes();

function createRun(methodId: 'simclr' | 'moco', params: Record<string, number | string | boolean> = {}) {
  const config = tinyConfig(methodId, {}, params);
  const images = uploadImages(dataset, dataset.train);
  const run = methodImpl(methodId).create({
    params: { ...defaultParams(METHOD_SPECS[methodId].params), ...config.params },
    train: { images, labels: dataset.train.labels, count: dataset.train.count, numClasses: 6 },
    inputSize: [16, 16],
    initRng: createRng(1),
  });
  return { run, images };
}

describe('method registry', () => {
  it('has an implementation for every spec, with matching ids', () => {
    for (const id of METHOD_IDS) expect(METHOD_IMPLS[id].spec.id).toBe(id);
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

  it('reports [loss, posSim, negSim, ...extras] in spec order', async () => {
    const { run } = createRun('simclr');
    const m = run.trainStep(run.sampleBatch(createRng(1)));
    expect(m.shape).toEqual([3 + METHOD_SPECS.simclr.extraMetrics.length]);
    const [loss, pos, neg] = await m.data();
    expect(loss).toBeGreaterThan(0);
    expect(pos).toBeLessThanOrEqual(1 + 1e-5);
    expect(neg).toBeGreaterThanOrEqual(-1 - 1e-5);
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
    const { run } = createRun('moco', { momentum: 0.99 });
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
      const t = new Trainer(tinyConfig('simclr', { seed }), dataset);
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
      const t = new Trainer(tinyConfig(methodId, { maxSteps: 20 }), dataset);
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

  it('evaluates kNN on the held-out split and embeds in fixed-size chunks', async () => {
    const t = new Trainer(tinyConfig('simclr', { evalBankSize: 30, evalQuerySize: 20 }), dataset);
    const r = await t.evaluate();
    expect(r.knnTop1).toBeGreaterThanOrEqual(0);
    expect(r.knnTop1).toBeLessThanOrEqual(1);
    const feats = t.embedAll(uploadImages(dataset, dataset.test));
    expect(feats.shape).toEqual([24, 16]); // 4 * width
    t.dispose();
  });
});
