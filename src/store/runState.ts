/** One run's state as the UI shows it (live, queued, re-opened from history or an imported encoder). */
import type { BackendInfo, PreviewImagePanel, RunDataset, RunPhase } from '../shared/protocol';
import type { ParamIssue } from '../shared/params';
import type { RunConfig } from '../shared/config';
import type { BaselineResult, EvalPoint, MapPoints } from '../eval/types';
import type { DatasetRef } from '../experiment/types';
import type { MetricPoint } from './metricsBuffer';

/** The newest held-out embeddings: the map lays them out and answers nearest-neighbour clicks from them. */
export interface LatestEmbeddings {
  step: number;
  dim: number;
  /** [count * dim], in mapPoints order. */
  data: Float32Array;
}

export type HistoryStatus = { status: 'unsaved' | 'saving' | 'saved' | 'refused' | 'failed'; message: string };

export interface RunState {
  id: string;
  /** Shown in legends and the results table; unique within the session. */
  name: string;
  createdAt: number;
  /** live: trained in this session; history: re-opened from IndexedDB; imported: an exported encoder evaluated. */
  origin: 'live' | 'history' | 'imported';
  phase: RunPhase | 'idle' | 'queued';
  detail: string;
  config: RunConfig | null;
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
  notices: string[];
  error: string | null;
  msPerStep: number;
  imagesPerSecond: number;
  numTensors: number;
  startedAt: number;
  endedAt: number;
  /** For re-opened runs: their recorded wall time (startedAt/endedAt are this session's clock). */
  wallMs: number;
  history: HistoryStatus;
  /** The trained encoder's weights are in memory (this session's finished runs): the model export works. */
  hasEncoder: boolean;
}

export const idleRun = (): RunState => ({
  id: '', name: '', createdAt: 0, origin: 'live', phase: 'idle', detail: '', config: null, datasetRef: null, backend: null, dataset: null, metricNames: [], points: [], evals: [],
  baseline: null, mapPoints: null, embeddings: null, preview: null, paramIssues: [], notices: [], error: null, msPerStep: 0, imagesPerSecond: 0, numTensors: 0,
  startedAt: 0, endedAt: 0, wallMs: 0, history: { status: 'unsaved', message: '' }, hasEncoder: false,
});

