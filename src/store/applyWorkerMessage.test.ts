import { describe, expect, it } from 'vitest';
import {
  applyWorkerMessage, crashedRun, otherBackendNotice, queuedToContinue, resumedNotice, startedRun, stoppedBeforeLoop, stoppedUnanswering, takenOffQueue,
} from './applyWorkerMessage';
import { checkpointHead, evaluation, importedRun, liveRun, metrics } from './testFixtures';
import type { FromWorker } from '../shared/protocol';
import type { RunState } from './runState';
import { englishText } from '../i18n/render';
import { text } from '../shared/text';

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
    // A resumed run's new worker repeats its notices: each is shown once.
    expect(apply(once, { type: 'notice', message: 'no labels' }).run.notices).toEqual(['no labels']);
    // A Text notice that came through postMessage is another object with the same key and values.
    const texted = apply(once, { type: 'notice', message: text('messages.notice.resumed', { step: 3 }) }).run;
    expect(apply(texted, { type: 'notice', message: structuredClone(text('messages.notice.resumed', { step: 3 })) }).run.notices).toHaveLength(2);
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
    const weights = { width: 4, norm: 'group' as const, normGroups: 8, outputDim: 16, inputShape: [32, 32, 3] as [number, number, 3], weights: [] };
    const { run, effects } = apply(running(), { type: 'encoder', ...weights });
    expect(run.hasEncoder).toBe(true);
    expect(effects).toEqual([{ kind: 'keepEncoder', weights }]);
  });

  it('ended: the phase, the error and the end time; the worker is released, a trained live run saved', () => {
    const trained = apply(running(), metrics(0, 2)).run;
    const { run, effects } = apply(trained, { type: 'ended', reason: 'failed', steps: 2, message: 'out of memory' }, 9000);
    expect([run.phase, run.error, run.endedAt]).toEqual(['failed', 'out of memory', 9000]);
    // Failed (a non-finite loss, say) is over for good: resuming would fail the same way, so its checkpoints go too.
    expect(effects).toEqual([{ kind: 'saveToHistory' }, { kind: 'deleteCheckpoints' }, { kind: 'releaseWorker' }]);
    expect(apply(trained, { type: 'ended', reason: 'completed', steps: 2 }).run.error).toBeNull();
  });

  it('ended: nothing to save without a step, or for an imported encoder', () => {
    expect(apply(running(), { type: 'ended', reason: 'stopped', steps: 0 }).effects).toEqual([{ kind: 'deleteCheckpoints' }, { kind: 'releaseWorker' }]);
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
    const off = takenOffQueue(liveRun('a'), 50);
    expect(off).toMatchObject({ phase: 'stopped', endedAt: 50 });
    expect(englishText(off.detail)).toBe('taken off the queue');
  });

  it('a run stopped before its loop started ends stopped, without an error', () => {
    expect(stoppedBeforeLoop(liveRun('a', { phase: 'building', error: 'stale' }), 70)).toMatchObject({ phase: 'stopped', error: null, endedAt: 70 });
  });
});

describe('durability: interruptions, checkpoints and restores', () => {
  const trained = () => apply(running(), metrics(1, 8)).run;
  const info = (backend: 'webgl' | 'wasm') => ({ backend, adapter: '', why: '', fallbacks: [] });

  it('ended interrupted (a lost GPU device): interrupted with the worker\'s message, released, not saved, checkpoints kept', () => {
    const { run, effects } = apply(trained(), { type: 'ended', reason: 'interrupted', steps: 8, message: 'GPU device lost: destroyed' }, 9000);
    expect(run.phase).toBe('interrupted');
    expect(run.interruption).toEqual({ cause: 'deviceLost', message: 'GPU device lost: destroyed' });
    expect([run.error, run.endedAt, run.points.length]).toEqual([null, 9000, 8]);
    expect(effects).toEqual([{ kind: 'releaseWorker' }]);
  });

  it('a crash interrupts a training run (not saved: its checkpoints hold it); an imported evaluation fails as before', () => {
    const { run, effects } = crashedRun(trained(), 'Uncaught RangeError', 9000);
    expect(run.phase).toBe('interrupted');
    expect(run.interruption?.cause).toBe('crash');
    expect(englishText(run.interruption!.message)).toBe('The training worker crashed: Uncaught RangeError');
    expect(effects).toEqual([{ kind: 'releaseWorker' }]);
    const imported = crashedRun(importedRun('imp', { phase: 'building' }), '', 9000);
    expect([imported.run.phase, englishText(imported.run.error!)]).toEqual(['failed', 'The training worker crashed: unknown error']);
  });

  it('checkpoint: the newest noted and a warning cleared; checkpointFailed: a warning that stays until the next one', () => {
    const warned = apply(trained(), { type: 'checkpointFailed', step: 50, message: 'quota' }).run;
    expect(warned.checkpointWarning).toBe('quota');
    expect(apply(warned, { type: 'heartbeat', step: 51 }).run.checkpointWarning).toBe('quota');
    const written = apply(warned, { type: 'checkpoint', step: 100, bytes: 420_000, ms: 35, kept: [100, 50] }).run;
    expect(written.checkpoint).toMatchObject({ step: 100, bytes: 420_000, ms: 35 });
    expect(written.checkpointWarning).toBeNull();
  });

  it('restored: the run shows the checkpoint\'s progress (later rows dropped), its wall clock continues, a notice says from where', () => {
    // Crashed at step 8 with a checkpoint at step 5, continued on the same backend.
    const crashed = { ...trained(), backend: info('webgl') };
    const continued = queuedToContinue(crashedRun(crashed, 'x', 9000).run);
    expect([continued.phase, continued.continues]).toEqual(['queued', true]);
    const started = apply(startedRun(continued, 20_000), { type: 'backend', info: info('webgl') }).run;
    const progress = checkpointHead('run-a', 5).progress;
    progress.points.push({ step: 6, loss: 99, wall: 1 }); // a row past the step, as a worker might send: dropped
    const { run } = apply(started, { type: 'restored', step: 5, savedAt: 1, fromBackend: 'webgl', progress }, 20_500);
    expect(run.points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(run.resumedFrom).toEqual({ step: 5, fromBackend: 'webgl' });
    expect(run.startedAt).toBe(20_500 - progress.wallMs);
    expect([run.interruption, run.continues]).toEqual([null, false]);
    expect(run.notices).toEqual([resumedNotice(5)]);
    expect(run.embeddings?.step).toBe(5);
    // The next rows continue the wall clock and the steps.
    const next = apply(run, metrics(6, 1, 100), 21_500).run;
    expect(next.points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(next.points[5].wall).toBeCloseTo((progress.wallMs + 1000) / 1000, 5);
  });

  it('restored on another backend: a second notice says the losses will differ slightly', () => {
    const started = apply(startedRun(queuedToContinue(liveRun('a', { phase: 'interrupted' })), 0), { type: 'backend', info: info('wasm') }).run;
    const { run } = apply(started, { type: 'restored', step: 5, savedAt: 1, fromBackend: 'webgl', progress: checkpointHead('a', 5).progress });
    expect(run.notices).toEqual([resumedNotice(5), otherBackendNotice('webgl', 'wasm')]);
    expect(englishText(run.notices[1])).toMatch(/continues on wasm.*differ slightly/);
    // Resumed again from the same checkpoint: the notices are not repeated.
    expect(apply(run, { type: 'restored', step: 5, savedAt: 1, fromBackend: 'webgl', progress: checkpointHead('a', 5).progress }).run.notices).toHaveLength(2);
  });

  it('restored at step 0 (no usable checkpoint): what the run showed goes, with no "resumed" notice', () => {
    const before = apply(apply(trained(), evaluation(4)).run, { type: 'baseline', rawKnnTop1: 0.3, rawLinearTop1: 0.4, ms: 5 }).run;
    const started = apply(startedRun(queuedToContinue(crashedRun(before, 'x', 9000).run), 20_000), { type: 'backend', info: info('wasm') }).run;
    const empty = { metricNames: before.metricNames, points: [], evals: [], baseline: null, embeddings: null, wallMs: 0, msPerStep: 0, imagesPerSecond: 0 };
    const { run } = apply(started, { type: 'restored', step: 0, savedAt: 0, fromBackend: 'wasm', progress: empty }, 20_500);
    expect([run.points, run.evals, run.baseline, run.embeddings]).toEqual([[], [], null, null]);
    expect(run.notices.filter((n) => /Resumed/.test(englishText(n)))).toEqual([]);
  });

  it('a continued run\'s rows and evaluations after its checkpoint replace the ones it had (no restore message needed)', () => {
    const run = apply(apply(trained(), evaluation(8)).run, metrics(4, 2)).run;
    expect(run.points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(apply(run, evaluation(5)).run.evals.map((e) => e.step)).toEqual([5]);
  });

  it('a run queued to continue and stopped before it restarted is interrupted again, not stopped', () => {
    const waiting = queuedToContinue(crashedRun(trained(), 'x', 1).run);
    expect(takenOffQueue(waiting, 2)).toMatchObject({ phase: 'interrupted', continues: false, interruption: { cause: 'crash' } });
    expect(stoppedBeforeLoop({ ...waiting, phase: 'loading-data' }, 2).phase).toBe('interrupted');
  });

  it('"Stop run" for an unanswering worker: stopped with its metrics, saved, its checkpoints deleted', () => {
    const { run, effects } = stoppedUnanswering({ ...trained(), stalled: { silentMs: 40_000, limitMs: 30_000 } }, 9000);
    expect([run.phase, run.points.length, run.stalled]).toEqual(['stopped', 8, null]);
    expect(effects).toEqual([{ kind: 'saveToHistory' }, { kind: 'deleteCheckpoints' }, { kind: 'releaseWorker' }]);
  });
});
