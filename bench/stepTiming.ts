/** Times a TrainingSession's steps as the training loop runs them, and profiles one step's kernels. Browser worker and Node. */
import * as tf from '@tensorflow/tfjs';
import { generateShapesDataset } from '../src/data/shapes';
import { defaultRunConfig } from '../src/shared/config';
import { TrainingSession } from '../src/train/session';
import type { ConvGradientChoice } from '../src/kernels/convGradients';
import type { BenchRequest, ConvGradientMode, KernelTime, StepTiming } from './benchProtocol';

/** What forceConvGradients gets for a bench mode (null: the shipped per-backend table). */
export function convGradientChoiceFor(mode: ConvGradientMode): ConvGradientChoice | null {
  if (mode === 'ours') return null;
  if (mode === 'stock') return { filter: 'stock', input: 'stock' };
  return { filter: mode, input: 'stock' };
}

export async function timeSteps(req: Pick<BenchRequest, 'methodId' | 'params' | 'warmupSteps' | 'timedSteps' | 'readEvery'>): Promise<StepTiming> {
  const config = { ...defaultRunConfig(req.methodId), evalBankSize: 20, evalQuerySize: 10, evalEvery: 0 };
  config.params = { ...config.params, ...req.params };
  const trainer = new TrainingSession(config, generateShapesDataset(512, 20));
  try {
    const batch = Number(trainer.params.batchSize);
    let firstLoss = Number.NaN;
    for (let i = 0; i < req.warmupSteps; i++) {
      const m = trainer.step();
      const v = await m.data();
      if (i === 0) firstLoss = v[0];
      m.dispose();
    }
    const numTensorsBefore = tf.memory().numTensors;
    const start = performance.now();
    let pending: tf.Tensor1D[] = [];
    for (let i = 0; i < req.timedSteps; i++) {
      pending.push(trainer.step());
      if (pending.length >= req.readEvery || i === req.timedSteps - 1) {
        const stacked = tf.stack(pending);
        tf.dispose(pending);
        pending = [];
        await stacked.data();
        stacked.dispose();
      }
    }
    const msPerStep = (performance.now() - start) / req.timedSteps;
    const numTensorsAfter = tf.memory().numTensors;
    // Augmentation alone: one batch drawn and read back.
    const augStart = performance.now();
    await trainer.preview();
    const augmentMs = performance.now() - augStart;
    const topKernels = await profileStep(trainer);
    return { msPerStep, imagesPerSecond: (batch * 1000) / msPerStep, augmentMs, numTensorsBefore, numTensorsAfter, firstLoss, topKernels };
  } finally {
    trainer.dispose();
  }
}

/**
 * One step under tf.profile, kernel times summed by name. Kernels the project builds from tf ops
 * (src/kernels) count once as themselves and again through the kernels they run.
 */
async function profileStep(trainer: TrainingSession): Promise<KernelTime[]> {
  const info = await tf.profile(async () => { const m = trainer.step(); await m.data(); m.dispose(); });
  const byName = new Map<string, KernelTime>();
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : Number.NaN;
    const entry = byName.get(k.name) ?? { name: k.name, ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls++;
    byName.set(k.name, entry);
  }
  return [...byName.values()].sort((a, b) => (Number.isNaN(b.ms) ? -1 : b.ms) - (Number.isNaN(a.ms) ? -1 : a.ms)).slice(0, 5);
}
