/// <reference lib="webworker" />
/**
 * One training run per dedicated worker: its own tfjs engine and GPU device. Receives ToWorker
 * messages, posts FromWorker messages; imports no UI.
 */
import { loadBuiltinDataset } from '../data/builtin';
import type { RunConfig } from '../shared/config';
import type { FromWorker, PreviewPanelMessage, ToWorker } from '../shared/protocol';
import { TrainingLoop } from '../train/loop';
import { Trainer } from '../train/trainer';
import { selectBackend, watchDeviceLoss } from './backend';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

/** Yields to the message queue (pause / stop) without setTimeout's 4 ms clamp. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToMessages = () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

async function fetchPublic(path: string): Promise<Uint8Array> {
  const url = new URL(`${import.meta.env.BASE_URL}${path}`, self.location.origin);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let loop: TrainingLoop | null = null;
let trainer: Trainer | null = null;
/** Set when the GPU device is lost, whatever the run was doing then. */
let deviceLost: string | null = null;

function throwIfDeviceLost(): void {
  if (deviceLost) throw new Error(deviceLost);
}

function sendPreview(panels: Awaited<ReturnType<Trainer['preview']>>): void {
  const message: PreviewPanelMessage[] = panels;
  post({ type: 'preview', panels: message }, panels.flatMap((p) => p.rows.map((r) => r.rgba.buffer)));
}

async function start(config: RunConfig, previewOnly: boolean): Promise<void> {
  post({ type: 'phase', phase: 'starting', detail: 'starting the backend' });
  const info = await selectBackend(config.backend);
  if (info.backend === 'webgpu') watchDeviceLoss((message) => { deviceLost = message; loop?.fail(message); });
  post({ type: 'backend', info });
  post({ type: 'phase', phase: 'loading-data', detail: `loading ${config.datasetId}` });
  const dataset = await loadBuiltinDataset(config.datasetId, fetchPublic);
  throwIfDeviceLost();
  post({
    type: 'dataset',
    summary: {
      id: dataset.id, name: dataset.name, trainCount: dataset.train.count, testCount: dataset.test.count,
      height: dataset.height, width: dataset.width, channels: dataset.channels, classNames: dataset.classNames, source: dataset.source,
    },
  });
  post({ type: 'phase', phase: 'building', detail: 'building the model' });
  trainer = new Trainer(config, dataset);
  if (trainer.paramIssues.length) post({ type: 'paramIssues', issues: trainer.paramIssues });
  sendPreview(await trainer.preview());
  throwIfDeviceLost();
  if (previewOnly) {
    post({ type: 'ended', reason: 'completed', steps: 0 });
    return;
  }

  const batchSize = trainer.batchSize;
  const names = trainer.metricNames;
  loop = new TrainingLoop(trainer, {
    phase: (phase) => post({ type: 'phase', phase }),
    metrics: (m) => post({
      type: 'metrics', names, firstStep: m.firstStep, rows: m.rows, values: m.values, msPerStep: m.msPerStep,
      imagesPerSecond: (batchSize * 1000) / m.msPerStep, numTensors: m.numTensors,
    }, [m.values.buffer]),
    evaluation: (r) => post({ type: 'evaluation', step: r.step, knnTop1: r.knnTop1, ms: r.ms }),
  }, yieldToMessages);
  const end = await loop.run();
  post({ type: 'phase', phase: end.reason });
  post({ type: 'ended', ...end });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'start':
    case 'previewOnly':
      start(msg.config, msg.type === 'previewOnly').catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        post({ type: 'phase', phase: 'failed', detail: message });
        post({ type: 'ended', reason: 'failed', steps: trainer?.stepCount ?? 0, message });
      });
      break;
    case 'pause':
      loop?.pause();
      break;
    case 'resume':
      loop?.resume();
      break;
    case 'stop':
      loop?.stop();
      break;
    case 'preview':
      trainer?.preview().then(sendPreview).catch(() => undefined);
      break;
  }
};
