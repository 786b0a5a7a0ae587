/// <reference lib="webworker" />
/**
 * One training run per dedicated worker: its own tfjs engine and GPU device. Receives ToWorker
 * messages, posts FromWorker messages; imports no UI.
 */
import { loadBuiltinDataset } from '../data/builtin';
import { isBuiltinDatasetId } from '../data/catalog';
import { loadDataset } from '../data/datasetCache';
import type { Dataset } from '../data/dataset';
import { imageViewOf } from '../data/imageView';
import { summarize } from '../data/summary';
import { defaultRunConfig, type RunConfig } from '../shared/config';
import { defaultParams } from '../shared/params';
import { METHOD_SPECS } from '../methods/catalog';
import type { FromWorker, ImportedEncoder, PreviewImagePanel, ToWorker } from '../shared/protocol';
import { RAW_PIXEL_BASELINE, TrainingLoop } from '../train/loop';
import { Trainer } from '../train/trainer';
import { selectBackend, watchDeviceLoss } from './backend';
import { fetchPublic } from './fetchPublic';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

/** Yields to the message queue (pause / stop) without setTimeout's 4 ms clamp. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToMessages = () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

let loop: TrainingLoop | null = null;
let trainer: Trainer | null = null;
/** Set when the GPU device is lost, whatever the run was doing then. */
let deviceLost: string | null = null;

function throwIfDeviceLost(): void {
  if (deviceLost) throw new Error(deviceLost);
}

function sendPreview(panels: Awaited<ReturnType<Trainer['preview']>>): void {
  const message: PreviewImagePanel[] = panels;
  post({ type: 'preview', panels: message }, panels.flatMap((p) => p.rows.map((r) => r.rgba.buffer)));
}

/** The run's dataset: sent along (a dropped one that could not be cached), built in, or from IndexedDB. */
async function resolveDataset(id: string, provided: Dataset | undefined): Promise<Dataset> {
  if (provided) return provided;
  if (isBuiltinDatasetId(id)) return loadBuiltinDataset(id, fetchPublic);
  const cached = await loadDataset(id);
  if (!cached) throw new Error(`The dataset "${id}" is no longer in this browser's storage (forgotten or cleared): drop its files again.`);
  return cached;
}

async function start(config: RunConfig, previewOnly: boolean, provided: Dataset | undefined, imported?: ImportedEncoder): Promise<void> {
  post({ type: 'phase', phase: 'starting', detail: 'starting the backend' });
  const info = await selectBackend(config.backend);
  if (info.backend === 'webgpu') watchDeviceLoss((message) => { deviceLost = message; loop?.fail(message); });
  post({ type: 'backend', info });
  post({ type: 'phase', phase: 'loading-data', detail: `loading ${config.datasetId}` });
  const raw = await resolveDataset(config.datasetId, provided);
  const dataset = imageViewOf(raw);
  throwIfDeviceLost();
  const { id, name, kind, height, width, channels, classNames, trainCount, testCount, unlabelled } = summarize(dataset, '');
  post({ type: 'dataset', summary: { id, name, kind, height, width, channels, classNames, trainCount, testCount, unlabelled } });
  post({ type: 'phase', phase: 'building', detail: 'building the model' });
  trainer = new Trainer(config, dataset, raw.kind === 'video' ? raw : undefined);
  if (trainer.paramIssues.length) post({ type: 'paramIssues', issues: trainer.paramIssues });
  if (!trainer.hasLabels && config.evalEvery > 0) {
    post({ type: 'notice', message: 'This dataset has no labelled held-out images from two or more classes, so kNN and linear-probe accuracy are not measured (the similarity probe and the map still are). Put images in one subfolder per class to get them.' });
  }
  sendPreview(await trainer.preview());
  throwIfDeviceLost();
  if (previewOnly) {
    post({ type: 'ended', reason: 'completed', steps: 0 });
    return;
  }

  const points = trainer.mapPoints();
  post({ type: 'mapPoints', points }, [points.rgba.buffer]);
  if (imported) {
    if (config.evalEvery > 0) {
      post({ type: 'phase', phase: 'building', detail: RAW_PIXEL_BASELINE });
      const baseline = await trainer.rawPixelBaseline();
      if (baseline) post({ type: 'baseline', ...baseline });
      throwIfDeviceLost();
    }
    // An exported encoder on this dataset: its weights in place of the fresh ones, one evaluation, no training.
    trainer.loadEncoderWeights(imported.weights);
    post({ type: 'notice', message: `Evaluating an imported encoder (${imported.description}): no training, one evaluation of its frozen features.` });
    post({ type: 'phase', phase: 'building', detail: 'evaluating the imported encoder' });
    const r = await trainer.evaluate();
    post({ type: 'evaluation', ...r }, [r.embeddings.buffer]);
    post({ type: 'phase', phase: 'completed' });
    post({ type: 'ended', reason: 'completed', steps: 0 });
    return;
  }

  const batchSize = trainer.batchSize;
  const names = trainer.metricNames;
  loop = new TrainingLoop(trainer, {
    phase: (phase, detail) => post({ type: 'phase', phase, ...(detail !== undefined && { detail }) }),
    baseline: (b) => { if (b) post({ type: 'baseline', ...b }); },
    metrics: (m) => post({
      type: 'metrics', names, firstStep: m.firstStep, rows: m.rows, values: m.values, msPerStep: m.msPerStep,
      imagesPerSecond: (batchSize * 1000) / m.msPerStep, numTensors: m.numTensors,
    }, [m.values.buffer]),
    evaluation: (r) => post({ type: 'evaluation', ...r }, [r.embeddings.buffer]),
  }, yieldToMessages);
  const end = await loop.run();
  if (end.steps > 0 && end.reason !== 'failed') await postEncoder(trainer);
  post({ type: 'phase', phase: end.reason });
  post({ type: 'ended', ...end });
}

/** The trained encoder's weights, for the model export (transferred, not copied). */
async function postEncoder(t: Trainer): Promise<void> {
  const weights = await t.encoderWeights();
  const width = Number(t.params.width), norm = t.params.norm === 'none' ? 'none' : 'group';
  post({
    type: 'encoder', width, norm, outputDim: 4 * width, inputShape: [t.dataset.height, t.dataset.width, 3], weights,
  }, weights.map((w) => w.data.buffer));
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'train':
    case 'previewBatch':
    case 'evaluateEncoder': {
      // TEMPORARY (redesign in progress): evaluateEncoder still runs through a SimCLR trainer.
      const config = msg.type === 'evaluateEncoder'
        ? { ...defaultRunConfig('simclr', msg.settings.datasetId), ...msg.settings, params: { ...defaultParams(METHOD_SPECS.simclr.params), ...msg.encoder.layout }, maxSteps: 1 }
        : msg.config;
      start(config, msg.type === 'previewBatch', msg.dataset, msg.type === 'evaluateEncoder' ? msg.encoder : undefined).catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        post({ type: 'phase', phase: 'failed', detail: message });
        post({ type: 'ended', reason: 'failed', steps: trainer?.stepCount ?? 0, message });
      });
      break;
    }
    case 'pause':
      loop?.pause();
      break;
    case 'resume':
      loop?.resume();
      break;
    case 'stop':
      loop?.stop();
      break;
    case 'refreshPreview':
      trainer?.preview().then(sendPreview).catch(() => undefined);
      break;
  }
};
