/// <reference lib="webworker" />
/** Times training steps of one method on one backend, in a dedicated worker like a real run. */
import * as tf from '@tensorflow/tfjs';
import { generateShapesDataset } from '../src/data/shapes';
import { defaultRunConfig } from '../src/shared/config';
import { Trainer } from '../src/train/trainer';
import { selectBackend } from '../src/worker/backend';
import type { BenchRequest, BenchResult } from './benchProtocol';

declare const self: DedicatedWorkerGlobalScope;

async function run(req: BenchRequest): Promise<BenchResult> {
  const info = await selectBackend(req.backend);
  const config = { ...defaultRunConfig(req.methodId), evalBankSize: 20, evalQuerySize: 10, evalEvery: 0 };
  config.params = { ...config.params, ...req.params };
  const trainer = new Trainer(config, generateShapesDataset(512, 20));
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
  const panels = await trainer.preview();
  const augmentMs = performance.now() - augStart;
  void panels;
  trainer.dispose();
  return {
    ok: true, backend: info.backend, adapter: info.adapter, methodId: req.methodId, msPerStep,
    imagesPerSecond: (batch * 1000) / msPerStep, augmentMs, numTensorsBefore, numTensorsAfter, firstLoss,
  };
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  run(e.data).then(
    (r) => self.postMessage(r),
    (err: unknown) => self.postMessage({ ok: false, backend: e.data.backend, methodId: e.data.methodId, error: err instanceof Error ? err.message : String(err) } satisfies BenchResult),
  );
};
