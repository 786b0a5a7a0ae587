/**
 * An experiment (what a shared link holds) and a finished run's record (what history keeps and
 * exports read). Plain data: no tfjs, no DOM; the UI, the history store and tests import it.
 */
import type { MethodId } from '../methods/catalog';
import type { BackendName, RunConfig } from '../shared/config';
import type { AnyParamValues } from '../shared/params';
import type { BaselineResult, EvalPoint } from '../eval/types';
import type { MetricPoint } from '../store/metricsBuffer';
import type { ImportedRun } from '../store/runState';
import type { Text } from '../shared/text';

/** The dataset an experiment runs on. fingerprint: the dataset summary's SHA-256 hex ("" when not known yet). */
export interface DatasetRef {
  id: string;
  name: string;
  fingerprint: string;
}

/** Settings every run of an experiment shares (same data, same seed, same budget). */
export type SharedRunSettings = Omit<RunConfig, 'methodId' | 'datasetId' | 'params'>;

/** One run of an experiment: a method and every one of its params. */
export interface PlannedRun {
  methodId: MethodId;
  params: AnyParamValues;
}

export interface Experiment {
  dataset: DatasetRef;
  settings: SharedRunSettings;
  runs: PlannedRun[];
}

/** The config of run i of an experiment. */
export function runConfigOf(experiment: Experiment, run: PlannedRun): RunConfig {
  return { ...experiment.settings, methodId: run.methodId, datasetId: experiment.dataset.id, params: { ...run.params } };
}

/** Held-out embeddings at the run's last evaluation, with what the points are (for the map and the Projector). */
export interface EmbeddingRecord {
  step: number;
  dim: number;
  /** [count * dim] row-major. */
  data: Float32Array;
  /** [count] class index per point, -1 = unlabelled. */
  labels: Int32Array;
  classNames: string[];
  /** Video datasets: each point's clip name and frame index. */
  clips?: { clip: Int32Array; frame: Int32Array; clipNames: string[] };
}

/** 'running': exported while it still trains (the history only keeps finished runs). */
export type RunStatus = 'completed' | 'stopped' | 'failed' | 'running';

/** A finished run: what the history keeps in IndexedDB and what the exports write. */
export interface RunRecord {
  /** Unique id ("run-" + time + random). */
  id: string;
  /** The user's name for it (renameable); defaults to method and key params. */
  name: string;
  /** Date.now() when it started. */
  createdAt: number;
  /** What the run trained; null for an imported encoder's evaluation (nothing trained: see `imported`). */
  config: RunConfig | null;
  /** An imported encoder's evaluation: what the encoder was and the settings it was evaluated with. */
  imported?: ImportedRun;
  dataset: DatasetRef;
  /** The backend that actually ran it. */
  backend: BackendName | null;
  status: RunStatus;
  /** Why it failed: a message of the run store (a Text, or a plain string such as an exception's own words or a record saved before messages were Texts). */
  error: Text | string | null;
  steps: number;
  wallMs: number;
  msPerStep: number;
  imagesPerSecond: number;
  metricNames: string[];
  /** Per-step metrics: step, wall (seconds since the run started) and one field per metric name. */
  points: MetricPoint[];
  /** Each with wall (seconds since start) where known. */
  evals: (EvalPoint & { wall?: number })[];
  baseline: BaselineResult | null;
  embeddings: EmbeddingRecord | null;
}
