/**
 * A run's on-screen state <-> the record history keeps and exports read. Re-opened runs have no
 * thumbnails (history keeps embeddings and labels, not 1000 images): their map points say so
 * (imagesKept: false) and the map shows class names instead of images. History keeps the backend's
 * name, not its adapter, and no tensor counts.
 */
import type { DatasetRef, EmbeddingRecord, RunRecord } from '../experiment/types';
import type { MapPoints } from '../eval/types';
import type { CheckpointHead, RunProgress } from '../checkpoint/types';
import { idleRun, runDatasetId, type RunState } from './runState';
import type { RunConfig } from '../shared/config';
import { METHOD_SPECS, isMethodId } from '../methods/catalog';
import { withAbsentParams, type AnyParamValues } from '../shared/params';
import { text, type Text } from '../shared/text';

/**
 * A config recorded earlier (a History record, a checkpoint): params it lacks take what runs did
 * before they existed (the spec's `absent`, e.g. a constant learning rate), not today's defaults,
 * so a resumed or re-opened run shows and does what it did.
 */
export function recordedConfig(config: RunConfig | null): RunConfig | null {
  if (!config || !isMethodId(config.methodId)) return config;
  return { ...config, params: { ...withAbsentParams(METHOD_SPECS[config.methodId].params, config.params ?? {}) } as AnyParamValues };
}

/** A dataset reference from the run's id alone (runs made before their dataset was described). */
function datasetFallback(r: RunState) {
  const id = runDatasetId(r) ?? '';
  return { id, name: id, fingerprint: '' };
}

/** The run's dataset as described, or from its id alone when it was not described yet. */
export const datasetRefOfRun = (r: RunState): DatasetRef => r.datasetRef ?? datasetFallback(r);

/** What a run shows of a checkpoint's progress up to `step` (rows and evaluations after it dropped: they are computed again). */
export function progressState(progress: RunProgress, step: number): Pick<RunState, 'metricNames' | 'points' | 'evals' | 'baseline' | 'embeddings' | 'msPerStep' | 'imagesPerSecond' | 'wallMs'> {
  const e = progress.embeddings;
  return {
    metricNames: progress.metricNames, points: progress.points.filter((p) => p.step <= step), evals: progress.evals.filter((v) => v.step <= step), baseline: progress.baseline,
    embeddings: e && { step: e.step, dim: e.dim, data: e.data }, msPerStep: progress.msPerStep, imagesPerSecond: progress.imagesPerSecond, wallMs: progress.wallMs,
  };
}

export function recordOf(r: RunState): RunRecord {
  const last = r.points[r.points.length - 1];
  const m = r.mapPoints;
  const embeddings = r.embeddings && m && r.embeddings.data.length === m.count * r.embeddings.dim
    ? {
        step: r.embeddings.step, dim: r.embeddings.dim, data: r.embeddings.data, labels: m.labels, classNames: m.classNames,
        ...(m.origin && { clips: { clip: m.origin.clip, frame: m.origin.frame, clipNames: m.origin.clipNames } }),
      }
    : null;
  return {
    id: r.id, name: r.name, createdAt: r.createdAt, config: r.config, ...(r.imported && { imported: r.imported }), dataset: datasetRefOfRun(r),
    backend: r.backend?.backend ?? null, status: r.phase === 'completed' || r.phase === 'stopped' || r.phase === 'failed' ? r.phase : 'running', error: r.error,
    steps: last?.step ?? 0, wallMs: runWallMs(r), msPerStep: r.msPerStep, imagesPerSecond: r.imagesPerSecond,
    metricNames: r.metricNames, points: r.points, evals: r.evals, baseline: r.baseline, embeddings,
  };
}

/** Wall time of a run: recorded for re-opened runs, measured for this session's. */
export function runWallMs(r: RunState, now = performance.now()): number {
  if (r.origin === 'history') return r.wallMs;
  // Not started in this page (queued, or found interrupted after a reload): what its checkpoint recorded.
  if (!r.startedAt) return r.wallMs;
  return (r.endedAt || now) - r.startedAt;
}

/**
 * Share of a run's own wall time spent evaluating (evaluations and the raw-pixel baseline block
 * its loop), and the mean evaluation's length. The wall is the run's own: recorded for a run
 * re-opened from History (this session's clock never ran it), from its worker's start for this
 * session's, so concurrent runs do not share one clock. Evaluation times come from the worker's
 * clock and the wall from the page's: the share is capped at 1 where they disagree slightly.
 */
export function evaluationShare(r: Pick<RunState, 'origin' | 'wallMs' | 'startedAt' | 'endedAt' | 'evals' | 'baseline'>, now = performance.now()): { share: number; meanMs: number } {
  const evalMs = r.evals.reduce((s, e) => s + e.ms, 0);
  const wall = runWallMs(r as RunState, now);
  const share = wall > 0 ? Math.min(1, (evalMs + (r.baseline?.ms ?? 0)) / wall) : 0;
  return { share, meanMs: r.evals.length ? evalMs / r.evals.length : 0 };
}

/** What a reopened run's backend line says in place of the adapter, which History does not keep. */
export const REOPENED_ADAPTER = 'adapter not kept in history';

/**
 * The map's points for stored embeddings (no thumbnails kept): grey squares, labels and class
 * names, so the map shows class names in place of images.
 */
export function mapPointsOfEmbeddings(e: EmbeddingRecord | null): MapPoints | null {
  return e && {
    count: e.labels.length, height: 1, width: 1, rgba: new Uint8ClampedArray(e.labels.length * 4).fill(160), labels: e.labels, classNames: e.classNames, imagesKept: false,
    ...(e.clips && { origin: { clip: e.clips.clip, frame: e.clips.frame, clipNames: e.clips.clipNames } }),
  };
}

export function stateFromRecord(record: RunRecord): RunState {
  const e = record.embeddings;
  return {
    ...idleRun(), id: record.id, name: record.name, createdAt: record.createdAt, origin: 'history', phase: record.status === 'running' ? 'stopped' : record.status, config: recordedConfig(record.config), imported: record.imported ?? null,
    datasetRef: record.dataset, backend: record.backend ? { backend: record.backend, adapter: REOPENED_ADAPTER, why: text('messages.backend.asInHistory'), fallbacks: [] } : null,
    metricNames: record.metricNames, points: record.points, evals: record.evals, baseline: record.baseline, mapPoints: mapPointsOfEmbeddings(e),
    embeddings: e && { step: e.step, dim: e.dim, data: e.data }, error: record.error, msPerStep: record.msPerStep, imagesPerSecond: record.imagesPerSecond,
    wallMs: record.wallMs, history: { status: 'saved', message: text('history.status.opened') },
  };
}

/** What a reloaded page's backend line says in place of the adapter, which a checkpoint does not keep. */
export const CHECKPOINT_ADAPTER = 'adapter not kept in checkpoints';

export const reloadMessage = (step: number): Text => text('messages.run.reloaded', { step });

/**
 * A run found after a reload by its newest checkpoint: interrupted, showing what it had recorded
 * up to the checkpoint, ready to resume. It is this browser's own run (origin live: a resumed run
 * is saved to history when it ends), not yet in history.
 */
export function stateFromCheckpointHead(head: CheckpointHead): RunState {
  const { identity, progress } = head;
  const e = progress.embeddings;
  return {
    ...idleRun(), id: identity.id, name: identity.name, createdAt: identity.createdAt, origin: 'live', phase: 'interrupted', config: recordedConfig(head.config), datasetRef: identity.datasetRef,
    backend: { backend: head.backend, adapter: CHECKPOINT_ADAPTER, why: text('messages.backend.asInCheckpoint'), fallbacks: [] },
    ...progressState(progress, head.step), mapPoints: mapPointsOfEmbeddings(e), interruption: { cause: 'reload', message: reloadMessage(head.step) },
    checkpoint: { step: head.step, bytes: head.kept.find((k) => k.step === head.step)?.bytes ?? head.bytes, ms: 0, at: head.savedAt },
  };
}
