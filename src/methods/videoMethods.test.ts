/**
 * The video methods of issue 7 (TCN multi- and single-view, Wang & Gupta, Shuffle and Learn) on
 * small procedural videos in Node: a step lowers the loss on a fixed batch, the metrics vector has
 * the spec's length, the trainer evaluates their held-out tasks without leaking tensors, and
 * unsuitable data is refused with a message.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { VideoDataset } from '../data/dataset';
import { imageViewOf } from '../data/imageView';
import { SMALL_VIDEO_PARAMS, tinyConfig, tinyMovingShapes, tinyShapes, tinyTurntable } from '../testing/fixtures';
import { TrainingSession } from '../train/session';
import { heldOutScoreSpecs, METHOD_SPECS, type MethodId } from './catalog';
import { CORE_METRICS } from './spec';
import { createTestRun, trainOnFixedBatch, type Params } from './testRuns';
import { cropPatches } from './wangGupta';

const movingShapes = tinyMovingShapes();
const turntable = tinyTurntable();
const SMALL = SMALL_VIDEO_PARAMS;

const createRun = (methodId: MethodId, video: VideoDataset, params: Params = {}) => createTestRun(methodId, video, { ...SMALL[methodId], ...params });

async function lossOf(m: tf.Tensor1D): Promise<number> {
  const v = (await m.data())[0];
  m.dispose();
  return v;
}

const CASES: [string, MethodId, VideoDataset, Params][] = [
  ['TCN multi-view (turntable)', 'tcn', turntable, { variant: 'multi-view' }],
  ['TCN single-view (moving shapes)', 'tcn', movingShapes, { variant: 'single-view' }],
  ['Wang & Gupta (moving shapes)', 'wang-gupta', movingShapes, {}],
  ['Shuffle and Learn (moving shapes)', 'shuffle-learn', movingShapes, {}],
];

describe.each(CASES)('%s step', (_name, methodId, video, params) => {
  it('lowers the loss on a fixed batch and reports the spec\'s metrics', async () => {
    const { run, dispose } = createRun(methodId, video, { learningRate: 3e-3, ...params });
    const { before, after } = await trainOnFixedBatch(run);
    expect(before.length).toBe(CORE_METRICS.length + METHOD_SPECS[methodId].extraMetrics.length);
    expect(Array.from(before).every(Number.isFinite)).toBe(true);
    expect(after).toBeLessThan(before[0] - 0.02);
    const [pos, neg] = [before[1], before[2]];
    for (const s of [pos, neg]) { expect(s).toBeGreaterThanOrEqual(-1 - 1e-5); expect(s).toBeLessThanOrEqual(1 + 1e-5); }
    dispose();
  });
});

/** Preview rows with a caption under each image (Wang & Gupta's anchor patches have none). */
const CAPTIONED_ROWS: Partial<Record<MethodId, number[]>> = { tcn: [0, 1, 2], 'wang-gupta': [0, 2, 3], 'shuffle-learn': [0, 1, 2] };

describe('trainer with the video methods', () => {
  for (const [name, methodId, video, params] of CASES) {
    it(`${name}: held-out score and kNN at an evaluation, numTensors flat, back to the start after dispose`, async () => {
      const start = tf.memory().numTensors;
      const t = new TrainingSession(tinyConfig(methodId, { maxSteps: 4 }, { ...SMALL[methodId], ...params }), imageViewOf(video), video);
      const counts: number[] = [];
      for (let i = 0; i < 4; i++) { await lossOf(t.step()); counts.push(tf.memory().numTensors); }
      const r = await t.evaluate();
      counts.push(tf.memory().numTensors);
      expect(new Set(counts.slice(1)).size).toBe(1);
      expect(r.knnTop1).not.toBeNull();
      expect(r.heldOutScores).toHaveLength(heldOutScoreSpecs(methodId).length);
      const [score] = r.heldOutScores!;
      if (methodId === 'tcn' && video === movingShapes) {
        // Single-view videos have no second view to align with: no score, and the reason.
        expect(score.value).toBeNull();
        expect(score.detail).toMatch(/two or more synchronised views/);
      } else {
        expect(score.value).not.toBeNull();
        expect(score.value!).toBeGreaterThanOrEqual(0);
        expect(score.value!).toBeLessThanOrEqual(1);
        expect(score.chance).toBeGreaterThan(0);
      }
      const panels = await t.preview();
      expect(panels[0].rows.length).toBeGreaterThanOrEqual(3);
      expect(panels[0].rows.every((row) => row.count > 0)).toBe(true);
      // The rows the method captions carry one label per image; the others none.
      panels[0].rows.forEach((row, k) => {
        if (CAPTIONED_ROWS[methodId]!.includes(k)) expect(row.labels).toHaveLength(row.count);
        else expect(row.labels).toBeUndefined();
      });
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('TCN alignment error of the multi-view turntable is measured against its chance level', async () => {
    const t = new TrainingSession(tinyConfig('tcn', {}, SMALL.tcn), imageViewOf(turntable), turntable);
    const [score] = (await t.evaluate()).heldOutScores!;
    // 16 frames: chance = (L^2 - 1) / (3 L^2).
    expect(score.chance).toBeCloseTo((16 * 16 - 1) / (3 * 16 * 16), 6);
    expect(score.detail).toMatch(/1 held-out scene/);
    t.dispose();
  });

  it('refuses unsuitable data with a message a user can act on', () => {
    for (const m of ['tcn', 'wang-gupta', 'shuffle-learn'] as const) {
      expect(() => new TrainingSession(tinyConfig(m, {}, SMALL[m]), tinyShapes())).toThrow(/trains on videos/);
    }
    expect(() => new TrainingSession(tinyConfig('tcn', {}, { ...SMALL.tcn, variant: 'multi-view' }), imageViewOf(movingShapes), movingShapes)).toThrow(/synchronised views/);
    const oneVideo: VideoDataset = { ...movingShapes, clips: movingShapes.clips.slice(0, 1) };
    expect(() => new TrainingSession(tinyConfig('wang-gupta', {}, SMALL['wang-gupta']), imageViewOf(oneVideo), oneVideo)).toThrow(/at least two videos/);
    const short: VideoDataset = { ...movingShapes, clips: movingShapes.clips.map((c) => ({ ...c, frameCount: 4, frames: c.frames.subarray(0, 4 * 16 * 16 * 3), timestamps: c.timestamps.subarray(0, 4) })) };
    expect(() => new TrainingSession(tinyConfig('shuffle-learn', {}, SMALL['shuffle-learn']), imageViewOf(short), short)).toThrow(/5 frames/);
  });
});

describe('the same seed gives every video method the same random-init encoder', () => {
  it('TCN, Wang & Gupta and Shuffle and Learn start from identical encoder weights', async () => {
    const first = async (methodId: MethodId, video: VideoDataset, params: Params = {}) => {
      const { run, dispose } = createRun(methodId, video, params);
      const w = await run.encoder.namedWeights()[0].tensor.data();
      dispose();
      return Array.from(w);
    };
    const tcnWeights = await first('tcn', movingShapes, { variant: 'single-view' });
    expect(await first('wang-gupta', movingShapes)).toEqual(tcnWeights);
    expect(await first('shuffle-learn', movingShapes)).toEqual(tcnWeights);
  });
});

describe('Wang & Gupta patches', () => {
  it('crop the box of the frame each patch names (resized from patch to frame size)', async () => {
    // 5 frames of 8x8: pixel (y, x) of frame f holds f * 100 + y * 8 + x in every channel.
    const frames = tf.tensor4d(Float32Array.from({ length: 5 * 8 * 8 * 3 }, (_, i) => { const p = Math.floor(i / 3); return Math.floor(p / 64) * 100 + (p % 64); }), [5, 8, 8, 3]);
    const crops = cropPatches(frames, [{ frame: 4, x: 2, y: 1 }, { frame: 1, x: 0, y: 4 }], 4);
    const v = await crops.data();
    // Corners of a 4 px box stretched to 8 px land exactly on the box's corner pixels.
    const at = (k: number, y: number, x: number) => v[((k * 8 + y) * 8 + x) * 3];
    expect([at(0, 0, 0), at(0, 7, 7)]).toEqual([4 * 100 + 1 * 8 + 2, 4 * 100 + 4 * 8 + 5]);
    expect([at(1, 0, 0), at(1, 7, 7)]).toEqual([1 * 100 + 4 * 8 + 0, 1 * 100 + 7 * 8 + 3]);
    tf.dispose([frames, crops]);
  });
});
