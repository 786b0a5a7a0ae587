/** One run's state as the UI shows it (live, queued, re-opened from history or an imported encoder). */
import type { BackendName } from '../shared/config';
import type { BackendInfo, EvaluationSettings, ImportedEncoder, PreviewImagePanel, RunDataset, RunPhase } from '../shared/protocol';
import type { ParamIssue } from '../shared/params';
import type { RunConfig } from '../shared/config';
import type { BaselineResult, EvalPoint, MapPoints } from '../eval/types';
import type { DatasetRef } from '../experiment/types';
import type { MetricPoint } from './metricsBuffer';
import type { Text } from '../shared/text';

/** The newest held-out embeddings: the map lays them out and answers nearest-neighbour clicks from them. */
export interface LatestEmbeddings {
  step: number;
  dim: number;
  /** [count * dim], in mapPoints order. */
  data: Float32Array;
}

/**
 * What an imported run evaluates: an exported encoder (its weights stay with the worker pool) on
 * the evaluation settings it was given. Such a run has no method and no config of its own.
 */
export interface ImportedRun extends Pick<ImportedEncoder, 'trainedBy' | 'layout' | 'description'> {
  settings: EvaluationSettings;
}

/**
 * Why a run stopped short in a way it can continue from (its checkpoints are kept): its worker
 * crashed, its GPU device was lost, the page was reloaded or closed, or its worker stopped
 * answering and was let go.
 */
export interface Interruption {
  cause: 'crash' | 'deviceLost' | 'reload' | 'unresponsive';
  message: Text | string;
}

/** The newest checkpoint written for the run: step, estimated bytes, ms from capture to commit, and when (Date.now()). */
export interface CheckpointNote {
  step: number;
  bytes: number;
  ms: number;
  at: number;
}

export type HistoryStatus = { status: 'unsaved' | 'saving' | 'saved' | 'refused' | 'failed'; message: Text | string };

export interface RunState {
  id: string;
  /** Shown in legends and the results table; unique within the session. */
  name: string;
  createdAt: number;
  /** live: trained in this session; history: re-opened from IndexedDB; imported: an exported encoder evaluated. */
  origin: 'live' | 'history' | 'imported';
  phase: RunPhase | 'idle' | 'queued';
  /** What the run is doing now, or why it stopped ('' when there is nothing to add to its phase). */
  detail: Text | string;
  /** What the run trains; null for an imported encoder (nothing trains) and the idle placeholder. */
  config: RunConfig | null;
  /** Set for origin 'imported' only. */
  imported: ImportedRun | null;
  datasetRef: DatasetRef | null;
  backend: BackendInfo | null;
  dataset: RunDataset | null;
  metricNames: string[];
  /** Each point also carries `wall`: seconds since the run's worker started. */
  points: MetricPoint[];
  evals: (EvalPoint & { wall?: number })[];
  baseline: BaselineResult | null;
  mapPoints: MapPoints | null;
  embeddings: LatestEmbeddings | null;
  preview: PreviewImagePanel[] | null;
  paramIssues: ParamIssue[];
  /** What the run does differently from what was asked (e.g. no labels, no kNN). */
  notices: (Text | string)[];
  error: Text | string | null;
  msPerStep: number;
  imagesPerSecond: number;
  numTensors: number;
  startedAt: number;
  endedAt: number;
  /** For re-opened runs: their recorded wall time (startedAt/endedAt are this session's clock). */
  wallMs: number;
  history: HistoryStatus;
  /** The trained encoder's weights are at hand (in this session's memory, or kept by History for a re-opened run): the model export works. */
  hasEncoder: boolean;
  /** Set while phase is 'interrupted': why, in words. */
  interruption: Interruption | null;
  /** Queued to continue from its newest checkpoint (the pool sends continueRun, not train). */
  continues: boolean;
  checkpoint: CheckpointNote | null;
  /** The last checkpoint could not be written (quota, storage error); cleared by the next one that is. */
  checkpointWarning: Text | string | null;
  /** The worker has been silent longer than the watchdog allows (store/watchdog.ts); cleared by any message. */
  stalled: { silentMs: number; limitMs: number } | null;
  /** A continued run: the checkpoint it continued from and the backend that trained up to it. */
  resumedFrom: { step: number; fromBackend: BackendName } | null;
  /** Started with a budget in minutes: the minutes asked for (its config's maxSteps is what they came to). */
  budget: RunBudget | null;
}

export interface RunBudget { minutes: number }

export const idleRun = (): RunState => ({
  id: '', name: '', createdAt: 0, origin: 'live', phase: 'idle', detail: '', config: null, imported: null, datasetRef: null, backend: null, dataset: null, metricNames: [], points: [], evals: [],
  baseline: null, mapPoints: null, embeddings: null, preview: null, paramIssues: [], notices: [], error: null, msPerStep: 0, imagesPerSecond: 0, numTensors: 0,
  startedAt: 0, endedAt: 0, wallMs: 0, history: { status: 'unsaved', message: '' }, hasEncoder: false,
  interruption: null, continues: false, checkpoint: null, checkpointWarning: null, stalled: null, resumedFrom: null, budget: null,
});


/** No run focused: what the Training tab shows before the first run. Frozen, so selectors may return it. */
export const IDLE_RUN: RunState = Object.freeze(idleRun());

/** The run holds (or waits for) a worker. */
export const isActive = (phase: RunState['phase']) =>
  phase === 'queued' || phase === 'starting' || phase === 'loading-data' || phase === 'building' || phase === 'training' || phase === 'paused';

/** The worker is up but its loop has not started: a stop cannot reach it, so the pool ends it. */
export const beforeLoop = (phase: RunState['phase']) => phase === 'starting' || phase === 'loading-data' || phase === 'building';

/** The newest step a run recorded (0 before its first). */
export const lastStep = (run: Pick<RunState, 'points'>) => run.points[run.points.length - 1]?.step ?? 0;

/** The dataset the run works on (its config's, or an imported run's evaluation settings'). */
export const runDatasetId = (run: RunState): string | null => run.config?.datasetId ?? run.imported?.settings.datasetId ?? null;
