/**
 * What a training worker does for each ToWorker command, as small functions over an injected
 * host (postMessage, the backend, dataset loading): trainingWorker.ts only wires it to `self`,
 * and tests drive it in Node. One of train / continueRun / previewBatch / timeSteps / evaluateEncoder starts a worker;
 * pause / resume / stop / refreshPreview steer a training run.
 */
import type { Dataset, ImageDataset } from '../data/dataset';
import { imageViewOf } from '../data/imageView';
import { summarize } from '../data/summary';
import type { BackendName, BackendPreference, RunConfig } from '../shared/config';
import type { BackendInfo, CheckpointSettings, EvaluationSettings, FromWorker, ImportedEncoder, PreviewImagePanel, RunIdentity, RunProgress, ToWorker, WorkerFault } from '../shared/protocol';
import { checkpointProblem } from '../checkpoint/format';
import type { CheckpointWriteResult, StoredCheckpoint } from '../checkpoint/types';
import { Checkpointer } from '../train/checkpointer';
import { EncoderEvaluation } from '../train/encoderEvaluation';
import { RAW_PIXEL_BASELINE, TrainingLoop } from '../train/loop';
import { RunLog } from '../train/runLog';
import { TrainingSession } from '../train/session';
import { evaluationIsCheap } from '../shared/estimate';
import { EVALUATING_IMPORTED } from '../shared/protocol';
import { text, type Text } from '../shared/text';
import { errorMessage } from '../i18n/textError';

export interface WorkerHost {
  post(message: FromWorker, transfer?: Transferable[]): void;
  selectBackend(preference: BackendPreference): Promise<BackendInfo>;
  /** Calls onLost once if the GPU device is lost (webgpu only), with what the browser says of it ("reason: message"). */
  watchDeviceLoss(onLost: (detail: string) => void): void;
  /** The run's stored checkpoints: IndexedDB (checkpoint/checkpointDb.ts) in the worker, memory in tests. */
  checkpoints: {
    write(c: StoredCheckpoint, keep: number): Promise<CheckpointWriteResult>;
    /** Newest first, as stored (not verified). */
    load(runId: string): Promise<unknown[]>;
  };
  /** Holds the run's Web Lock (runLockName) for as long as the worker lives; absent where there are no Web Locks. */
  holdRunLock?(runId: string): void;
  /** The 'hang' fault: spins the worker's thread forever (the worker only: a Node test would hang). */
  hang?(): void;
  /** The run's dataset: `provided` when sent along, else built in or from storage. */
  resolveDataset(id: string, provided: Dataset | undefined): Promise<Dataset>;
  /** Yields to the message queue between steps (so pause / stop arrive). */
  yieldToMessages(): Promise<void>;
}

export const NO_LABELS_NOTICE: Text = text('messages.notice.noLabels');

/** The handler of one worker's commands; returns when the command is dispatched (a run goes on asynchronously). */
export function createCommandHandler(host: WorkerHost): (msg: ToWorker) => Promise<void> {
  const { post } = host;
  let loop: TrainingLoop | null = null;
  let session: TrainingSession | null = null;
  let checkpointer: Checkpointer | null = null;
  /** The backend prepare started (a checkpoint says which backend trained up to it). */
  let startedOn: BackendName | null = null;
  /** Set when the GPU device is lost (what the browser said of it), whatever the run was doing then. */
  let deviceLost: string | null = null;

  const throwIfDeviceLost = () => { if (deviceLost) throw new Error(`The GPU device was lost (${deviceLost})`); };
  const onDeviceLost = (detail: string) => {
    deviceLost ??= detail;
    loop?.interrupt(detail);
  };
  /** What an interrupted run says: where it stopped and what can be resumed. */
  const interruptedMessage = (steps: number) => {
    const last = checkpointer?.lastWritten ?? null;
    const resume = last === null ? text('messages.run.resumeFromStart') : text('messages.run.resumeFromCheckpoint', { step: last });
    return text('messages.run.deviceLostAt', { detail: deviceLost ?? '', step: steps, resume });
  };

  const sendPreview = (panels: PreviewImagePanel[]) => post({ type: 'preview', panels }, panels.flatMap((p) => p.rows.map((r) => r.rgba.buffer)));

  /** Backend and dataset, announced as they come: what every starting command does first. */
  async function prepare(backend: BackendPreference, datasetId: string, provided: Dataset | undefined): Promise<{ raw: Dataset; dataset: ImageDataset }> {
    post({ type: 'phase', phase: 'starting', detail: text('messages.worker.startingBackend') });
    const info = await host.selectBackend(backend);
    startedOn = info.backend;
    if (info.backend === 'webgpu') host.watchDeviceLoss(onDeviceLost);
    post({ type: 'backend', info });
    post({ type: 'phase', phase: 'loading-data', detail: text('messages.worker.loadingDataset', { id: datasetId }) });
    const raw = await host.resolveDataset(datasetId, provided);
    const dataset = imageViewOf(raw);
    throwIfDeviceLost();
    const { id, name, kind, height, width, channels, classNames, trainCount, testCount, unlabelled } = summarize(dataset, '');
    post({ type: 'dataset', summary: { id, name, kind, height, width, channels, classNames, trainCount, testCount, unlabelled } });
    post({ type: 'phase', phase: 'building', detail: text('messages.worker.buildingModel') });
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

  /**
   * The setup panel's estimate: the session built as for a run, one warm-up step, then `steps`
   * timed steps read back once at the end (as the loop reads them in batches), and one evaluation
   * when embedding its images is predicted cheap. The session is disposed whatever happens.
   */
  async function timeSteps(config: RunConfig, steps: number, provided: Dataset | undefined): Promise<void> {
    const { raw, dataset } = await prepare(config.backend, config.datasetId, provided);
    const s = session = new TrainingSession(config, dataset, raw.kind === 'video' ? raw : undefined);
    try {
      const timed = async (run: () => Promise<unknown>) => { const t0 = performance.now(); await run(); return performance.now() - t0; };
      const step = async (detail: Text) => {
        post({ type: 'phase', phase: 'building', detail });
        const m = s.step();
        try { await m.data(); } finally { m.dispose(); }
        throwIfDeviceLost();
      };
      const warmupMs = await timed(() => step(text('messages.worker.timingWarmup')));
      const n = Math.max(1, Math.min(50, Math.round(steps)));
      let total = 0;
      for (let i = 1; i <= n; i++) total += await timed(() => step(text('messages.worker.timingStep', { index: i, count: n })));
      const msPerStep = total / n;
      let evalMs: number | null = null;
      if (config.evalEvery > 0 && evaluationIsCheap(msPerStep, s.imagesPerStep, config.evalBankSize + config.evalQuerySize)) {
        post({ type: 'phase', phase: 'building', detail: text('messages.worker.timingEvaluation') });
        evalMs = await timed(async () => { const r = await s.evaluate(); return r; });
        throwIfDeviceLost();
      }
      post({ type: 'stepTiming', backend: startedOn!, steps: n, msPerStep, warmupMs, evalMs });
    } finally {
      s.dispose();
      session = null;
    }
    post({ type: 'ended', reason: 'completed', steps: 0 });
  }

  const emptyProgress = (metricNames: string[]): RunProgress => ({ metricNames, points: [], evals: [], baseline: null, embeddings: null, wallMs: 0, msPerStep: 0, imagesPerSecond: 0 });

  interface RunCommand { config: RunConfig; run: RunIdentity; checkpoints: CheckpointSettings; dataset?: Dataset }

  /**
   * A continued run's newest stored checkpoint that verifies and fits, restored into `s`; each one
   * refused on the way gets a notice saying why. null (with a notice): none, the run starts at step 0.
   */
  async function restoreNewest(s: TrainingSession, runId: string): Promise<{ record: StoredCheckpoint; stored: StoredCheckpoint[] } | null> {
    let stored: unknown[];
    try {
      stored = await host.checkpoints.load(runId);
    } catch (e) {
      post({ type: 'notice', message: text('messages.restore.unreadable', { error: errorMessage(e) }) });
      return null;
    }
    if (stored.length === 0) {
      post({ type: 'notice', message: text('messages.restore.none') });
      return null;
    }
    for (let i = 0; i < stored.length; i++) {
      const c = stored[i] as StoredCheckpoint;
      let problem = await checkpointProblem(c);
      if (!problem) {
        try {
          await s.restore(c.state, c.step);
          return { record: c, stored: stored.slice(i) as StoredCheckpoint[] };
        } catch (e) {
          problem = text('messages.restore.doesNotFit', { step: c.step, error: errorMessage(e) });
        }
      }
      const older = stored[i + 1] as Partial<StoredCheckpoint> | undefined;
      const next = older ? text('messages.restore.tryOlder', { step: typeof older.step === 'number' ? older.step : '?' }) : text('messages.restore.noOlder');
      post({ type: 'notice', message: text('messages.restore.refused', { problem, next }) });
    }
    return null;
  }

  async function train({ config, run, checkpoints: settings, dataset: provided }: RunCommand, resume: boolean): Promise<void> {
    host.holdRunLock?.(run.id);
    const s = await startSession(config, provided);
    const restored = resume ? await restoreNewest(s, run.id) : null;
    throwIfDeviceLost();
    if (restored) {
      const { record } = restored;
      post({ type: 'restored', step: record.step, savedAt: record.savedAt, fromBackend: record.backend, progress: record.progress });
    } else if (resume) {
      // Nothing usable: the page drops what it showed of the run, which starts over from step 0.
      post({ type: 'restored', step: 0, savedAt: 0, fromBackend: startedOn!, progress: emptyProgress(s.metricNames.slice()) });
    }
    const points = s.mapPoints();
    const names = s.metricNames.slice();
    const log = new RunLog(names, points, restored?.record.progress);
    post({ type: 'mapPoints', points }, [points.rgba.buffer]);
    const imagesPerStep = s.imagesPerStep;
    checkpointer = new Checkpointer({
      session: s, log, settings,
      base: { runId: run.id, identity: run, config, backend: startedOn! },
      write: (c, keep) => host.checkpoints.write(c, keep),
      written: (step, bytes, ms, kept) => post({ type: 'checkpoint', step, bytes, ms, kept }),
      failed: (step, message) => post({ type: 'checkpointFailed', step, message }),
      kept: restored?.stored.map((c) => c.step),
    });
    loop = new TrainingLoop(s, {
      phase: (phase, detail) => post({ type: 'phase', phase, ...(detail !== undefined && { detail }) }),
      // A continued run keeps the baseline of its restored progress.
      ...(!log.hasBaseline && { baseline: (b) => { log.setBaseline(b); if (b) post({ type: 'baseline', ...b }); } }),
      metrics: (m) => {
        const imagesPerSecond = (imagesPerStep * 1000) / m.msPerStep;
        log.addMetrics(m.firstStep, m.rows, m.values, m.msPerStep, imagesPerSecond);
        post({ type: 'metrics', names, firstStep: m.firstStep, rows: m.rows, values: m.values, msPerStep: m.msPerStep, imagesPerSecond, numTensors: m.numTensors }, [m.values.buffer]);
      },
      evaluation: (r) => {
        log.addEvaluation(r);
        post({ type: 'evaluation', ...r }, [r.embeddings.buffer]);
      },
      heartbeat: (step) => post({ type: 'heartbeat', step }),
    }, host.yieldToMessages, checkpointer);
    if (deviceLost) loop.interrupt(deviceLost);
    const end = await loop.run();
    await checkpointer.settle();
    if (end.reason === 'interrupted') {
      post({ type: 'phase', phase: 'interrupted', detail: interruptedMessage(end.steps) });
      post({ type: 'ended', reason: 'interrupted', steps: end.steps, message: interruptedMessage(end.steps) });
      return;
    }
    if (end.steps > 0 && end.reason !== 'failed') await postEncoder(s);
    post({ type: 'phase', phase: end.reason });
    post({ type: 'ended', ...end });
  }

  /** The trained encoder's weights and the method's heads, for the model exports (transferred, not copied). */
  async function postEncoder(s: TrainingSession): Promise<void> {
    const [weights, heads] = await Promise.all([s.encoderWeights(), s.headWeights()]);
    const { width, norm, normGroups } = s.encoderLayout;
    post({ type: 'encoder', width, norm, normGroups, outputDim: s.outputDim, inputShape: [s.dataset.height, s.dataset.width, 3], weights, heads }, [...weights, ...heads].map((w) => w.data.buffer));
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
      post({ type: 'notice', message: text('messages.notice.importedEncoder', { description: imported.description }) });
      post({ type: 'phase', phase: 'building', detail: EVALUATING_IMPORTED });
      const r = await evaluation.evaluator.evaluate(0);
      post({ type: 'evaluation', ...r }, [r.embeddings.buffer]);
    } finally {
      evaluation.dispose();
    }
    post({ type: 'phase', phase: 'completed' });
    post({ type: 'ended', reason: 'completed', steps: 0 });
  }

  /** A starting command's failure ends the worker's run with its message (a lost device: interrupted). */
  const failed = (e: unknown) => {
    if (deviceLost) {
      const steps = session?.stepCount ?? 0;
      post({ type: 'phase', phase: 'interrupted', detail: interruptedMessage(steps) });
      post({ type: 'ended', reason: 'interrupted', steps, message: interruptedMessage(steps) });
      return;
    }
    const message = errorMessage(e);
    post({ type: 'phase', phase: 'failed', detail: message });
    post({ type: 'ended', reason: 'failed', steps: session?.stepCount ?? 0, message });
  };

  /** The fault tests' faults, as the real ones would happen. */
  function injectFault(fault: WorkerFault): void {
    if (fault === 'deviceLost') onDeviceLost('injected fault: the device was destroyed');
    else if (fault === 'uncaughtError') setTimeout(() => { throw new Error('Injected fault: an uncaught error in the training worker'); });
    else host.hang?.();
  }

  return async (msg) => {
    switch (msg.type) {
      case 'train': return train(msg, false).catch(failed);
      case 'continueRun': return train(msg, true).catch(failed);
      case 'injectFault': return injectFault(msg.fault);
      case 'previewBatch': return previewBatch(msg.config, msg.dataset).catch(failed);
      case 'timeSteps': return timeSteps(msg.config, msg.steps, msg.dataset).catch(failed);
      case 'evaluateEncoder': return evaluateEncoder(msg.settings, msg.encoder, msg.dataset).catch(failed);
      case 'pause': loop?.pause(); return;
      case 'resume': loop?.resume(); return;
      case 'stop': loop?.stop(); return;
      case 'refreshPreview': session?.preview().then(sendPreview).catch(() => undefined); return;
    }
  };
}
