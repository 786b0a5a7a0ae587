import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { SMALL_VIDEO_PARAMS, tinyConfig, tinyMovingShapes, tinyShapes, tinyTurntable } from '../testing/fixtures';
import type { MethodId } from '../methods/catalog';
import type { RunConfig } from '../shared/config';
import { imageViewOf } from '../data/imageView';
import type { ImageDataset, VideoDataset } from '../data/dataset';
import { checkpointProblem, sealCheckpoint, tensorsOf } from '../checkpoint/format';
import type { CheckpointState } from '../checkpoint/types';
import { readCapture } from './checkpointing';
import { TrainingSession } from './session';

interface Case { name: string; methodId: MethodId; params?: Record<string, number | string | boolean>; data: 'shapes' | 'moving' | 'turntable' }

/** Every method and variant, and an SGD run (momentum slots instead of Adam's moments). */
const CASES: Case[] = [
  { name: 'simclr', methodId: 'simclr', data: 'shapes' },
  { name: 'simclr (sgd)', methodId: 'simclr', params: { optimizer: 'sgd' }, data: 'shapes' },
  { name: 'moco v2', methodId: 'moco', data: 'shapes' },
  { name: 'moco v1', methodId: 'moco', params: { version: 'v1' }, data: 'shapes' },
  { name: 'cpc', methodId: 'cpc', params: { batchSize: 4, patchSize: 4, patchStride: 2, contextDim: 8 }, data: 'shapes' },
  { name: 'dim', methodId: 'dim', params: { alpha: 1 }, data: 'shapes' },
  { name: 'sla', methodId: 'sla', data: 'shapes' },
  { name: 's4l rotation', methodId: 's4l', data: 'shapes' },
  { name: 's4l exemplar (sgd)', methodId: 's4l', params: { variant: 'exemplar', optimizer: 'sgd' }, data: 'shapes' },
  { name: 'supervised', methodId: 'supervised', data: 'shapes' },
  { name: 'tcn multi-view', methodId: 'tcn', data: 'turntable' },
  { name: 'tcn single-view', methodId: 'tcn', params: { variant: 'single-view' }, data: 'moving' },
  { name: 'wang-gupta', methodId: 'wang-gupta', data: 'moving' },
  { name: 'shuffle-learn', methodId: 'shuffle-learn', data: 'moving' },
];

const shapes = tinyShapes();
const videos: Record<'moving' | 'turntable', VideoDataset> = { moving: tinyMovingShapes(), turntable: tinyTurntable() };

function configOf(c: Case): RunConfig {
  return tinyConfig(c.methodId, {}, { ...SMALL_VIDEO_PARAMS[c.methodId], ...c.params });
}

function sessionOf(c: Case): TrainingSession {
  if (c.data === 'shapes') return new TrainingSession(configOf(c), shapes);
  const video = videos[c.data];
  return new TrainingSession(configOf(c), imageViewOf(video) as ImageDataset, video);
}

/** The metrics vectors (loss first, then every other metric) of `steps` steps, read back one by one. */
async function losses(s: TrainingSession, steps: number): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    const m = s.step();
    out.push(Array.from(await m.data()));
    m.dispose();
  }
  return out;
}

async function stateOf(s: TrainingSession): Promise<CheckpointState> {
  return readCapture(await s.capture());
}

/** A sealed record around a state, as the worker writes it. */
const recordOf = (s: TrainingSession, state: CheckpointState) => sealCheckpoint({
  runId: 'r', step: s.stepCount, savedAt: 0, identity: { id: 'r', name: 'r', createdAt: 0, datasetRef: { id: 'shapes', name: 'shapes', fingerprint: '' } },
  config: s.config, backend: 'cpu', state,
  progress: { metricNames: [], points: [], evals: [], baseline: null, embeddings: null, wallMs: 0, msPerStep: 0, imagesPerSecond: 0 },
});

const S = 2;

describe('checkpoint capture and restore', () => {
  for (const c of CASES) {
    it(`${c.name}: capture, seal, structured clone and restore give back every variable, optimizer slot, step count, rng and counter`, async () => {
      const a = sessionOf(c);
      await losses(a, 3);
      const state = await stateOf(a);
      const record = structuredClone(await recordOf(a, state));
      expect(await checkpointProblem(record)).toBeNull();

      const b = sessionOf(c);
      await b.restore(record.state, record.step);
      expect(b.stepCount).toBe(3);
      const again = await stateOf(b);
      expect(again.tensors).toEqual(state.tensors);
      expect(new Float32Array(again.data)).toEqual(new Float32Array(state.data));
      expect(again.optimizers).toEqual(state.optimizers);
      expect(again.rngs).toEqual(state.rngs);
      expect(again.counters).toEqual(state.counters);

      // What is in it: every variable, Adam's two moments (or SGD's one accumulation) per trainable variable, every stream.
      const variables = tensorsOf(state, 'variables');
      expect(variables.length).toBeGreaterThan(0);
      expect(variables.every((t) => !t.name.includes('#'))).toBe(true);
      expect(state.optimizers.main).toEqual({ kind: c.params?.optimizer === 'sgd' ? 'Momentum' : 'Adam', iterations: 3 });
      const slots = tensorsOf(state, 'optimizer:main').length;
      const trainable = a['run'].variables().filter((v) => v.trainable).length;
      if (c.methodId !== 'dim') expect(slots).toBe((c.params?.optimizer === 'sgd' ? 1 : 2) * trainable);
      expect(Object.keys(state.rngs).sort()).toEqual(c.methodId === 'dim' ? ['batch', 'method:prior', 'preview'] : ['batch', 'preview']);
      if (c.methodId === 'moco') expect(state.counters).toEqual({ 'queue.pointer': 24 % 64, 'queue.filled': 24 });
      if (c.methodId === 'dim') expect(state.optimizers.prior).toEqual({ kind: 'Adam', iterations: 3 });
      // tfjs's Adam multiplies its bias-correction powers step by step; setWeights recomputes them as beta^(iterations + 1).
      if (c.params?.optimizer !== 'sgd') {
        const powers = async (s: TrainingSession) => {
          const opt = s['run'].checkpointParts().optimizers.main as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
          return [(await opt.accBeta1.data())[0], (await opt.accBeta2.data())[0]];
        };
        const [want, got] = [await powers(a), await powers(b)];
        got.forEach((x, i) => expect(x).toBeCloseTo(want[i], 6));
      }
      a.dispose();
      b.dispose();
    });
  }

  for (const c of CASES) {
    it(`${c.name}: a run resumed from its checkpoint at step ${S} computes the same losses for steps ${S + 1}..${2 * S} as one that never stopped`, async () => {
      const whole = sessionOf(c);
      const expected = (await losses(whole, 2 * S)).slice(S);
      whole.dispose();

      const first = sessionOf(c);
      await losses(first, S);
      const record = structuredClone(await recordOf(first, await stateOf(first)));
      // Steps the first session takes after the checkpoint must not leak into the resumed one.
      await losses(first, 1);
      first.dispose();
      const resumed = sessionOf(c);
      await resumed.restore(record.state, record.step);
      const got = await losses(resumed, S);
      resumed.dispose();
      // The loss and every metric beside it (DIM's discriminator loss sees the prior's rng and optimizer first).
      got.forEach((row, i) => row.forEach((x, k) => {
        const want = expected[i][k];
        expect(Math.abs(x - want), `step ${S + i + 1}, metric ${k}: ${x} vs ${want}`).toBeLessThanOrEqual(1e-4 * Math.max(1e-3, Math.abs(want)));
      }));
    });
  }

  it('capturing and restoring leaves no tensors behind', async () => {
    const c = CASES.find((x) => x.methodId === 'moco')!;
    const a = sessionOf(c);
    await losses(a, 1);
    const base = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await stateOf(a);
      (await a.capture()).tensors.forEach((t) => t.tensor.dispose());
      expect(tf.memory().numTensors).toBe(base);
    }
    const state = await stateOf(a);
    a.dispose();
    const before = tf.memory().numTensors;
    const b = sessionOf(c);
    const fresh = tf.memory().numTensors - before;
    await b.restore(state, 1);
    // The restored optimizer holds its moments (2 per trainable variable): nothing else stays.
    const slots = tensorsOf(state, 'optimizer:main').length;
    expect(tf.memory().numTensors - before).toBe(fresh + slots);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a checkpoint of another configuration before changing anything', async () => {
    const a = sessionOf(CASES[0]);
    await losses(a, 1);
    const state = await stateOf(a);
    a.dispose();
    const wider = new TrainingSession(tinyConfig('simclr', {}, { width: 8 }), shapes);
    const before = await stateOf(wider);
    await expect(wider.restore(state, 1)).rejects.toThrow(/variable 0 \(simclr\/stem\/kernel\) has shape/);
    expect(wider.stepCount).toBe(0);
    expect(new Float32Array((await stateOf(wider)).data)).toEqual(new Float32Array(before.data));
    wider.dispose();
  });
});
