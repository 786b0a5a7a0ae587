import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { ResNetEncoder } from '../models/encoder';
import { VariableSet } from '../models/variables';
import { createRng } from '../shared/rng';
import { EncoderEvaluation } from './encoderEvaluation';
import { EvalSplit } from './evalSplit';
import { bareEncoder, Evaluator, rawPixelBaseline } from './evaluator';
import { probeAugment, TrainingSession } from './session';

const dataset = tinyShapes();

describe('Evaluator', () => {
  it('an imported encoder gives the same kNN, linear-probe and map numbers as the same weights inside the method run', async () => {
    // Supervised: its augmentations are the shared defaults, which an imported encoder's probe uses.
    const config = tinyConfig('supervised', { evalBankSize: 30, evalQuerySize: 20 });
    const session = new TrainingSession(config, dataset);
    for (let i = 0; i < 2; i++) session.step().dispose();
    const inRun = await session.evaluate();
    const weights = await session.encoderWeights();
    const before = tf.memory().numTensors;
    const imported = new EncoderEvaluation({ seed: config.seed, evalBankSize: 30, evalQuerySize: 20 }, dataset, { layout: session.encoderLayout, weights });
    const bare = await imported.evaluator.evaluate(0);
    imported.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(inRun.knnTop1).not.toBeNull();
    expect(bare.knnTop1).toBe(inRun.knnTop1);
    expect(bare.linearTop1).toBe(inRun.linearTop1);
    expect(bare.dim).toBe(inRun.dim);
    expect(Array.from(bare.embeddings)).toEqual(Array.from(inRun.embeddings));
    expect(bare.similarity.posMean).toBeCloseTo(inRun.similarity.posMean, 6); 
    expect([bare.step, bare.headTop1, bare.heldOutScores]).toEqual([0, null, null]);
    session.dispose();
  });

  it('refuses weights that do not fit the layout, naming them, and leaves nothing behind', async () => {
    const before = tf.memory().numTensors;
    const vars = new VariableSet('source');
    const weights = await new ResNetEncoder(vars, { width: 4, norm: 'group', normGroups: 8 }, createRng(1)).readWeights();
    vars.dispose();
    const start = tf.memory().numTensors;
    expect(start).toBe(before);
    expect(() => new EncoderEvaluation({ seed: 1, evalBankSize: 8, evalQuerySize: 8 }, dataset, { layout: { width: 4, norm: 'none', normGroups: 8 }, weights })).toThrow(/missing stem\/bias/);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('on a bare encoder: heads only with a classify, raw pixels independent of the encoder, no labels no kNN', async () => {
    const split = new EvalSplit(dataset, { evalBankSize: 24, evalQuerySize: 12 });
    const vars = new VariableSet('bare');
    const encoder = new ResNetEncoder(vars, { width: 4, norm: 'group', normGroups: 8 }, createRng(2));
    const evaluator = new Evaluator(split, bareEncoder(encoder), { seed: 1, augment: probeAugment() });
    expect(await evaluator.headAccuracies()).toBeNull();
    // A "head" that predicts the true labels scores 1 (the 12 queries fit one chunk of 16: the padded rows predict 0).
    const labels = tf.tensor2d(Float32Array.from(split.queryLabels), [split.query.count, 1]);
    const oracle = new Evaluator(split, { ...bareEncoder(encoder), heads: 1, classify: (x) => tf.concat([labels, tf.zeros([x.shape[0] - split.query.count, 1])]) }, { seed: 1, augment: probeAugment() });
    expect(await oracle.headAccuracies()).toEqual([1]);
    const baseline = await evaluator.rawPixelBaseline();
    expect(baseline).toEqual({ ...(await rawPixelBaseline(split)), ms: baseline!.ms });
    const result = await evaluator.evaluate(3);
    expect(result.step).toBe(3);
    expect(result.embeddings.length).toBe(split.query.count * 16);
    const unlabelled = { ...dataset, classNames: [], train: { ...dataset.train, labels: dataset.train.labels.map(() => -1) }, test: { ...dataset.test, labels: dataset.test.labels.map(() => -1) } };
    const noLabels = new EvalSplit(unlabelled, { evalBankSize: 24, evalQuerySize: 12 });
    const r = await new Evaluator(noLabels, bareEncoder(encoder), { seed: 1, augment: probeAugment() }).evaluate(0);
    expect([r.knnTop1, r.linearTop1, r.headTop1]).toEqual([null, null, null]);
    expect(await rawPixelBaseline(noLabels)).toBeNull();
    tf.dispose(labels);
    split.dispose();
    noLabels.dispose();
    vars.dispose();
  });
});
