import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { tinyConfig, tinyShapes } from '../testing/fixtures';
import { TrainingLoop, type MetricsBatch } from './loop';
import { TrainingSession, type EvalResult } from './session';
import { imageViewOf } from '../data/imageView';
import { englishText } from '../i18n/render';
import { generateMovingShapes } from '../data/movingShapes';

const dataset = tinyShapes();

function recordingLoop(trainer: TrainingSession) {
  const metrics: MetricsBatch[] = [];
  const evals: number[] = [];
  const phases: string[] = [];
  const loop = new TrainingLoop(trainer, {
    metrics: (m) => metrics.push(m),
    evaluation: (r) => evals.push(r.step),
    phase: (p) => phases.push(p),
  });
  return { loop, metrics, evals, phases };
}

describe('training loop', () => {
  it('runs to maxSteps, reads metrics in batches and evaluates at step 0 and every evalEvery', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 5, metricsEvery: 2, evalEvery: 2 }), dataset);
    const { loop, metrics, evals } = recordingLoop(trainer);
    const end = await loop.run();
    expect(end).toEqual({ reason: 'completed', steps: 5 });
    expect(metrics.map((m) => [m.firstStep, m.rows])).toEqual([[1, 2], [3, 2], [5, 1]]);
    expect(metrics.every((m) => m.values.length === m.rows * trainer.metricNames.length)).toBe(true);
    expect(evals).toEqual([0, 2, 4, 5]);
    trainer.dispose();
  });

  it('draws the first loss points before the raw-pixel baseline, and says what it is doing', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 6, metricsEvery: 2, evalEvery: 4 }), dataset);
    const log: string[] = [];
    const loop = new TrainingLoop(trainer, {
      metrics: (m) => log.push(`metrics ${m.firstStep}`),
      evaluation: (r) => log.push(`evaluation ${r.step}`),
      phase: (p, detail) => log.push(detail ? `${p}: ${englishText(detail)}` : p),
      baseline: (b) => log.push(`baseline ${b ? 'raw' : 'none'}`),
    });
    await loop.run();
    const step0 = 'training: evaluating the random-init encoder (step 0: kNN, linear probe, map)';
    expect(log.slice(0, 11)).toEqual([
      'training',
      step0,
      // The evaluator says which part of the suite it is on.
      `${step0}: embedding held-out images (1 of 4)`, `${step0}: kNN (2 of 4)`, `${step0}: linear probe (3 of 4)`, `${step0}: similarity probe (4 of 4)`,
      'evaluation 0', 'training',
      'metrics 1',
      'training: raw-pixel baseline (kNN and linear probe on pixels)', 'baseline raw',
    ]);
    expect(log.filter((l) => l.startsWith('baseline'))).toHaveLength(1);
    expect(log).toContain('training: evaluating (kNN, linear probe, map)');
    trainer.dispose();
  });

  it('pauses without stepping, resumes, and stops early keeping what it recorded', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 50, metricsEvery: 1 }), dataset);
    const { loop, metrics, phases } = recordingLoop(trainer);
    const done = loop.run();
    while (trainer.stepCount < 2) await new Promise((r) => setTimeout(r, 5));
    loop.pause();
    await new Promise((r) => setTimeout(r, 50));
    const pausedAt = trainer.stepCount;
    await new Promise((r) => setTimeout(r, 400));
    expect(trainer.stepCount).toBe(pausedAt);
    expect(phases).toContain('paused');
    loop.resume();
    while (trainer.stepCount < pausedAt + 2) await new Promise((r) => setTimeout(r, 5));
    loop.stop();
    const end = await done;
    expect(end.reason).toBe('stopped');
    expect(end.steps).toBeLessThan(50);
    expect(metrics.reduce((n, m) => n + m.rows, 0)).toBe(end.steps);
    trainer.dispose();
  });

  it('a stop while paused ends the run without passing through "training"', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 50, metricsEvery: 1 }), dataset);
    const { loop, phases } = recordingLoop(trainer);
    const done = loop.run();
    while (trainer.stepCount < 1) await new Promise((r) => setTimeout(r, 5));
    loop.pause();
    while (!phases.includes('paused')) await new Promise((r) => setTimeout(r, 5));
    loop.stop();
    expect((await done).reason).toBe('stopped');
    expect(phases).toEqual(['training', 'paused']);
    trainer.dispose();
  });

  it('stops with a clear message on a non-finite loss and keeps the metrics so far', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 20, metricsEvery: 1 }), dataset);
    const realStep = trainer.step.bind(trainer);
    trainer.step = () => {
      const m = realStep();
      if (trainer.stepCount < 3) return m;
      const poisoned = tf.tidy(() => tf.concat([tf.tensor1d([Number.NaN]), m.slice(1)]) as tf.Tensor1D);
      m.dispose();
      return poisoned;
    };
    const { loop, metrics } = recordingLoop(trainer);
    const end = await loop.run();
    expect(end.reason).toBe('failed');
    expect(end.steps).toBe(3);
    expect(end.reason === 'failed' && englishText(end.message)).toMatch(/loss became NaN at step 3/);
    expect(metrics.map((m) => m.firstStep)).toEqual([1, 2, 3]);
    trainer.dispose();
  });

  it('interrupt (a lost GPU device) ends the run as interrupted with its message, the metrics so far flushed', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 30, metricsEvery: 4 }), dataset);
    const { loop, metrics } = recordingLoop(trainer);
    const done = loop.run();
    while (trainer.stepCount < 2) await new Promise((r) => setTimeout(r, 5));
    loop.interrupt('device lost (test)');
    const end = await done;
    expect(end).toEqual({ reason: 'interrupted', steps: trainer.stepCount, message: 'device lost (test)' });
    expect(metrics.reduce((n, m) => n + m.rows, 0)).toBe(trainer.stepCount);
    trainer.dispose();
  });

  it('beats about once a second, while stepping and while paused', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 1000, metricsEvery: 1 }), dataset);
    const beats: number[] = [];
    let paused = false;
    const loop = new TrainingLoop(trainer, { metrics: () => undefined, evaluation: () => undefined, phase: (p) => { paused = p === 'paused'; }, heartbeat: (step) => beats.push(step) });
    const done = loop.run();
    while (beats.length === 0) await new Promise((r) => setTimeout(r, 5));
    loop.pause();
    while (!paused) await new Promise((r) => setTimeout(r, 5));
    const before = beats.length;
    await new Promise((r) => setTimeout(r, 2300));
    expect(beats.length - before).toBeGreaterThanOrEqual(2);
    expect(beats.length - before).toBeLessThanOrEqual(3);
    loop.stop();
    await done;
    trainer.dispose();
  });

  it('a resumed session (steps already taken) skips the step-0 evaluation', async () => {
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 4, metricsEvery: 1, evalEvery: 2 }), dataset);
    trainer.step().dispose();
    trainer.step().dispose();
    const { loop, evals, metrics } = recordingLoop(trainer);
    await loop.run();
    expect(evals).toEqual([4]);
    expect(metrics.map((m) => m.firstStep)).toEqual([3, 4]);
    trainer.dispose();
  });

  it('an external failure (lost GPU device) ends the run with its message', async () => {
    const trainer = new TrainingSession(tinyConfig('moco', { maxSteps: 30, metricsEvery: 1 }), dataset);
    const { loop } = recordingLoop(trainer);
    const done = loop.run();
    while (trainer.stepCount < 1) await new Promise((r) => setTimeout(r, 5));
    loop.fail('The GPU device was lost (test)');
    const end = await done;
    expect(end).toMatchObject({ reason: 'failed', message: 'The GPU device was lost (test)' });
    trainer.dispose();
  });
});

describe('datasets without labels, and video datasets', () => {
  it('trains on an unlabelled dataset: no kNN or linear probe, but the similarity probe and the map points', async () => {
    const shapes = tinyShapes();
    const unlabelled = { ...shapes, classNames: [], train: { ...shapes.train, labels: shapes.train.labels.map(() => -1) }, test: { ...shapes.test, labels: shapes.test.labels.map(() => -1) } };
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 2, metricsEvery: 1, evalEvery: 1 }), unlabelled);
    expect(trainer.hasLabels).toBe(false);
    const results: EvalResult[] = [];
    const loop = new TrainingLoop(trainer, { metrics: () => undefined, evaluation: (r) => results.push(r), phase: () => undefined });
    expect(await loop.run()).toEqual({ reason: 'completed', steps: 2 });
    expect(results.map((r) => [r.step, r.knnTop1, r.linearTop1])).toEqual([[0, null, null], [1, null, null], [2, null, null]]);
    expect(results[0].similarity.posHist.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(results[0].embeddings.length).toBe(trainer.mapPoints().count * results[0].dim);
    expect(await trainer.evaluator.rawPixelBaseline()).toBeNull();
    trainer.dispose();
  });

  it('trains an image method on the frames of the moving-shapes videos and evaluates on held-out frames', async () => {
    const frames = imageViewOf(generateMovingShapes({ clipsPerClass: 1, framesPerClip: 10, size: 16 }));
    const trainer = new TrainingSession(tinyConfig('simclr', { maxSteps: 1, metricsEvery: 1, evalEvery: 1, evalBankSize: 48, evalQuerySize: 12 }), frames);
    expect(trainer.hasLabels).toBe(true);
    const points = trainer.mapPoints();
    expect(points.origin?.clipNames).toHaveLength(6);
    expect(Math.max(...points.origin!.frame)).toBe(9); // held-out frames are the last two of each clip
    expect(Math.min(...points.origin!.frame)).toBe(8);
    const { loop, evals } = recordingLoop(trainer);
    expect(await loop.run()).toEqual({ reason: 'completed', steps: 1 });
    expect(evals).toEqual([0, 1]);
    trainer.dispose();
  });
});
