/**
 * How one run's state follows its worker: a pure reducer from (state, message) to the next state
 * and the side effects the message implies, returned as data for the worker pool to carry out.
 * The local transitions (start, take off the queue, stop before the loop) live here too, so every
 * way a run's phase changes is in one file and testable in Node.
 */
import type { EncoderWeightsMessage, FromWorker } from '../shared/protocol';
import { rowsToPoints } from './metricsBuffer';
import { mapPointsOfEmbeddings, progressState } from './runRecords';
import { lastStep, type RunState } from './runState';
import { text, type Text } from '../shared/text';

/** What a message asks of the world outside the run's state. */
export type RunEffect =
  /** The worker has finished: terminate it, free its slot, start what waits. */
  | { kind: 'releaseWorker' }
  /** Save the finished run to history. */
  | { kind: 'saveToHistory' }
  /** Keep the trained encoder's weights (this session only) for the model export. */
  | { kind: 'keepEncoder'; weights: EncoderWeightsMessage }
  /** The run is over for good (completed, stopped, failed): its checkpoints go. */
  | { kind: 'deleteCheckpoints' };

export interface Applied {
  run: RunState;
  effects: RunEffect[];
}

const only = (run: RunState): Applied => ({ run, effects: [] });

/**
 * `now` is the main thread's clock (performance.now()) when the message arrived: wall times are
 * seconds since the run's worker started.
 */
export function applyWorkerMessage(run: RunState, m: FromWorker, now: number): Applied {
  switch (m.type) {
    case 'phase':
      return only({ ...run, phase: m.phase, detail: m.detail ?? '' });
    case 'backend':
      return only({ ...run, backend: m.info });
    case 'dataset':
      return only({ ...run, dataset: m.summary });
    case 'paramIssues':
      return only({ ...run, paramIssues: m.issues });
    case 'notice':
      // A continued run's new worker says again what the first one said: shown once.
      return only(run.notices.some((n) => sameMessage(n, m.message)) ? run : { ...run, notices: [...run.notices, m.message] });
    case 'metrics': {
      const points = rowsToPoints(m.names, m.firstStep, m.rows, m.values);
      // Rows arrive in batches: spread their wall times back from now at the measured step time.
      points.forEach((p, i) => { p.wall = (now - run.startedAt - (m.rows - 1 - i) * m.msPerStep) / 1000; });
      // A continued run computes again the steps after its checkpoint: the new rows replace any kept.
      const before = lastStep(run) >= m.firstStep && run.points.length ? run.points.filter((p) => p.step < m.firstStep) : run.points;
      return only({
        ...run, points: before.concat(points), metricNames: run.metricNames.length ? run.metricNames : m.names,
        msPerStep: m.msPerStep, imagesPerSecond: m.imagesPerSecond, numTensors: m.numTensors,
      });
    }
    case 'evaluation': {
      const { type: _type, embeddings, ...point } = m;
      const wall = (now - run.startedAt) / 1000;
      return only({ ...run, evals: [...run.evals.filter((e) => e.step < m.step), { ...point, wall }], embeddings: { step: m.step, dim: m.dim, data: embeddings } });
    }
    case 'baseline': {
      const { type: _type, ...baseline } = m;
      return only({ ...run, baseline });
    }
    case 'mapPoints':
      return only({ ...run, mapPoints: m.points });
    case 'preview':
      return only({ ...run, preview: m.panels });
    case 'encoder': {
      const { type: _type, ...weights } = m;
      return { run: { ...run, hasEncoder: true }, effects: [{ kind: 'keepEncoder', weights }] };
    }
    case 'heartbeat':
    // A step timing answers the setup panel's probe (the pool's own client), never a run.
    case 'stepTiming':
      // The pool's watchdog notes every message's arrival; a heartbeat changes nothing else.
      return only(run);
    case 'checkpoint':
      return only({ ...run, checkpoint: { step: m.step, bytes: m.bytes, ms: m.ms, at: Date.now() }, checkpointWarning: null });
    case 'checkpointFailed':
      return only({ ...run, checkpointWarning: m.message });
    case 'restored':
      return only(restoredRun(run, m, now));
    case 'ended': {
      if (m.reason === 'interrupted') {
        // A lost GPU device: the run can continue from its checkpoints, which stay.
        return { run: interruptedRun(run, 'deviceLost', m.message || text('messages.run.deviceLost'), now), effects: [{ kind: 'releaseWorker' }] };
      }
      const ended: RunState = { ...run, phase: m.reason, error: m.message ?? null, endedAt: now, stalled: null, continues: false };
      // History keeps this session's trained runs that got at least one step (not imported evaluations).
      const save = ended.origin === 'live' && ended.points.length > 0;
      // Over for good: its checkpoints go (a failed run would fail again the same way from them).
      const drop = ended.origin === 'live' && ended.config !== null;
      return { run: ended, effects: [...(save ? [{ kind: 'saveToHistory' } as const] : []), ...(drop ? [{ kind: 'deleteCheckpoints' } as const] : []), { kind: 'releaseWorker' }] };
    }
  }
}

/** The same message (a Text that came through postMessage is another object with the same key and values). */
export const sameMessage = (a: Text | string, b: Text | string): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

export const resumedNotice = (step: number): Text => text('messages.notice.resumed', { step });
export const otherBackendNotice = (from: string, to: string): Text => text('messages.notice.otherBackend', { from, to });

/**
 * A continued run starts from its checkpoint: what it shows becomes what the checkpoint recorded
 * (rows after its step are dropped: they are computed again), and its wall clock continues from
 * the checkpoint's training time.
 */
function restoredRun(run: RunState, m: Extract<FromWorker, { type: 'restored' }>, now: number): RunState {
  const { progress } = m;
  const e = progress.embeddings;
  const continuing = run.backend?.backend;
  // Step 0: no usable checkpoint (the worker said why in a notice): the run starts over, nothing of before is kept.
  const added = m.step === 0 ? [] : [resumedNotice(m.step), ...(continuing && continuing !== m.fromBackend ? [otherBackendNotice(m.fromBackend, continuing)] : [])];
  // A second resume from the same checkpoint says nothing new.
  const notices = [...run.notices, ...added.filter((n) => !run.notices.some((kept) => sameMessage(kept, n)))];
  return {
    ...run,
    ...progressState(progress, m.step),
    metricNames: progress.metricNames.length ? progress.metricNames : run.metricNames,
    baseline: m.step === 0 ? progress.baseline : progress.baseline ?? run.baseline,
    // The worker sends the map's thumbnails again; until then the stored labels and class names.
    mapPoints: run.mapPoints ?? mapPointsOfEmbeddings(e),
    startedAt: now - progress.wallMs,
    resumedFrom: { step: m.step, fromBackend: m.fromBackend },
    interruption: null, continues: false,
    notices,
  };
}

/** The run stopped short but can continue from its checkpoints (kept): a crash, a lost device, an unanswering worker. */
export function interruptedRun(run: RunState, cause: NonNullable<RunState['interruption']>['cause'], message: Text | string, now: number): RunState {
  return { ...run, phase: 'interrupted', interruption: { cause, message }, error: null, endedAt: now, stalled: null, continues: false };
}

/** What a crashed worker's run says: the browser's own words for the error inside ours. */
export const crashMessage = (what: string): Text => text('messages.worker.trainingCrashed', { what: what || text('messages.worker.unknownError') });

/**
 * The run's worker crashed (worker.onerror): a training run is interrupted, to be resumed from its
 * checkpoints, and not saved to history (its checkpoints hold it). An imported encoder's
 * evaluation has nothing to resume from: it fails, as before.
 */
export function crashedRun(run: RunState, what: string, now: number): Applied {
  if (!run.config) return { run: { ...run, phase: 'failed', error: crashMessage(what), endedAt: now, stalled: null }, effects: [{ kind: 'releaseWorker' }] };
  return { run: interruptedRun(run, 'crash', crashMessage(what), now), effects: [{ kind: 'releaseWorker' }] };
}

/**
 * An interrupted run queued again, to continue from its newest checkpoint once it has a worker.
 * What it recorded stays on screen until the worker says where it restarts from ('restored').
 */
export const queuedToContinue = (run: RunState): RunState => ({
  ...run, phase: 'queued', detail: '', continues: true, stalled: null, error: null, endedAt: 0, checkpointWarning: null,
});

/** A run queued to continue but stopped before its worker restored it: interrupted again, as it was. */
const backToInterrupted = (run: RunState, now: number): RunState => ({
  ...run, phase: 'interrupted', detail: '', continues: false, endedAt: now,
  interruption: run.interruption ?? { cause: 'reload', message: text('messages.run.stoppedBeforeContinuing') },
});

/**
 * An unanswering worker let go by the user's "Stop run": the run ends stopped with what it
 * recorded, saved to history as any stopped run (its checkpoints go with it).
 */
export function stoppedUnanswering(run: RunState, now: number): Applied {
  const ended: RunState = { ...run, phase: 'stopped', detail: text('messages.run.stoppedUnanswering'), error: null, endedAt: now, stalled: null, continues: false };
  const save = ended.origin === 'live' && ended.points.length > 0;
  return { run: ended, effects: [...(save ? [{ kind: 'saveToHistory' } as const] : []), { kind: 'deleteCheckpoints' }, { kind: 'releaseWorker' }] };
}

/** A queued run got a worker. */
export const startedRun = (run: RunState, now: number): RunState => ({ ...run, phase: 'starting', startedAt: now, endedAt: 0 });

/** A queued run that never got a worker, stopped. */
export const takenOffQueue = (run: RunState, now: number): RunState =>
  (run.continues ? backToInterrupted(run, now) : { ...run, phase: 'stopped', detail: text('messages.run.takenOffQueue'), endedAt: now });

/**
 * A run stopped while its worker was still starting, loading or building: there is no loop to
 * ask, so the pool terminates the worker and the run ends here, as a stopped run with no steps.
 */
export const stoppedBeforeLoop = (run: RunState, now: number): RunState =>
  (run.continues ? backToInterrupted(run, now) : { ...run, phase: 'stopped', error: null, endedAt: now });
