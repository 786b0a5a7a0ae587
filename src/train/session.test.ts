import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/render';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { imagesPerStep } from '../methods/catalog';
import { datasetProblem } from '../methods/requirements';
import { TrainingSession } from './session';
import { generateShapesDataset } from '../data/shapes';
import { usableClassCount } from './evalSplit';

const dataset = tinyShapes();

describe('TrainingSession', () => {
  it('refuses a dataset the method cannot train on with the requirements message, before uploading anything', () => {
    const start = tf.memory().numTensors;
    // One class keeps its held-out images: a supervised method has one usable class.
    const oneClass = { ...dataset, test: { ...dataset.test, labels: dataset.test.labels.map((l) => (l === 0 ? 0 : -1)) } };
    expect(usableClassCount(oneClass)).toBe(1);
    const message = englishText(datasetProblem('supervised', { name: dataset.name, kind: 'images', usableClasses: 1 })!);
    expect(message).toMatch(/has 1 class with both/);
    expect(() => new TrainingSession(tinyConfig('supervised'), oneClass)).toThrow(message);
    expect(() => new TrainingSession(tinyConfig('tcn'), dataset)).toThrow(englishText(datasetProblem('tcn', { name: dataset.name, kind: 'images', usableClasses: 6 })!));
    expect(tf.memory().numTensors).toBe(start);
  });

  it('a constructor that throws after uploading (the method refuses its params) frees everything it uploaded', () => {
    const start = tf.memory().numTensors;
    // CPC's setup refuses patches larger than the 16 px images: after the images and the evaluation split are on the backend.
    expect(() => new TrainingSession(tinyConfig('cpc', {}, { patchSize: 32 }), dataset)).toThrow(/CPC: patches of 32 px do not fit 16x16 images/);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('counts usable classes as those with labelled training and held-out images', () => {
    expect(usableClassCount(dataset)).toBe(dataset.classNames.length);
    const noTest = { ...dataset, test: { ...dataset.test, labels: dataset.test.labels.map(() => -1) } };
    expect(usableClassCount(noTest)).toBe(0);
  });

  it('reports images per step from the method and the layout from its params', () => {
    const t = new TrainingSession(tinyConfig('simclr', {}, { width: 8, norm: 'none' }), dataset);
    expect(t.imagesPerStep).toBe(imagesPerStep('simclr', t.params, [t.dataset.height, t.dataset.width]));
    expect(t.encoderLayout).toEqual({ width: 8, norm: 'none', normGroups: 64 });
    expect(t.outputDim).toBe(32);
    t.dispose();
    const grouped = new TrainingSession(tinyConfig('simclr', {}, { width: 8, normGroups: 2 }), dataset);
    expect(grouped.encoderLayout).toEqual({ width: 8, norm: 'group', normGroups: 2 });
    grouped.dispose();
  });

  it('previews draw from their own stream: the training batches (and losses) do not shift', async () => {
    const losses = async (previewFirst: boolean) => {
      const t = new TrainingSession(tinyConfig('simclr', { seed: 4 }), dataset);
      if (previewFirst) await t.preview();
      const m = t.step();
      const loss = (await m.data())[0];
      m.dispose();
      t.dispose();
      return loss;
    };
    expect(await losses(true)).toBe(await losses(false));
  });

  it('on 9 training images a batch of 32 and k = 20 are clamped, each with a notice, and the evaluation says how many images it scored', async () => {
    const nine = generateShapesDataset(9, 24, 7, 16);
    const session = new TrainingSession(tinyConfig('simclr', { evalEvery: 1 }, { batchSize: 32 }), nine);
    expect(session.params.batchSize).toBe(9);
    expect(session.imagesPerStep).toBe(18); // two views of 9
    expect(session.limitNotices.map(englishText)).toEqual([
      'Batch size 32 is larger than the 9 training images: this run uses batches of 9.',
      'kNN uses k = 4 neighbours, not 20: the evaluation bank holds only 9 labelled training images.',
    ]);
    session.step().dispose();
    const result = await session.evaluate();
    expect(result.queries).toBe(12);
    expect((await session.evaluator.rawPixelBaseline())?.queries).toBe(12);
    session.dispose();
  });
});
