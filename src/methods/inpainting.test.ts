import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/render';
import { maskedReconstruction } from '../losses/inpainting';
import { upsampleNearest2x } from '../models/decoder';
import { createRng } from '../shared/rng';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { TrainingSession } from '../train/session';
import { drawSquares, holeMasks, type InpaintingBatch } from './inpainting';
import { createTestRun, disposeBatch, trainOnFixedBatch } from './testRuns';

const dataset = tinyShapes();

/** Plain-loop reference of the loss: mean over hole and band of weight * squared error. */
function referenceLoss(pred: number[], target: number[], hole: number[], band: number[], w: number, channels: number): { loss: number; hole: number; context: number } {
  let weighted = 0, region = 0, holeSum = 0, holeCount = 0, ctxSum = 0, ctxCount = 0;
  for (let p = 0; p < hole.length; p++) {
    for (let c = 0; c < channels; c++) {
      const d = (pred[p * channels + c] - target[p * channels + c]) ** 2;
      if (hole[p]) { weighted += d; region++; holeSum += d; holeCount++; } else { ctxSum += d; ctxCount++; }
      if (band[p]) { weighted += w * d; region++; }
    }
  }
  return { loss: weighted / region, hole: holeSum / holeCount, context: ctxSum / ctxCount };
}

describe('context encoder loss', () => {
  const [n, h, w] = [2, 6, 6];
  const pred = tf.randomUniform([n, h, w, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
  const target = tf.randomUniform([n, h, w, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
  const squares = [{ top: 1, left: 2, size: 3 }, { top: 0, left: 0, size: 2 }];

  it('matches a plain-loop computation, with and without the context band', async () => {
    for (const [overlap, weight] of [[0, 10], [1, 10], [2, 3]] as const) {
      const { hole, band } = holeMasks(squares, h, w, overlap);
      const r = maskedReconstruction(pred, target, hole, band, weight);
      const ref = referenceLoss(Array.from(await pred.data()), Array.from(await target.data()), Array.from(await hole.data()), Array.from(await band.data()), weight, 3);
      expect((await r.loss.data())[0]).toBeCloseTo(ref.loss, 5);
      expect((await r.hole.data())[0]).toBeCloseTo(ref.hole, 5);
      expect((await r.context.data())[0]).toBeCloseTo(ref.context, 5);
      if (overlap === 0) expect((await r.loss.data())[0]).toBeCloseTo(ref.hole, 5);
    }
  });

  it('ignores every pixel outside the hole: changing them (prediction or truth) does not move the loss, and their gradient is zero', async () => {
    const { hole, band } = holeMasks(squares, h, w, 0);
    const outside = tf.onesLike(hole).sub(hole);
    const noise = tf.randomUniform([n, h, w, 3], -1, 1, 'float32', 9).mul(outside) as tf.Tensor4D;
    const base = (await maskedReconstruction(pred, target, hole, band, 10).loss.data())[0];
    const predMoved = (await maskedReconstruction(pred.add(noise) as tf.Tensor4D, target, hole, band, 10).loss.data())[0];
    const truthMoved = (await maskedReconstruction(pred, target.add(noise) as tf.Tensor4D, hole, band, 10).loss.data())[0];
    expect(predMoved).toBe(base);
    expect(truthMoved).toBe(base);
    const grad = tf.grad((x: tf.Tensor) => maskedReconstruction(x as tf.Tensor4D, target, hole, band, 10).loss)(pred);
    expect((await grad.mul(outside).abs().max().data())[0]).toBe(0);
    expect((await grad.mul(hole).abs().max().data())[0]).toBeGreaterThan(0);
  });

  it('draws central squares in the middle and random ones inside the image', () => {
    expect(drawSquares(null, 2, 32, 32, 0.5)).toEqual([{ top: 8, left: 8, size: 16 }, { top: 8, left: 8, size: 16 }]);
    const random = drawSquares(createRng(1), 50, 16, 16, 0.25);
    expect(random.every((s) => s.top >= 0 && s.left >= 0 && s.top + 4 <= 16 && s.left + 4 <= 16)).toBe(true);
    expect(new Set(random.map((s) => `${s.top},${s.left}`)).size).toBeGreaterThan(10);
  });

  it('upsamples by repeating each pixel into a 2 x 2 block', async () => {
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    expect(Array.from(await upsampleNearest2x(x).data())).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });
});

describe('context encoder method', () => {
  it('hides the hole from the encoder: the masked input is the mean colour there, whatever the truth', async () => {
    const { run, dispose } = createTestRun('inpainting', dataset, { batchSize: 4 });
    const b = run.sampleBatch(createRng(2)) as InpaintingBatch;
    const masked = await b.masked.array();
    const truth = await b.images.array();
    // Centre 8 x 8 of 16 px: every hole pixel of every image holds the same colour.
    const colour = masked[0][4][4];
    for (let i = 0; i < 4; i++) for (let y = 4; y < 12; y++) for (let x = 4; x < 12; x++) expect(masked[i][y][x]).toEqual(colour);
    // Outside the hole the input is the image itself.
    expect(masked[1][0][0]).toEqual(truth[1][0][0]);
    disposeBatch(b);
    dispose();
  });

  it('a step lowers the loss on a fixed batch', async () => {
    const { run, dispose } = createTestRun('inpainting', dataset, { batchSize: 8, learningRate: 3e-3 });
    const { before, after } = await trainOnFixedBatch(run, 10);
    expect(after).toBeLessThan(before[0] * 0.9);
    dispose();
  });

  for (const maskShape of ['central', 'random'] as const) {
    it(`${maskShape}: numTensors flat over steps and an evaluation; held-out hole MSE beside the mean image's; preview rows; back to the start after dispose`, async () => {
      const start = tf.memory().numTensors;
      const t = new TrainingSession(tinyConfig('inpainting', { maxSteps: 4 }, { maskShape }), dataset);
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) { const m = t.step(); await m.data(); m.dispose(); counts.push(tf.memory().numTensors); }
      const r = await t.evaluate();
      counts.push(tf.memory().numTensors);
      await t.evaluate();
      counts.push(tf.memory().numTensors);
      expect(new Set(counts.slice(1)).size).toBe(1);
      const [score] = r.heldOutScores!;
      expect(score.value).toBeGreaterThan(0);
      expect(score.chance).toBeGreaterThan(0);
      expect(englishText(score.detail)).toMatch(/^12 held-out images/);
      const panels = await t.preview();
      expect(panels[0].rows.map((row) => englishText(row.caption))).toEqual(['masked input', 'prediction (in the hole)', 'truth']);
      expect(englishText(panels[0].title)).not.toMatch(/^charts\./);
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});
