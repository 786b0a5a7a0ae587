/**
 * How one run's state follows its worker: a pure reducer from (state, message) to the next state
 * and the side effects the message implies, returned as data for the worker pool to carry out.
 * The local transitions (start, take off the queue, stop before the loop) live here too, so every
 * way a run's phase changes is in one file and testable in Node.
 */
import type { EncoderWeightsMessage, FromWorker } from '../shared/protocol';
import { rowsToPoints } from './metricsBuffer';
import type { RunState } from './runState';

/** What a message asks of the world outside the run's state. */
export type RunEffect =
  /** The worker has finished: terminate it, free its slot, start what waits. */
  | { kind: 'releaseWorker' }
  /** Save the finished run to history. */
  | { kind: 'saveToHistory' }
  /** Keep the trained encoder's weights (this session only) for the model export. */
  | { kind: 'keepEncoder'; weights: EncoderWeightsMessage };

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
      return only({ ...run, notices: [...run.notices, m.message] });
    case 'metrics': {
      const points = rowsToPoints(m.names, m.firstStep, m.rows, m.values);
      // Rows arrive in batches: spread their wall times back from now at the measured step time.
      points.forEach((p, i) => { p.wall = (now - run.startedAt - (m.rows - 1 - i) * m.msPerStep) / 1000; });
      return only({
        ...run, points: run.points.concat(points), metricNames: run.metricNames.length ? run.metricNames : m.names,
        msPerStep: m.msPerStep, imagesPerSecond: m.imagesPerSecond, numTensors: m.numTensors,
      });
    }
    case 'evaluation': {
      const { type: _type, embeddings, ...point } = m;
      const wall = (now - run.startedAt) / 1000;
      return only({ ...run, evals: [...run.evals, { ...point, wall }], embeddings: { step: m.step, dim: m.dim, data: embeddings } });
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
    // Checkpoints, heartbeats and restores: the durability work fills these in.
    case 'heartbeat':
    case 'checkpoint':
    case 'checkpointFailed':
    case 'restored':
      return only(run);
    case 'ended': {
      const ended: RunState = { ...run, phase: m.reason, error: m.message ?? null, endedAt: now };
      // History keeps this session's trained runs that got at least one step (not imported evaluations).
      const save = ended.origin === 'live' && ended.points.length > 0;
      return { run: ended, effects: [...(save ? [{ kind: 'saveToHistory' } as const] : []), { kind: 'releaseWorker' }] };
    }
  }
}

/** A queued run got a worker. */
export const startedRun = (run: RunState, now: number): RunState => ({ ...run, phase: 'starting', startedAt: now });

/** A queued run that never got a worker, stopped. */
export const takenOffQueue = (run: RunState, now: number): RunState => ({ ...run, phase: 'stopped', detail: 'taken off the queue', endedAt: now });

/**
 * A run stopped while its worker was still starting, loading or building: there is no loop to
 * ask, so the pool terminates the worker and the run ends here, as a stopped run with no steps.
 */
export const stoppedBeforeLoop = (run: RunState, now: number): RunState => ({ ...run, phase: 'stopped', error: null, endedAt: now });
