import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/render';
import { inGamutBins, labToRgb, rebalanceWeights, rgbToLab, srgbToLab } from '../losses/lab';
import { createRng } from '../shared/rng';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { TrainingSession } from '../train/session';
import { annealedMean, rebalancedCrossEntropy, type ColorizationBatch } from './colorization';
import { assertDatasetFits, datasetProblem } from './requirements';
import { createTestRun, disposeBatch, trainOnFixedBatch } from './testRuns';
import { draftDatasetTraits } from '../ui/draftDatasetTraits';

const dataset = tinyShapes();

describe('sRGB -> Lab', () => {
  // Reference values (D65): white, mid grey, pure red, green and blue.
  const KNOWN: [number[], number[]][] = [
    [[1, 1, 1], [100, 0, 0]],
    [[0.5, 0.5, 0.5], [53.389, 0, 0]],
    [[1, 0, 0], [53.241, 80.092, 67.203]],
    [[0, 1, 0], [87.735, -86.183, 83.179]],
    [[0, 0, 1], [32.297, 79.188, -107.86]],
    [[0, 0, 0], [0, 0, 0]],
  ];

  it('gives the known Lab of white, grey, red, green, blue and black (plain JS and on the backend)', async () => {
    const onBackend = await rgbToLab(tf.tensor4d(KNOWN.flatMap(([rgb]) => rgb), [1, KNOWN.length, 1, 3])).data();
    KNOWN.forEach(([rgb, lab], i) => {
      const js = srgbToLab(rgb[0], rgb[1], rgb[2]);
      for (let c = 0; c < 3; c++) {
        expect(js[c]).toBeCloseTo(lab[c], 1);
        expect(onBackend[i * 3 + c]).toBeCloseTo(lab[c], 1);
      }
    });
  });

  it('Lab -> sRGB takes it back', async () => {
    const rgb = tf.randomUniform([1, 4, 4, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const back = labToRgb(rgbToLab(rgb));
    expect((await back.sub(rgb).abs().max().data())[0]).toBeLessThan(1e-3);
  });

  it('finds the in-gamut ab bins: about the paper\'s 313 at grid 10, fewer at the browser-scale 20', () => {
    expect(inGamutBins(10).length).toBeGreaterThan(250);
    expect(inGamutBins(10).length).toBeLessThan(340);
    const coarse = inGamutBins(20);
    expect(coarse.length).toBeGreaterThan(50);
    expect(coarse.length).toBeLessThan(110);
  });
});

describe('colorization loss', () => {
  it('rebalanced cross-entropy and the annealed mean match plain loops', async () => {
    const logits = [[2, 0, -1], [0.5, 0.5, 3], [-1, 2, 0], [1, 1, 1]];
    const targets = [0, 2, 1, 2];
    const weights = [0.5, 2, 1.5];
    let ref = 0;
    logits.forEach((z, p) => {
      const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
      ref += weights[targets[p]] * (lse - z[targets[p]]);
    });
    ref /= logits.length;
    const got = await rebalancedCrossEntropy(tf.tensor2d(logits), tf.tensor1d(targets, 'int32'), tf.tensor1d(weights)).data();
    expect(got[0]).toBeCloseTo(ref, 5);

    const centres = [[-20, 10], [0, 0], [30, -40]];
    const T = 0.38;
    const mean = await annealedMean(tf.tensor2d(logits), tf.tensor2d(centres), T).data();
    logits.forEach((z, p) => {
      const e = z.map((v) => Math.exp(v / T));
      const s = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < 2; c++) expect(mean[p * 2 + c]).toBeCloseTo(e.reduce((a, v, q) => a + (v / s) * centres[q][c], 0), 3);
    });
  });

  it('rebalancing weights rare bins up (lambda 0.5), expectation 1 under the smoothed frequencies; lambda 1 gives all ones', async () => {
    const centres: [number, number][] = [[-50, 0], [0, 0], [50, 0]];
    const counts = tf.tensor1d([90, 9, 1]);
    const w = Array.from(await rebalanceWeights(counts, centres, 0.5).data());
    // Bins 50 apart: the sigma-5 smoothing leaves the frequencies as they are.
    const p = [0.9, 0.09, 0.01];
    const raw = p.map((x) => 1 / (0.5 * x + 0.5 / 3));
    const norm = p.reduce((s, x, i) => s + x * raw[i], 0);
    raw.forEach((r, i) => expect(w[i]).toBeCloseTo(r / norm, 4));
    expect(w[2]).toBeGreaterThan(w[0]);
    expect(Array.from(await rebalanceWeights(counts, centres, 1).data()).every((x) => Math.abs(x - 1) < 1e-5)).toBe(true);
  });
});

describe('colorization method', () => {
  it('refuses a grayscale dataset (Fashion-MNIST) through the requirement check, in the setup panel and on the training side', () => {
    const traits = draftDatasetTraits('fashion-mnist', undefined)!;
    const problem = datasetProblem('colorization', traits);
    expect(englishText(problem!)).toMatch(/^Colorization predicts colour from lightness: ".*Fashion-MNIST.*" is grayscale/);
    expect(datasetProblem('colorization', draftDatasetTraits('shapes', undefined)!)).toBeNull();
    expect(datasetProblem('inpainting', traits)).toBeNull();
    expect(() => assertDatasetFits('colorization', { name: 'gray', kind: 'images', usableClasses: 10, channels: 1 })).toThrow(/is grayscale/);
    const gray = { ...dataset, channels: 1 as const, train: { ...dataset.train, images: dataset.train.images.filter((_, i) => i % 3 === 0) }, test: { ...dataset.test, images: dataset.test.images.filter((_, i) => i % 3 === 0) } };
    expect(() => new TrainingSession(tinyConfig('colorization'), gray)).toThrow(/is grayscale/);
  });

  it('the encoder sees lightness only: L / 100 in three equal channels; ab at half resolution', async () => {
    const { run, dispose } = createTestRun('colorization', dataset, { batchSize: 4 });
    const b = run.sampleBatch(createRng(3)) as ColorizationBatch;
    const gray = await b.gray.array();
    // Three equal channels.
    expect(gray[0][3][5][0]).toBeCloseTo(gray[0][3][5][1], 6);
    expect(gray[0][3][5][0]).toBeCloseTo(gray[0][3][5][2], 6);
    const [L] = srgbToLab(...((await b.images.array())[0][3][5] as [number, number, number]));
    expect(gray[0][3][5][0]).toBeCloseTo(L / 100, 3);
    expect(b.ab.shape).toEqual([4, 8, 8, 2]);
    disposeBatch(b);
    dispose();
  });

  for (const target of ['classes', 'regression'] as const) {
    it(`${target}: a step lowers the loss on a fixed batch`, async () => {
      const { run, dispose } = createTestRun('colorization', dataset, { batchSize: 8, learningRate: 3e-3, target });
      const { before, after } = await trainOnFixedBatch(run, 10);
      expect(after).toBeLessThan(before[0] * 0.9);
      dispose();
    });

    it(`${target}: numTensors flat over steps and evaluations; held-out bin accuracy with its reference; preview rows; back to the start`, async () => {
      const start = tf.memory().numTensors;
      const t = new TrainingSession(tinyConfig('colorization', { maxSteps: 4 }, { target }), dataset);
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) { const m = t.step(); await m.data(); m.dispose(); counts.push(tf.memory().numTensors); }
      const r = await t.evaluate();
      counts.push(tf.memory().numTensors);
      await t.evaluate();
      counts.push(tf.memory().numTensors);
      expect(new Set(counts.slice(1)).size).toBe(1);
      const [score] = r.heldOutScores!;
      expect(score.value).toBeGreaterThanOrEqual(0);
      expect(score.value).toBeLessThanOrEqual(1);
      expect(score.chance).toBeGreaterThan(0);
      expect(englishText(score.detail)).toMatch(/^12 held-out images, \d+ ab bins.*Mean ab error [\d.]+ \(the mean colour: [\d.]+\)/);
      const panels = await t.preview();
      expect(panels[0].rows.map((row) => englishText(row.caption))).toEqual(['gray input (L)', 'prediction', 'truth']);
      expect(englishText(panels[0].title)).not.toMatch(/^charts\./);
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
