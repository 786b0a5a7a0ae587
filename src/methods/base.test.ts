/**
 * defineMethod's shared parts (./base.ts) on a small method of its own: the encoder comes first
 * from the init rng, the default step minimises lossTerms over the trainable variables and
 * reports the metrics before its update, a setup that refuses the data or a disposed run leaves
 * no tensors behind; and the registry's type rejects an implementation under another's id.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { tinyShapes } from '../testing/fixtures';
import { uploadImages } from '../data/upload';
import { ResNetEncoder } from '../models/encoder';
import { Linear } from '../models/linear';
import { VariableSet } from '../models/variables';
import { defaultParams } from '../shared/params';
import { createRng } from '../shared/rng';
import { defineMethod } from './base';
import type { MethodImpls } from './registry';
import { moco } from './moco';
import { simclr } from './simclr';
import { simclrSpec } from './specs/simclr';

const dataset = tinyShapes();

interface ToyBatch { images: tf.Tensor4D }

/** A toy method on SimCLR's spec: one linear head, loss = mean square of its output. */
const toy = (options: { frozenHead?: boolean; refuse?: boolean; onDispose?: () => void } = {}) => defineMethod(simclrSpec, ({ ctx, params: p, vars, encoder }) => {
  const head = new Linear(vars, 'head', encoder.outputDim, 3, ctx.initRng);
  if (options.refuse) throw new Error('this data will not do');
  return {
    ...(options.frozenHead && { trainable: vars.list().filter((v) => !v.name.startsWith('simclr/head/')) }),
    sampleBatch: (rng): ToyBatch => ({ images: tf.randomUniform([p.batchSize, 16, 16, 3], 0, 1, 'float32', rng.seed()) as tf.Tensor4D }),
    lossTerms: ({ images }: ToyBatch) => {
      const z = head.apply(encoder.apply(images).h);
      return { loss: tf.mean(tf.square(z)) as tf.Scalar, extras: [tf.scalar(0.5), tf.scalar(0.25), tf.scalar(0), tf.scalar(0)] };
    },
    preview: () => [],
    ...(options.onDispose && { dispose: options.onDispose }),
  };
});

function contextOf(images: tf.Tensor4D, seed = 1) {
  return {
    params: { ...defaultParams(simclrSpec.params), width: 4, batchSize: 4, learningRate: 1e-2 },
    train: { images, labels: dataset.train.labels, count: dataset.train.count, numClasses: 6, classNames: dataset.classNames },
    inputSize: [16, 16] as [number, number],
    initRng: createRng(seed),
  };
}

describe('defineMethod', () => {
  it('builds the encoder first from the init rng: the same weights as a bare encoder of that seed', async () => {
    const images = uploadImages(dataset, dataset.train);
    const run = toy().create(contextOf(images, 7));
    const bare = new VariableSet('bare');
    const encoder = new ResNetEncoder(bare, { width: 4, norm: 'group', normGroups: 8 }, createRng(7));
    const ours = run.encoder.namedWeights(), theirs = encoder.namedWeights();
    expect(ours.map((w) => w.name)).toEqual(theirs.map((w) => w.name));
    for (let i = 0; i < ours.length; i++) expect(Array.from(await ours[i].tensor.data())).toEqual(Array.from(await theirs[i].tensor.data()));
    run.dispose();
    bare.dispose();
    images.dispose();
  });

  it('steps on the trainable variables only, reporting the metrics of the batch before the update', async () => {
    const images = uploadImages(dataset, dataset.train);
    const minimize = vi.spyOn(tf.Optimizer.prototype, 'minimize');
    const run = toy({ frozenHead: true }).create(contextOf(images));
    const batch = run.sampleBatch(createRng(2));
    const head = run.variables().filter((v) => v.name.startsWith('simclr/head/'));
    const headBefore = await Promise.all(head.map((v) => v.data()));
    const before = Array.from(await run.evaluateBatch(batch).data());
    const stepped = Array.from(await run.trainStep(batch).data());
    const updated = minimize.mock.calls[0][2] as tf.Variable[];
    minimize.mockRestore();
    expect(stepped).toEqual(before.map((v) => expect.closeTo(v, 5)));
    expect(stepped.slice(1)).toEqual([0.5, 0.25, 0, 0]);
    expect(updated.length).toBe(run.variables().length - head.length);
    expect(updated.some((v) => head.includes(v))).toBe(false);
    expect(await Promise.all(head.map((v) => v.data()))).toEqual(headBefore);
    expect((await run.evaluateBatch(batch).data())[0]).toBeLessThan(before[0]);
    run.dispose();
    images.dispose();
  });

  it('a setup that refuses the data leaves no tensors; a disposed run frees its variables and calls the method\'s dispose', () => {
    const images = uploadImages(dataset, dataset.train);
    const start = tf.memory().numTensors;
    expect(() => toy({ refuse: true }).create(contextOf(images))).toThrow('this data will not do');
    expect(tf.memory().numTensors).toBe(start);
    const onDispose = vi.fn();
    const run = toy({ onDispose }).create(contextOf(images));
    tf.tidy(() => { run.trainStep(run.sampleBatch(createRng(1))); });
    run.dispose();
    expect(onDispose).toHaveBeenCalledOnce();
    expect(tf.memory().numTensors).toBe(start);
    images.dispose();
  });
});

describe('method registry type', () => {
  it('holds each implementation under its own spec\'s id only', () => {
    const simclrSlot: MethodImpls['simclr'] = simclr;
    // @ts-expect-error: SimCLR's implementation does not fit MoCo's slot (npm run typecheck fails if it did).
    const mocoSlot: MethodImpls['moco'] = simclr;
    expect(simclrSlot.spec.id).toBe('simclr');
    expect(mocoSlot.spec.id).not.toBe(moco.spec.id);
  });
});
