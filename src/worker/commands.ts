/**
 * What a training worker does for each ToWorker command, as small functions over an injected
 * host (postMessage, the backend, dataset loading): trainingWorker.ts only wires it to `self`,
 * and tests drive it in Node. One of train / previewBatch / evaluateEncoder starts a worker;
 * pause / resume / stop / refreshPreview steer a training run.
 */
import type { Dataset, ImageDataset } from '../data/dataset';
import { imageViewOf } from '../data/imageView';
import { summarize } from '../data/summary';
import type { BackendPreference, RunConfig } from '../shared/config';
import type { BackendInfo, EvaluationSettings, FromWorker, ImportedEncoder, PreviewImagePanel, ToWorker } from '../shared/protocol';
import { EncoderEvaluation } from '../train/encoderEvaluation';
import { RAW_PIXEL_BASELINE, TrainingLoop } from '../train/loop';
import { TrainingSession } from '../train/session';

export interface WorkerHost {
  post(message: FromWorker, transfer?: Transferable[]): void;
  selectBackend(preference: BackendPreference): Promise<BackendInfo>;
  /** Calls onLost once if the GPU device is lost (webgpu only). */
  watchDeviceLoss(onLost: (message: string) => void): void;
  /** The run's dataset: `provided` when sent along, else built in or from storage. */
  resolveDataset(id: string, provided: Dataset | undefined): Promise<Dataset>;
  /** Yields to the message queue between steps (so pause / stop arrive). */
  yieldToMessages(): Promise<void>;
}

export const NO_LABELS_NOTICE = 'This dataset has no labelled held-out images from two or more classes, so kNN and linear-probe accuracy are not measured (the similarity probe and the map still are). Put images in one subfolder per class to get them.';

/** The handler of one worker's commands; returns when the command is dispatched (a run goes on asynchronously). */
export function createCommandHandler(host: WorkerHost): (msg: ToWorker) => Promise<void> {
  const { post } = host;
  let loop: TrainingLoop | null = null;
  let session: TrainingSession | null = null;
  /** Set when the GPU device is lost, whatever the run was doing then. */
  let deviceLost: string | null = null;

  const throwIfDeviceLost = () => { if (deviceLost) throw new Error(deviceLost); };

  const sendPreview = (panels: PreviewImagePanel[]) => post({ type: 'preview', panels }, panels.flatMap((p) => p.rows.map((r) => r.rgba.buffer)));

  /** Backend and dataset, announced as they come: what every starting command does first. */
  async function prepare(backend: BackendPreference, datasetId: string, provided: Dataset | undefined): Promise<{ raw: Dataset; dataset: ImageDataset }> {
    post({ type: 'phase', phase: 'starting', detail: 'starting the backend' });
    const info = await host.selectBackend(backend);
    if (info.backend === 'webgpu') host.watchDeviceLoss((message) => { deviceLost = message; loop?.fail(message); });
    post({ type: 'backend', info });
    post({ type: 'phase', phase: 'loading-data', detail: `loading ${datasetId}` });
    const raw = await host.resolveDataset(datasetId, provided);
    const dataset = imageViewOf(raw);
    throwIfDeviceLost();
    const { id, name, kind, height, width, channels, classNames, trainCount, testCount, unlabelled } = summarize(dataset, '');
    post({ type: 'dataset', summary: { id, name, kind, height, width, channels, classNames, trainCount, testCount, unlabelled } });
    post({ type: 'phase', phase: 'building', detail: 'building the model' });
    return { raw, dataset };
  }

  /** A session on the run's dataset, its parameter issues and labels notice posted, and its first preview. */
  async function startSession(config: RunConfig, provided: Dataset | undefined): Promise<TrainingSession> {
    const { raw, dataset } = await prepare(config.backend, config.datasetId, provided);
    const s = session = new TrainingSession(config, dataset, raw.kind === 'video' ? raw : undefined);
    if (s.paramIssues.length) post({ type: 'paramIssues', issues: s.paramIssues });
    if (!s.hasLabels && config.evalEvery > 0) post({ type: 'notice', message: NO_LABELS_NOTICE });
    for (const message of s.limitNotices) post({ type: 'notice', message });
    sendPreview(await s.preview());
    throwIfDeviceLost();
    return s;
  }

  async function previewBatch(config: RunConfig, provided: Dataset | undefined): Promise<void> {
    await startSession(config, provided);
    post({ type: 'ended', reason: 'completed', steps: 0 });
  }

  async function train(config: RunConfig, provided: Dataset | undefined): Promise<void> {
    const s = await startSession(config, provided);
    const points = s.mapPoints();
    post({ type: 'mapPoints', points }, [points.rgba.buffer]);
    const names = s.metricNames.slice();
    const imagesPerStep = s.imagesPerStep;
    loop = new TrainingLoop(s, {
      phase: (phase, detail) => post({ type: 'phase', phase, ...(detail !== undefined && { detail }) }),
      baseline: (b) => { if (b) post({ type: 'baseline', ...b }); },
      metrics: (m) => post({
        type: 'metrics', names, firstStep: m.firstStep, rows: m.rows, values: m.values, msPerStep: m.msPerStep,
        imagesPerSecond: (imagesPerStep * 1000) / m.msPerStep, numTensors: m.numTensors,
      }, [m.values.buffer]),
      evaluation: (r) => post({ type: 'evaluation', ...r }, [r.embeddings.buffer]),
    }, host.yieldToMessages);
    const end = await loop.run();
    if (end.steps > 0 && end.reason !== 'failed') await postEncoder(s);
    post({ type: 'phase', phase: end.reason });
    post({ type: 'ended', ...end });
  }

  /** The trained encoder's weights, for the model export (transferred, not copied). */
  async function postEncoder(s: TrainingSession): Promise<void> {
    const weights = await s.encoderWeights();
    const { width, norm } = s.encoderLayout;
    post({ type: 'encoder', width, norm, outputDim: s.outputDim, inputShape: [s.dataset.height, s.dataset.width, 3], weights }, weights.map((w) => w.data.buffer));
  }

  /** An exported encoder on this dataset: the raw-pixel floor, then one evaluation of its frozen features. */
  async function evaluateEncoder(settings: EvaluationSettings, imported: ImportedEncoder, provided: Dataset | undefined): Promise<void> {
    const { dataset } = await prepare(settings.backend, settings.datasetId, provided);
    const evaluation = new EncoderEvaluation(settings, dataset, imported);
    try {
      if (!evaluation.hasLabels) post({ type: 'notice', message: NO_LABELS_NOTICE });
      const points = evaluation.split.mapPoints();
      post({ type: 'mapPoints', points }, [points.rgba.buffer]);
      post({ type: 'phase', phase: 'building', detail: RAW_PIXEL_BASELINE });
      const baseline = await evaluation.evaluator.rawPixelBaseline();
      if (baseline) post({ type: 'baseline', ...baseline });
      throwIfDeviceLost();
      post({ type: 'notice', message: `Evaluating an imported encoder (${imported.description}): no training, one evaluation of its frozen features.` });
      post({ type: 'phase', phase: 'building', detail: 'evaluating the imported encoder' });
      const r = await evaluation.evaluator.evaluate(0);
      post({ type: 'evaluation', ...r }, [r.embeddings.buffer]);
    } finally {
      evaluation.dispose();
    }
    post({ type: 'phase', phase: 'completed' });
    post({ type: 'ended', reason: 'completed', steps: 0 });
  }

  /** A starting command's failure ends the worker's run with its message. */
  const failed = (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    post({ type: 'phase', phase: 'failed', detail: message });
    post({ type: 'ended', reason: 'failed', steps: session?.stepCount ?? 0, message });
  };

  return async (msg) => {
    switch (msg.type) {
      case 'train': return train(msg.config, msg.dataset).catch(failed);
      case 'previewBatch': return previewBatch(msg.config, msg.dataset).catch(failed);
      case 'evaluateEncoder': return evaluateEncoder(msg.settings, msg.encoder, msg.dataset).catch(failed);
      case 'pause': loop?.pause(); return;
      case 'resume': loop?.resume(); return;
      case 'stop': loop?.stop(); return;
      case 'refreshPreview': session?.preview().then(sendPreview).catch(() => undefined); return;
    }
  };
}
