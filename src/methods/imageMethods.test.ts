/**
 * The image methods of issue 6 (CPC, Deep InfoMax, SLA+SD, S4L, supervised) on 16 px shapes in
 * Node: a step lowers the loss on a fixed batch, the metrics vector has the spec's length, the
 * pitfalls of METHODS.md, classifier heads, leak-free trainer steps.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { TrainingSession } from '../train/session';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { createRng } from '../shared/rng';
import { CORE_METRICS } from './spec';
import { METHOD_SPECS, testAccuracyNames, type MethodId } from './catalog';
import { createTestRun, trainOnFixedBatch, type Params } from './testRuns';
import { labelledSubset } from './labelled';
import type { SlaBatch } from './sla';
import type { S4lBatch, S4lExemplarBatch } from './s4l';
import { extractPatches } from './batches';
import { englishText } from '../i18n/render';

const dataset = tinyShapes();

/** Small per-method settings for 16 px images (CPC: 4 px patches, stride 2 -> a 7 x 7 grid). */
const SMALL: Record<string, Params> = {
  cpc: { batchSize: 4, patchSize: 4, patchStride: 2, contextDim: 8 },
  dim: { batchSize: 6, headHidden: 16, projectionDim: 8 },
  sla: { batchSize: 6 },
  s4l: { batchSize: 6, labelledBatch: 3, projectionDim: 8 },
  supervised: { batchSize: 8 },
};

const createRun = (methodId: MethodId, params: Params = {}) => createTestRun(methodId, dataset, { ...SMALL[methodId], ...params });

async function lossOf(m: tf.Tensor1D): Promise<number> {
  const v = (await m.data())[0];
  m.dispose();
  return v;
}

const CASES: [string, MethodId, Params][] = [
  ['CPC', 'cpc', {}],
  ['Deep InfoMax (JSD, prior on)', 'dim', {}],
  ['Deep InfoMax (InfoNCE, global + local)', 'dim', { estimator: 'infonce', alpha: 0.5 }],
  ['Deep InfoMax (DV)', 'dim', { estimator: 'dv' }],
  ['SLA + SD', 'sla', {}],
  ['S4L rotation', 's4l', { variant: 'rotation' }],
  ['S4L exemplar', 's4l', { variant: 'exemplar' }],
  ['supervised', 'supervised', {}],
];

describe.each(CASES)('%s step', (_name, methodId, params) => {
  it('lowers the loss on a fixed batch and reports the spec\'s metrics', async () => {
    const { run, dispose } = createRun(methodId, { learningRate: 3e-3, ...params });
    const { before, after } = await trainOnFixedBatch(run);
    expect(before.length).toBe(CORE_METRICS.length + METHOD_SPECS[methodId].extraMetrics.length);
    expect(Array.from(before).every(Number.isFinite)).toBe(true);
    expect(after).toBeLessThan(before[0] - 0.02);
    const [pos, neg] = [before[1], before[2]];
    expect(pos).toBeGreaterThanOrEqual(-1);
    expect(pos).toBeLessThanOrEqual(1 + 1e-5);
    expect(neg).toBeLessThanOrEqual(1 + 1e-5);
    dispose();
  });
});

describe('trainer with the image methods', () => {
  for (const [name, methodId, params] of CASES.filter((c) => c[0] !== 'Deep InfoMax (DV)')) {
    it(`${name}: numTensors flat over steps and an evaluation, back to the start after dispose`, async () => {
      const start = tf.memory().numTensors;
      const t = new TrainingSession(tinyConfig(methodId, { maxSteps: 6 }, { ...SMALL[methodId], ...params }), dataset);
      const counts: number[] = [];
      for (let i = 0; i < 6; i++) { await lossOf(t.step()); counts.push(tf.memory().numTensors); }
      const r = await t.evaluate();
      counts.push(tf.memory().numTensors);
      expect(new Set(counts.slice(1)).size).toBe(1);
      const heads = testAccuracyNames(methodId).length;
      if (heads) {
        expect(r.headTop1).toHaveLength(heads);
        for (const a of r.headTop1!) { expect(a).toBeGreaterThanOrEqual(0); expect(a).toBeLessThanOrEqual(1); }
      } else expect(r.headTop1).toBeNull();
      const panels = await t.preview();
      expect(panels.length).toBeGreaterThan(0);
      expect(panels[0].rows.every((row) => row.count > 0)).toBe(true);
      // Every title, caption and label reads as English text, not as a catalog key.
      const texts = panels.flatMap((p) => [p.title, ...p.rows.flatMap((r) => [r.caption, ...(r.labels ?? [])])]).map(englishText);
      expect(texts.filter((x) => /^charts\./.test(x))).toEqual([]);
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('refuses a label-using method on a dataset without labels, with a message', () => {
    const unlabelled = { ...dataset, classNames: [], train: { ...dataset.train, labels: dataset.train.labels.map(() => -1) }, test: { ...dataset.test, labels: dataset.test.labels.map(() => -1) } };
    for (const m of ['sla', 's4l', 'supervised'] as const) {
      expect(() => new TrainingSession(tinyConfig(m, {}, SMALL[m]), unlabelled)).toThrow(/trains on labels/);
    }
  });
});

describe('Deep InfoMax prior matching', () => {
  it('the encoder optimizer never gets the prior discriminator; the discriminator has its own optimizer and learns', async () => {
    const minimize = vi.spyOn(tf.Optimizer.prototype, 'minimize');
    const { run, dispose } = createRun('dim', { gamma: 0.5, learningRate: 1e-5, priorLearningRate: 1e-2 });
    const batch = run.sampleBatch(createRng(2));
    await lossOf(run.trainStep(batch));
    const [encoderCall, discCall] = minimize.mock.calls;
    const encoderVars = encoderCall[2] as tf.Variable[], discVars = discCall[2] as tf.Variable[];
    expect(minimize.mock.instances[0]).not.toBe(minimize.mock.instances[1]); // two optimizers
    expect(encoderVars.some((v) => v.name.startsWith('dim-prior/'))).toBe(false);
    expect(discVars.length).toBeGreaterThan(0);
    expect(discVars.every((v) => v.name.startsWith('dim-prior/'))).toBe(true);
    minimize.mockRestore();
    // The discriminator's loss (last metric) falls over steps on a fixed batch: it is being trained.
    const disc: number[] = [];
    for (let i = 0; i < 15; i++) { const m = run.trainStep(batch); disc.push((await m.data())[6]); m.dispose(); }
    expect(disc[disc.length - 1]).toBeLessThan(disc[0]);
    dispose();
  });

  it('gamma 0 takes no discriminator step', async () => {
    const minimize = vi.spyOn(tf.Optimizer.prototype, 'minimize');
    const { run, dispose } = createRun('dim', { gamma: 0 });
    await lossOf(run.trainStep(run.sampleBatch(createRng(2))));
    expect(minimize.mock.calls.length).toBe(1);
    minimize.mockRestore();
    dispose();
  });
});

describe('CPC patch grid', () => {
  it('cuts each image into its own overlapping patches, row-major per image', async () => {
    // Pixel value encodes (image, y, x), so every patch pixel can be traced back.
    const [n, size] = [3, 12];
    const images = tf.tensor4d(Array.from({ length: n * size * size }, (_, i) => i), [n, size, size, 1]);
    const { patches, rows, cols } = extractPatches(images, 4, 2);
    expect([rows, cols]).toEqual([5, 5]);
    const p = await patches.array();
    for (let b = 0; b < n; b++) for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      const patch = p[(b * rows + r) * cols + c];
      for (const [y, x] of [[0, 0], [3, 1], [2, 3]]) expect(patch[y][x][0]).toBe((b * size + r * 2 + y) * size + c * 2 + x);
    }
  });
});

describe('SLA batch layout', () => {
  it('interleaves the four rotations per image and joint labels line up with them', async () => {
    const { run, dispose } = createRun('sla', { cropScaleMin: 1, flipProb: 0 });
    const batch = run.sampleBatch(createRng(3)) as SlaBatch;
    const n = batch.labels!.shape[0];
    expect(batch.images.shape[0]).toBe(4 * n);
    expect(Array.from(await batch.rotations.data())).toEqual(Array.from({ length: 4 * n }, (_, r) => r % 4));
    // Row 4i + 2 is row 4i turned by 180 degrees.
    const x = await batch.images.array();
    for (let i = 0; i < n; i++) {
      expect(x[4 * i + 2][0][0]).toEqual(x[4 * i][15][15]);
      expect(x[4 * i + 2][3][5]).toEqual(x[4 * i][12][10]);
    }
    dispose();
  });
});

describe('S4L labelled subset and batch', () => {
  it('10% is a fixed class-stratified subset, shared by any method asking for 10%', () => {
    const labels = dataset.train.labels;
    const a = labelledSubset(labels, 10), b = labelledSubset(labels, 10);
    expect(Array.from(a)).toEqual(Array.from(b));
    const classes = new Set(Array.from(a, (i) => labels[i]));
    expect(classes.size).toBe(6); // at least one image of every class
    expect(a.length).toBeLessThanOrEqual(Math.ceil(labels.length * 0.1) + 6);
    expect(labelledSubset(labels, 100).length).toBe(labels.length);
  });

  it('puts labelled rows first with mask 1, drawn from the labelled subset only', async () => {
    // No augmentation, so each row of a view is its training image.
    const noAugment = { cropScaleMin: 1, flipProb: 0, jitterProb: 0, grayscaleProb: 0, blurProb: 0 };
    const { run, dispose } = createRun('s4l', { variant: 'exemplar', labelledPercent: 10, ...noAugment });
    const batch = run.sampleBatch(createRng(1)) as S4lExemplarBatch;
    expect(Array.from(await batch.labelledMask.data())).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const subset = new Set(labelledSubset(dataset.train.labels, 10));
    const labelledRows = Array.from(batch.indices.slice(0, 3));
    for (const i of labelledRows) expect(subset.has(i)).toBe(true);
    expect(Array.from(batch.labelValues.slice(0, 3))).toEqual(labelledRows.map((i) => dataset.train.labels[i]));
    expect(Array.from(batch.labelValues.slice(3))).toEqual([-1, -1, -1, -1, -1, -1]);
    // The labelled rows show those images (the indices are what was drawn, not a record beside it).
    const imageBytes = 16 * 16 * 3;
    const view = await batch.views[0].data();
    for (const [r, i] of labelledRows.entries()) {
      const expected = dataset.train.images.subarray(i * imageBytes, (i + 1) * imageBytes);
      const row = view.subarray(r * imageBytes, (r + 1) * imageBytes);
      expect(Math.max(...Array.from(row, (v, k) => Math.abs(v - expected[k] / 255)))).toBeLessThan(1e-3);
    }
    dispose();
  });

  for (const variant of ['rotation', 'exemplar']) {
    it(`${variant}: the class loss ignores unlabelled rows' labels and uses every labelled row's`, async () => {
      const { run, dispose } = createRun('s4l', { variant });
      const batch = run.sampleBatch(createRng(1)) as S4lBatch;
      const labels = Array.from(await batch.labels.data());
      // metrics: [loss, posSim, negSim, classLoss, ...]
      const classLoss = async (l: number[]) => (await run.evaluateBatch({ ...batch, labels: tf.tensor1d(l, 'int32') }).data())[3];
      const before = await classLoss(labels);
      expect(before).toBeGreaterThan(0);
      const labelled = 3; // SMALL.s4l.labelledBatch
      expect(await classLoss(labels.map((y, r) => (r < labelled ? y : (y + 1 + r) % 6)))).toBeCloseTo(before, 6);
      for (const r of [0, labelled - 1]) {
        const changed = await classLoss(labels.map((y, k) => (k === r ? (y + 1) % 6 : y)));
        expect(Math.abs(changed - before)).toBeGreaterThan(1e-4);
      }
      dispose();
    });
  }
});
