/** Test helpers for the store: worker messages, runs in a given phase, and a fake worker client factory. */
import { defaultRunConfig, type RunConfig } from '../shared/config';
import type { Dataset } from '../data/dataset';
import type { CheckpointHead } from '../checkpoint/types';
import type { CheckpointSettings, EvaluationSettings, FromWorker, ImportedEncoder, RunIdentity, WorkerFault } from '../shared/protocol';
import { idleRun, type RunState } from './runState';
import type { CreateClient, WorkerClient } from './workerPool';

export type MetricsMessage = Extract<FromWorker, { type: 'metrics' }>;

/** `rows` rows of loss and posSim from `firstStep`, loss = step, posSim = step / 10. */
export function metrics(firstStep: number, rows: number, msPerStep = 100): MetricsMessage {
  const values = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) { values[r * 2] = firstStep + r; values[r * 2 + 1] = (firstStep + r) / 10; }
  return { type: 'metrics', names: ['loss', 'posSim'], firstStep, rows, values, msPerStep, imagesPerSecond: 1000 / msPerStep, numTensors: 42 };
}

export function evaluation(step: number): Extract<FromWorker, { type: 'evaluation' }> {
  return {
    type: 'evaluation', step, knnTop1: 0.5, linearTop1: 0.6, headTop1: null, spread: 0.8, dim: 2, ms: 30, embeddings: new Float32Array([1, 0, 0, 1]),
    similarity: { posHist: [1], negHist: [1], posMean: 0.9, negMean: 0.1, alignment: 0.2, uniformity: -2 },
  };
}

export function liveRun(id: string, patch: Partial<RunState> = {}): RunState {
  return { ...idleRun(), id, name: id, phase: 'queued', config: { ...defaultRunConfig('simclr', 'shapes'), seed: id.length }, ...patch };
}

export const SETTINGS: EvaluationSettings = { datasetId: 'fashion-mnist', seed: 3, evalBankSize: 100, evalQuerySize: 50, backend: 'cpu' };

export const ENCODER: ImportedEncoder = {
  description: 'simclr, width 4, 3 steps on Colour shapes', trainedBy: 'simclr', layout: { width: 4, norm: 'group', normGroups: 8 },
  weights: [{ name: 'conv0/kernel', shape: [1], data: new Float32Array([0.5]) }],
};

export function importedRun(id: string, patch: Partial<RunState> = {}): RunState {
  const { trainedBy, layout, description } = ENCODER;
  return { ...idleRun(), id, name: id, origin: 'imported', phase: 'queued', config: null, imported: { trainedBy, layout, description, settings: SETTINGS }, ...patch };
}

/** A run's newest checkpoint as IndexedDB lists it: `step` steps of metrics('loss', 'posSim'), trained on `backend`. */
export function checkpointHead(id: string, step: number, patch: Partial<CheckpointHead> = {}): CheckpointHead {
  const config = { ...defaultRunConfig('simclr', 'shapes'), seed: 7 };
  const points = Array.from({ length: step }, (_, i) => ({ step: i + 1, wall: (i + 1) / 10, loss: i + 1, posSim: (i + 1) / 10 }));
  return {
    runId: id, step, savedAt: 1_700_000_000_000, identity: { id, name: `Run ${id}`, createdAt: 1_699_999_000_000, datasetRef: { id: 'shapes', name: 'Colour shapes', fingerprint: 'f' } },
    config, backend: 'webgl', bytes: 400_000, checksum: 'x', kept: [{ step, bytes: 400_000 }],
    progress: {
      metricNames: ['loss', 'posSim'], points, evals: [], baseline: null, msPerStep: 100, imagesPerSecond: 10, wallMs: step * 100,
      embeddings: { step, dim: 2, data: new Float32Array([1, 0, 0, 1]), labels: new Int32Array([0, 1]), classNames: ['circle', 'square'] },
    },
    ...patch,
  };
}

/** A worker client that records the commands it gets; `emit` plays the worker's side. */
export class FakeClient implements WorkerClient {
  readonly commands: string[] = [];
  config: RunConfig | null = null;
  settings: EvaluationSettings | null = null;
  encoder: ImportedEncoder | null = null;
  dataset: Dataset | undefined;
  terminated = false;

  constructor(readonly emit: (message: FromWorker) => void, private readonly onCrash: (what: string) => void = () => {}) {}

  /** Plays a crash: an error escapes the worker (worker.onerror). */
  crash(what = 'boom') { this.onCrash(what); }

  identity: RunIdentity | null = null;
  checkpoints: CheckpointSettings | null = null;
  faults: WorkerFault[] = [];

  train(config: RunConfig, run: RunIdentity, checkpoints: CheckpointSettings, dataset?: Dataset) { this.commands.push('train'); this.config = config; this.identity = run; this.checkpoints = checkpoints; this.dataset = dataset; }
  continueRun(config: RunConfig, run: RunIdentity, checkpoints: CheckpointSettings, dataset?: Dataset) { this.commands.push('continueRun'); this.config = config; this.identity = run; this.checkpoints = checkpoints; this.dataset = dataset; }
  injectFault(fault: WorkerFault) { this.commands.push('injectFault'); this.faults.push(fault); }
  previewBatch(config: RunConfig, dataset?: Dataset) { this.commands.push('previewBatch'); this.config = config; this.dataset = dataset; }
  timeSteps(config: RunConfig, _steps: number, dataset?: Dataset) { this.commands.push('timeSteps'); this.config = config; this.dataset = dataset; }
  evaluateEncoder(settings: EvaluationSettings, encoder: ImportedEncoder, dataset?: Dataset) { this.commands.push('evaluateEncoder'); this.settings = settings; this.encoder = encoder; this.dataset = dataset; }
  pause() { this.commands.push('pause'); }
  resume() { this.commands.push('resume'); }
  stop() { this.commands.push('stop'); }
  refreshPreview() { this.commands.push('refreshPreview'); }
  terminate() { this.terminated = true; }
}

/** A client factory that keeps every client it made, in order. */
export function fakeClients(): { clients: FakeClient[]; create: CreateClient } {
  const clients: FakeClient[] = [];
  return { clients, create: (onMessage, onCrash) => { const client = new FakeClient(onMessage, onCrash); clients.push(client); return client; } };
}
