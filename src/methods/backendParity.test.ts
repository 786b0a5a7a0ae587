/**
 * Every method and variant, one training step on wasm and on cpu from the same seed (so the same
 * initial weights and the same batch draws): loss, metrics, every updated variable, an
 * evaluation and a preview must agree to float32 precision. wasm 4.22 has silently wrong kernels
 * (batched GatherV2 gave Wang & Gupta's loss 0.5200 against 0.5279 on cpu), so "it runs" is not
 * enough; and numTensors must stay flat over wasm steps.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { imageViewOf } from '../data/imageView';
import type { ImageDataset, VideoDataset } from '../data/dataset';
import { startNodeBackend } from '../node/backend';
import { SMALL_VIDEO_PARAMS, tinyConfig, tinyMovingShapes, tinyShapes, tinyTurntable } from '../testing/fixtures';
import { TrainingSession } from '../train/session';
import type { MethodId } from './catalog';

await startNodeBackend('cpu');

type Params = Record<string, number | string | boolean>;
const shapes = tinyShapes();
const movingShapes = tinyMovingShapes();
const turntable = tinyTurntable();

const CASES: [string, MethodId, ImageDataset | VideoDataset, Params][] = [
  ['SimCLR', 'simclr', shapes, {}],
  ['MoCo v2', 'moco', shapes, { version: 'v2' }],
  ['MoCo v1', 'moco', shapes, { version: 'v1' }],
  ['CPC', 'cpc', shapes, { batchSize: 4, patchSize: 4, patchStride: 2, contextDim: 8 }],
  ['DIM JSD, local + global + prior', 'dim', shapes, { estimator: 'jsd', alpha: 0.5, gamma: 0.1 }],
  ['DIM InfoNCE', 'dim', shapes, { estimator: 'infonce' }],
  ['DIM DV', 'dim', shapes, { estimator: 'dv' }],
  ['SLA + SD', 'sla', shapes, {}],
  ['S4L rotation', 's4l', shapes, { variant: 'rotation' }],
  ['S4L exemplar', 's4l', shapes, { variant: 'exemplar' }],
  ['supervised', 'supervised', shapes, {}],
  ['TCN multi-view', 'tcn', turntable, { variant: 'multi-view', ...SMALL_VIDEO_PARAMS.tcn }],
  ['TCN single-view', 'tcn', movingShapes, { variant: 'single-view', ...SMALL_VIDEO_PARAMS.tcn }],
  ['Wang & Gupta', 'wang-gupta', movingShapes, SMALL_VIDEO_PARAMS['wang-gupta']],
  ['Shuffle and Learn', 'shuffle-learn', movingShapes, SMALL_VIDEO_PARAMS['shuffle-learn']],
];

interface Observed {
  metrics: Float32Array;
  variables: Float32Array[];
  knn: number | null;
  linear: number | null;
  embeddings: Float32Array;
  preview: Uint8ClampedArray[];
  tensorsAfterSteps: number[];
}

async function observe(backend: 'cpu' | 'wasm', methodId: MethodId, data: ImageDataset | VideoDataset, params: Params): Promise<Observed> {
  await tf.setBackend(backend);
  const config = tinyConfig(methodId, { seed: 3, evalBankSize: 24, evalQuerySize: 12 }, params);
  const trainer = new TrainingSession(config, data.kind === 'video' ? imageViewOf(data) : data, data.kind === 'video' ? data : undefined);
  try {
    const m = trainer.step();
    const metrics = await m.data() as Float32Array;
    m.dispose();
    const run = (trainer as unknown as { run: { variables(): tf.Variable[] } }).run;
    const variables = await Promise.all(run.variables().map((v) => v.data() as Promise<Float32Array>));
    // Evaluated after the one step: later steps amplify float32 noise (CPC's losses part in the
    // 4th significant digit by step 4), which says nothing about the kernels.
    const evaluation = await trainer.evaluate();
    const preview = (await trainer.preview()).flatMap((p) => p.rows.map((r) => r.rgba));
    const tensorsAfterSteps: number[] = [];
    for (let i = 0; i < 3; i++) { trainer.step().dispose(); tensorsAfterSteps.push(tf.memory().numTensors); }
    return { metrics, variables, knn: evaluation.knnTop1, linear: evaluation.linearTop1, embeddings: evaluation.embeddings, preview, tensorsAfterSteps };
  } finally {
    trainer.dispose();
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe.each(CASES)('%s on wasm matches cpu', (_name, methodId, data, params) => {
  it('one step (loss, metrics, updated weights), then an evaluation and a preview; numTensors flat on wasm', async () => {
    const cpu = await observe('cpu', methodId, data, params);
    const wasm = await observe('wasm', methodId, data, params);
    await tf.setBackend('cpu');
    expect(Number.isFinite(wasm.metrics[0])).toBe(true);
    // Loss and metrics to float32 precision (relative to their size).
    for (let i = 0; i < cpu.metrics.length; i++) expect(Math.abs(wasm.metrics[i] - cpu.metrics[i]), `metric ${i}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu.metrics[i])));
    // Adam's first step moves each weight by about lr * g / |g|: the same on both backends except
    // where g is within float32 noise of 0 (near Adam's epsilon, or a gradient that is 0 in exact
    // arithmetic, or one CPC's long sums leave at 1% of its neighbours'), where the noise picks
    // the sign. So: at most 1% of each variable's weights (and at most 2) more than half a
    // learning rate apart (a wrong gradient moves most weights the other way: 2 lr), none more
    // than a sign flip apart, and nearly all equal.
    const lr = Number(tinyConfig(methodId, {}, params).params.learningRate);
    expect(wasm.variables.length).toBe(cpu.variables.length);
    let total = 0, count = 0;
    cpu.variables.forEach((v, i) => {
      let apart = 0;
      for (let j = 0; j < v.length; j++) {
        const d = Math.abs(wasm.variables[i][j] - v[j]);
        total += d;
        if (d >= 0.5 * lr) apart++;
      }
      expect(apart, `variable ${i}: weights more than lr / 2 apart, of ${v.length}`).toBeLessThanOrEqual(Math.max(2, 0.01 * v.length));
      expect(maxAbsDiff(wasm.variables[i], v), `variable ${i}`).toBeLessThan(2.01 * lr);
      count += v.length;
    });
    expect(total / count, 'mean weight difference').toBeLessThan(1e-6);
    // Relative to the embeddings' size (a weight or two a sign flip apart shows in them).
    const scale = Math.max(1, ...Array.from(cpu.embeddings, Math.abs));
    expect(maxAbsDiff(wasm.embeddings, cpu.embeddings), `embeddings (largest ${scale.toFixed(2)})`).toBeLessThan(5e-3 * scale);
    expect(Math.abs(wasm.knn! - cpu.knn!)).toBeLessThanOrEqual(1 / 12 + 1e-9); // at most one of 12 queries flips (a near tie)
    if (cpu.linear !== null) expect(Math.abs(wasm.linear! - cpu.linear)).toBeLessThanOrEqual(1 / 12 + 1e-9); // at most one of 12 queries flips
    expect(wasm.preview.length).toBe(cpu.preview.length);
    wasm.preview.forEach((p, i) => expect(maxAbsDiff(p, cpu.preview[i]), `preview row ${i}`).toBeLessThanOrEqual(2));
    expect(new Set(wasm.tensorsAfterSteps).size, `numTensors over steps: ${wasm.tensorsAfterSteps}`).toBe(1);
  });
});
