import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LearningRateSchedule, learningRateFactor } from './lrSchedule';

describe('learning-rate schedule', () => {
  it('warms up linearly, then follows a half cosine towards 0 at the last step', () => {
    const s = { lrSchedule: 'cosine', warmupPercent: 10, totalSteps: 100 } as const;
    // 10 warm-up steps: 1/11 .. 10/11, then cos from 1 at step 10.
    expect(learningRateFactor(0, s)).toBeCloseTo(1 / 11, 12);
    expect(learningRateFactor(9, s)).toBeCloseTo(10 / 11, 12);
    expect(learningRateFactor(10, s)).toBe(1);
    expect(learningRateFactor(55, s)).toBeCloseTo(0.5, 12);
    expect(learningRateFactor(99, s)).toBeCloseTo(0.5 * (1 + Math.cos(Math.PI * 89 / 90)), 12);
    expect(learningRateFactor(99, s)).toBeGreaterThan(0);
    expect(learningRateFactor(150, s)).toBe(0);
    for (let i = 11; i < 100; i++) expect(learningRateFactor(i, s)).toBeLessThan(learningRateFactor(i - 1, s));
  });

  it('is 1 throughout when constant, and has no warm-up at 0%', () => {
    expect(learningRateFactor(37, { lrSchedule: 'constant', warmupPercent: 10, totalSteps: 100 })).toBe(1);
    expect(learningRateFactor(0, { lrSchedule: 'cosine', warmupPercent: 0, totalSteps: 100 })).toBe(1);
    expect(learningRateFactor(0, { lrSchedule: 'cosine', warmupPercent: 50, totalSteps: 1 })).toBe(1);
  });

  it('sets Adam and SGD rates, each relative to its own base rate', async () => {
    await tf.setBackend('cpu');
    const adam = tf.train.adam(0.01);
    const sgd = tf.train.momentum(0.1, 0.9);
    const schedule = new LearningRateSchedule([adam, sgd], { lrSchedule: 'cosine', warmupPercent: 0, totalSteps: 10 });
    schedule.apply(5);
    const f = 0.5 * (1 + Math.cos(Math.PI * 0.5));
    expect((adam as unknown as { learningRate: number }).learningRate).toBeCloseTo(0.01 * f, 12);
    expect((sgd as unknown as { learningRate: number }).learningRate).toBeCloseTo(0.1 * f, 12);
    // SGD's update reads its rate from a tensor: one variable, gradient 1, no momentum yet.
    const v = tf.variable(tf.scalar(1));
    const before = tf.memory().numTensors;
    sgd.minimize(() => v.mul(1).asScalar(), false, [v]);
    expect(v.dataSync()[0]).toBeCloseTo(1 - 0.1 * f, 6);
    schedule.apply(6);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1); // the momentum slot, the old rate freed
    adam.dispose(); sgd.dispose(); v.dispose();
  });
});
