/**
 * What a checkpoint holds: plain data shared by the training worker (which writes and reads it),
 * the main thread (which lists checkpoints after a reload and deletes them with a run) and Node
 * tests. No tfjs, no DOM.
 */
import type { BackendName, RunConfig } from '../shared/config';
import type { RngState } from '../shared/rng';
import type { BaselineResult, EvalPoint } from '../eval/types';
import type { DatasetRef, EmbeddingRecord } from '../experiment/types';
import type { MetricPoint } from '../store/metricsBuffer';
import type { Text } from '../shared/text';

/** Who a run is, so its checkpoint can be shown (and resumed) after a reload. */
export interface RunIdentity {
  id: string;
  name: string;
  /** Date.now() when the run was created. */
  createdAt: number;
  datasetRef: DatasetRef;
}

/** When the training worker writes checkpoints, and how many it keeps per run. Not part of an experiment: they do not change what a run computes. */
export interface CheckpointSettings {
  /** A checkpoint after every this many steps... */
  everySteps: number;
  /** ...and at least every this many seconds of training (0: steps only). */
  everySeconds: number;
  /** The newest this many checkpoints of a run are kept; older ones are deleted as new ones land. */
  keep: number;
}

export const CHECKPOINT_SETTINGS = {
  everySteps: { kind: 'int', label: 'Checkpoint every (steps)', default: 50, min: 1, max: 100000 },
  everySeconds: { kind: 'int', label: 'and at least every (seconds; 0 = steps only)', default: 60, min: 0, max: 3600 },
  keep: { kind: 'int', label: 'Checkpoints kept per run', default: 2, min: 1, max: 10 },
} as const;

export const DEFAULT_CHECKPOINTS: CheckpointSettings = {
  everySteps: CHECKPOINT_SETTINGS.everySteps.default,
  everySeconds: CHECKPOINT_SETTINGS.everySeconds.default,
  keep: CHECKPOINT_SETTINGS.keep.default,
};

/**
 * What a run has recorded up to a checkpoint's step: the metrics and evaluations a resumed run
 * starts from (a reloaded page shows them before it resumes). Rows after the checkpoint's step are
 * not in it: a resumed run computes them again.
 */
export interface RunProgress {
  metricNames: string[];
  /** One point per step 1..step, each with `wall` (seconds of training since the run began, summed over resumes). */
  points: MetricPoint[];
  evals: (EvalPoint & { wall?: number })[];
  baseline: BaselineResult | null;
  /** The last evaluation's held-out embeddings, with their labels (the map's points). */
  embeddings: EmbeddingRecord | null;
  /** Training wall time up to the checkpoint, milliseconds (summed over resumes). */
  wallMs: number;
  msPerStep: number;
  imagesPerSecond: number;
}

/** One float32 tensor inside CheckpointState.data. */
export interface CheckpointTensor {
  /** 'variables' (the method's, in MethodRun.variables() order) or 'optimizer:<name>' (its slots in getWeights order, iterations excluded). */
  group: string;
  /** Stable name (the variable's name without tfjs's per-process counter); for messages, not lookup. */
  name: string;
  shape: number[];
  /** Byte offset into data (a multiple of 4). */
  offset: number;
  /** Elements (the product of shape). */
  length: number;
}

/** Everything a run needs to continue exactly where it was: tensors, optimizer steps, rng streams, counters. */
export interface CheckpointState {
  format: 1;
  tensors: CheckpointTensor[];
  /** All tensors' float32 values, back to back (one buffer, one structured clone). */
  data: ArrayBuffer;
  /** Each optimizer's class name (tfjs getClassName: 'Adam', 'Momentum') and step count. */
  optimizers: Record<string, { kind: string; iterations: number }>;
  /** Every rng stream the run draws from after setup ('batch', 'preview', a method's own). */
  rngs: Record<string, RngState>;
  /** A method's plain-number state (MoCo's queue pointer and fill, ...). */
  counters: Record<string, number>;
}

/** One checkpoint as IndexedDB keeps it. */
export interface StoredCheckpoint {
  runId: string;
  /** Steps trained when it was taken. */
  step: number;
  /** Date.now() when it was written. */
  savedAt: number;
  identity: RunIdentity;
  config: RunConfig;
  /** The backend that trained up to here (a resume on another one says so). */
  backend: BackendName;
  progress: RunProgress;
  state: CheckpointState;
  /** Estimated stored size (format.ts checkpointBytes). */
  bytes: number;
  /** SHA-256 hex of state.data and the JSON of everything else (format.ts): a damaged record is refused. */
  checksum: string;
}

/** A run's newest checkpoint without its tensors: what the page lists after a reload. */
export type CheckpointHead = Omit<StoredCheckpoint, 'state'> & {
  /** The run's stored checkpoints, newest first (at most `keep`). */
  kept: { step: number; bytes: number }[];
};

export type CheckpointWriteResult =
  | { written: true; bytes: number }
  | { written: false; reason: 'quota' | 'error'; message: Text | string };

/**
 * The Web Lock a training worker holds while it trains or continues a run: a page that finds a
 * checkpoint after a reload treats the run as interrupted only when no one holds its lock (another
 * tab may be training it). Released by the browser when the worker ends, however it ends.
 */
export const runLockName = (runId: string) => `pretext-run:${runId}`;
