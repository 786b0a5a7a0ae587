import { describe, expect, it } from 'vitest';
import { applyWorkerMessage, startedRun, stoppedBeforeLoop, takenOffQueue } from './applyWorkerMessage';
import { evaluation, liveRun, metrics } from './testFixtures';
import type { FromWorker } from '../shared/protocol';
import type { RunState } from './runState';

const running = (patch: Partial<RunState> = {}) => liveRun('run-a', { phase: 'training', startedAt: 1000, ...patch });
const apply = (run: RunState, m: FromWorker, now = 5000) => applyWorkerMessage(run, m, now);

describe('applyWorkerMessage', () => {
  it('phase: sets the phase and its detail (none: empty)', () => {
    const { run, effects } = apply(running({ detail: 'old' }), { type: 'phase', phase: 'building', detail: 'model' });
    expect([run.phase, run.detail]).toEqual(['building', 'model']);
    expect(effects).toEqual([]);
    expect(apply(run, { type: 'phase', phase: 'training' }).run.detail).toBe('');
  });

  it('backend, dataset, paramIssues, mapPoints, preview: taken as they come', () => {
    const info = { backend: 'cpu' as const, adapter: '', why: 'forced', fallbacks: [] };
    expect(apply(running(), { type: 'backend', info }).run.backend).toBe(info);
    const summary = { id: 'shapes', name: 'Shapes', kind: 'images' as const, height: 32, width: 32, channels: 3, classNames: ['a'], trainCount: 1, testCount: 1, unlabelled: 0 };
    expect(apply(running(), { type: 'dataset', summary }).run.dataset).toBe(summary);
    const issues = [{ key: 'lr', message: 'too high' }];
    expect(apply(running(), { type: 'paramIssues', issues }).run.paramIssues).toBe(issues);
    const points = { count: 1, height: 1, width: 1, rgba: new Uint8ClampedArray(4), labels: new Int32Array(1), classNames: ['a'] };
    expect(apply(running(), { type: 'mapPoints', points }).run.mapPoints).toBe(points);
    const panels = [{ title: 'views', rows: [] }];
    expect(apply(running(), { type: 'preview', panels }).run.preview).toBe(panels);
  });

  it('notice: appended to the earlier ones', () => {
    const once = apply(running(), { type: 'notice', message: 'no labels' }).run;
    expect(apply(once, { type: 'notice', message: 'no kNN' }).run.notices).toEqual(['no labels', 'no kNN']);
  });

  it('metrics: rows become points whose wall times go back from arrival at the step time', () => {
    // Arrived at 5000 ms, worker started at 1000 ms, 100 ms per step: the last row is 4 s in.
    const { run, effects } = apply(running(), metrics(10, 3, 100), 5000);
    expect(run.points).toEqual([
      { step: 10, loss: 10, posSim: expect.closeTo(1, 5), wall: 3.8 },
      { step: 11, loss: 11, posSim: expect.closeTo(1.1, 5), wall: 3.9 },
      { step: 12, loss: 12, posSim: expect.closeTo(1.2, 5), wall: 4 },
    ]);
    expect([run.metricNames, run.msPerStep, run.imagesPerSecond, run.numTensors]).toEqual([['loss', 'posSim'], 100, 10, 42]);
    expect(effects).toEqual([]);
  });

  it('metrics: appended after the earlier points; the first names stay', () => {
    const first = apply(running(), metrics(0, 2)).run;
    const next = apply(first, { ...metrics(2, 1, 50), names: ['loss', 'renamed'] }).run;
    expect(next.points.map((p) => p.step)).toEqual([0, 1, 2]);
    expect(next.metricNames).toEqual(['loss', 'posSim']);
    expect(next.msPerStep).toBe(50);
  });

  it('evaluation: kept with its wall time (no embeddings in the point); the embeddings are the newest', () => {
    const { run } = apply(running(), evaluation(5), 3500);
    expect(run.evals).toHaveLength(1);
    expect(run.evals[0]).toMatchObject({ step: 5, knnTop1: 0.5, wall: 2.5 });
    expect(run.evals[0]).not.toHaveProperty('embeddings');
    expect(run.evals[0]).not.toHaveProperty('type');
    expect(run.embeddings).toEqual({ step: 5, dim: 2, data: new Float32Array([1, 0, 0, 1]) });
    const later = apply(run, evaluation(10)).run;
    expect([later.evals.length, later.embeddings?.step]).toEqual([2, 10]);
  });

  it('baseline: kept without its message type', () => {
    expect(apply(running(), { type: 'baseline', rawKnnTop1: 0.3, rawLinearTop1: 0.4, ms: 12 }).run.baseline).toEqual({ rawKnnTop1: 0.3, rawLinearTop1: 0.4, ms: 12 });
  });

  it('encoder: the run has one, and the pool is asked to keep the weights', () => {
    const weights = { width: 4, norm: 'group' as const, outputDim: 16, inputShape: [32, 32, 3] as [number, number, 3], weights: [] };
    const { run, effects } = apply(running(), { type: 'encoder', ...weights });
    expect(run.hasEncoder).toBe(true);
    expect(effects).toEqual([{ kind: 'keepEncoder', weights }]);
  });

  it('ended: the phase, the error and the end time; the worker is released, a trained live run saved', () => {
    const trained = apply(running(), metrics(0, 2)).run;
    const { run, effects } = apply(trained, { type: 'ended', reason: 'failed', steps: 2, message: 'out of memory' }, 9000);
    expect([run.phase, run.error, run.endedAt]).toEqual(['failed', 'out of memory', 9000]);
    expect(effects).toEqual([{ kind: 'saveToHistory' }, { kind: 'releaseWorker' }]);
    expect(apply(trained, { type: 'ended', reason: 'completed', steps: 2 }).run.error).toBeNull();
  });

  it('ended: nothing to save without a step, or for an imported encoder', () => {
    expect(apply(running(), { type: 'ended', reason: 'stopped', steps: 0 }).effects).toEqual([{ kind: 'releaseWorker' }]);
    const imported = apply(running({ origin: 'imported' }), metrics(0, 1)).run;
    expect(apply(imported, { type: 'ended', reason: 'completed', steps: 0 }).effects).toEqual([{ kind: 'releaseWorker' }]);
  });

  it('does not change the run it was given', () => {
    const before = running();
    const snapshot = structuredClone(before);
    apply(before, metrics(0, 2));
    apply(before, { type: 'notice', message: 'x' });
    apply(before, { type: 'ended', reason: 'completed', steps: 2 });
    expect(before).toEqual(snapshot);
  });
});

describe('local transitions', () => {
  it('a queued run that gets a worker is starting, from now', () => {
    expect(startedRun(liveRun('a'), 123)).toMatchObject({ phase: 'starting', startedAt: 123 });
  });

  it('a queued run stopped leaves the queue', () => {
    expect(takenOffQueue(liveRun('a'), 50)).toMatchObject({ phase: 'stopped', detail: 'taken off the queue', endedAt: 50 });
  });

  it('a run stopped before its loop started ends stopped, without an error', () => {
    expect(stoppedBeforeLoop(liveRun('a', { phase: 'building', error: 'stale' }), 70)).toMatchObject({ phase: 'stopped', error: null, endedAt: 70 });
  });
});
