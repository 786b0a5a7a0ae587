import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../data/dataset';
import { FLUSH_MS, WorkerPool, type DraftPreview, type PoolHost } from './workerPool';
import { ENCODER, evaluation, fakeClients, importedRun, liveRun, metrics, SETTINGS } from './testFixtures';
import { DEFAULT_CHECKPOINTS } from '../checkpoint/types';
import { resumedNotice } from './applyWorkerMessage';
import type { RunState } from './runState';
import { englishText } from '../i18n/render';

/** The store's part, in memory: counts updates so tests can see batching. */
interface MemoryHost extends PoolHost {
  state: RunState[];
  limit: number;
  updates: number;
  saved: string[];
}

function memoryHost(runs: RunState[], maxConcurrent = 1): MemoryHost {
  const host: MemoryHost = {
    state: runs, limit: maxConcurrent, updates: 0, saved: [],
    runs: () => host.state,
    maxConcurrent: () => host.limit,
    updateRuns(update) { host.state = update(host.state); host.updates++; },
    saveToHistory(id) { host.saved.push(id); },
  };
  return host;
}

function setup(runs: RunState[], maxConcurrent = 1, datasetOf?: (id: string) => Dataset | undefined) {
  const host = memoryHost(runs, maxConcurrent);
  const fake = fakeClients();
  let now = 1000;
  const deleted: string[] = [];
  const pool = new WorkerPool({ createClient: fake.create, host, datasetOf, now: () => now, deleteCheckpoints: async (id) => { deleted.push(id); } });
  return { host, pool, clients: fake.clients, deleted, run: (id: string) => host.state.find((r) => r.id === id)!, setNow: (t: number) => { now = t; } };
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('WorkerPool: the queue', () => {
  it('starts queued runs in order up to the concurrency limit; the rest wait', () => {
    const { pool, clients, run } = setup([liveRun('a'), liveRun('b'), liveRun('c')], 2);
    pool.pump();
    expect(clients).toHaveLength(2);
    expect(clients.map((c) => c.commands)).toEqual([['train'], ['train']]);
    expect(clients.map((c) => c.config?.seed)).toEqual([run('a').config!.seed, run('b').config!.seed]);
    expect(['a', 'b', 'c'].map((id) => run(id).phase)).toEqual(['starting', 'starting', 'queued']);
    expect(run('a').startedAt).toBe(1000);
    expect([pool.hasWorker('a'), pool.hasWorker('c')]).toEqual([true, false]);
    pool.pump(); // nothing more to start
    expect(clients).toHaveLength(2);
  });

  it('ended frees the slot: the worker is terminated and the next queued run starts', () => {
    const { pool, clients, run } = setup([liveRun('a'), liveRun('b')], 1);
    pool.pump();
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 0 });
    expect(clients[0].terminated).toBe(true);
    expect(run('a').phase).toBe('completed');
    expect(clients).toHaveLength(2);
    expect(run('b').phase).toBe('starting');
    expect(pool.hasWorker('a')).toBe(false);
  });

  it('a higher limit starts the waiting runs at the next pump', () => {
    const { host, pool, clients } = setup([liveRun('a'), liveRun('b')], 1);
    pool.pump();
    host.limit = 2;
    pool.pump();
    expect(clients).toHaveLength(2);
  });

  it('sends a dropped dataset that only this page holds along with the command', () => {
    const dataset = { id: 'user-1' } as unknown as Dataset;
    const { pool, clients } = setup([liveRun('a', { config: { ...liveRun('a').config!, datasetId: 'user-1' } })], 1, (id) => (id === 'user-1' ? dataset : undefined));
    pool.pump();
    expect(clients[0].dataset).toBe(dataset);
  });

  it('an imported encoder is evaluated with its settings, not trained', () => {
    const { pool, clients } = setup([importedRun('imp')]);
    pool.holdEncoder('imp', ENCODER);
    pool.pump();
    expect(clients[0].commands).toEqual(['evaluateEncoder']);
    expect(clients[0].settings).toEqual(SETTINGS);
    expect(clients[0].encoder).toBe(ENCODER);
  });
});

describe('WorkerPool: metrics', () => {
  it('buffers metric rows and moves them into the state in one update per flush', () => {
    const { host, pool, clients, run, setNow } = setup([liveRun('a'), liveRun('b')], 2);
    pool.pump();
    const before = host.updates;
    setNow(2000);
    clients[0].emit(metrics(0, 2));
    setNow(3000);
    clients[0].emit(metrics(2, 2));
    clients[1].emit(metrics(0, 1));
    expect(host.updates).toBe(before);
    expect(run('a').points).toHaveLength(0);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(host.updates).toBe(before + 1);
    expect(run('a').points.map((p) => p.step)).toEqual([0, 1, 2, 3]);
    // Each batch's wall times count back from when it arrived (started at 1000 ms, 100 ms a step).
    expect(run('a').points.map((p) => p.wall)).toEqual([0.9, 1, 1.9, 2]);
    expect(run('b').points).toHaveLength(1);
    vi.advanceTimersByTime(FLUSH_MS * 4); // nothing new: no update
    expect(host.updates).toBe(before + 1);
  });

  it('rows that came before another message are in the state before it', () => {
    const { pool, clients, run } = setup([liveRun('a')]);
    pool.pump();
    clients[0].emit(metrics(0, 3));
    clients[0].emit(evaluation(3));
    expect(run('a').points).toHaveLength(3);
    expect(run('a').evals.map((e) => e.step)).toEqual([3]);
  });

  it('ended saves a trained run to history and stops the flush timer with the last worker', () => {
    const { host, pool, clients, run } = setup([liveRun('a')]);
    pool.pump();
    expect(vi.getTimerCount()).toBe(1);
    clients[0].emit(metrics(0, 2));
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 2 });
    expect(run('a').points).toHaveLength(2);
    expect(host.saved).toEqual(['a']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a finished run\'s encoder weights until the run is forgotten', () => {
    const { pool, clients, run } = setup([liveRun('a')]);
    pool.pump();
    const weights = { width: 4, norm: 'group' as const, normGroups: 8, outputDim: 16, inputShape: [32, 32, 3] as [number, number, 3], weights: [] };
    clients[0].emit({ type: 'encoder', ...weights });
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 1 });
    expect(pool.encoderOf('a')).toEqual(weights);
    expect(run('a').hasEncoder).toBe(true);
    pool.forget('a');
    expect(pool.encoderOf('a')).toBeUndefined();
  });
});

describe('WorkerPool: stopping', () => {
  it('a queued run leaves the queue without a worker', () => {
    const { pool, clients, run } = setup([liveRun('a'), liveRun('b')]);
    pool.pump();
    pool.stop('b');
    expect(run('b')).toMatchObject({ phase: 'stopped', endedAt: 1000 });
    expect(englishText(run('b').detail)).toBe('taken off the queue');
    expect(clients).toHaveLength(1);
  });

  it('before the loop starts: the worker is terminated, the run ends here, the next one starts', () => {
    const { host, pool, clients, run, setNow } = setup([liveRun('a'), liveRun('b')]);
    pool.pump();
    clients[0].emit({ type: 'phase', phase: 'loading-data' });
    setNow(1500);
    pool.stop('a');
    expect(clients[0].commands).toEqual(['train']); // no 'stop': there is no loop to ask
    expect(clients[0].terminated).toBe(true);
    expect(run('a')).toMatchObject({ phase: 'stopped', error: null, endedAt: 1500 });
    expect(run('b').phase).toBe('starting');
    expect(host.saved).toEqual([]);
    // A message the terminated worker had already sent changes nothing.
    clients[0].emit({ type: 'phase', phase: 'training' });
    expect(run('a').phase).toBe('stopped');
  });

  it('a training run is asked to stop and ends when its worker says so', () => {
    const { pool, clients, run } = setup([liveRun('a')]);
    pool.pump();
    clients[0].emit({ type: 'phase', phase: 'training' });
    pool.stop('a');
    expect(clients[0].commands).toEqual(['train', 'stop']);
    expect([run('a').phase, clients[0].terminated]).toEqual(['training', false]);
    clients[0].emit({ type: 'ended', reason: 'stopped', steps: 4 });
    expect([run('a').phase, clients[0].terminated]).toEqual(['stopped', true]);
  });

  it('pause, resume and a new preview go to the run\'s worker', () => {
    const { pool, clients } = setup([liveRun('a')]);
    pool.pump();
    pool.pause('a');
    pool.resume('a');
    pool.refreshPreview('a');
    pool.pause('unknown');
    expect(clients[0].commands).toEqual(['train', 'pause', 'resume', 'refreshPreview']);
  });

  it('forgetting a live run stops it and terminates its worker', () => {
    const { pool, clients } = setup([liveRun('a')]);
    pool.pump();
    clients[0].emit({ type: 'phase', phase: 'training' });
    pool.forget('a');
    expect(clients[0].commands).toEqual(['train', 'stop']);
    expect(clients[0].terminated).toBe(true);
    expect(pool.hasWorker('a')).toBe(false);
  });
});

describe('WorkerPool: the draft preview', () => {
  const config = liveRun('draft').config!;

  it('reports the worker\'s progress and its preview, then lets the worker go', () => {
    const { pool, clients } = setup([]);
    const reports: Partial<DraftPreview>[] = [];
    pool.previewDraft(config, (patch) => reports.push(patch));
    expect(clients[0].commands).toEqual(['previewBatch']);
    clients[0].emit({ type: 'phase', phase: 'building', detail: 'the model' });
    clients[0].emit({ type: 'phase', phase: 'loading-data' });
    const panels = [{ title: 'views', rows: [] }];
    clients[0].emit({ type: 'preview', panels });
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 0 });
    expect(reports).toEqual([{ detail: 'the model' }, { detail: { key: 'app.run.phaseShort.loading-data' } }, { status: 'ready', panels, detail: '' }]);
    // A phase without a detail reads as the phase's words in the reader's language, not its id.
    expect(englishText(reports[1].detail!)).toBe('Loading the dataset…');
    expect(clients[0].terminated).toBe(true);
  });

  it('reports a failure; a replaced preview\'s messages are ignored', () => {
    const { pool, clients } = setup([]);
    const reports: Partial<DraftPreview>[] = [];
    pool.previewDraft(config, (patch) => reports.push(patch));
    pool.previewDraft(config, (patch) => reports.push(patch));
    expect(clients[0].terminated).toBe(true);
    clients[0].emit({ type: 'preview', panels: [] });
    clients[1].emit({ type: 'ended', reason: 'failed', steps: 0, message: 'no such dataset' });
    expect(reports).toEqual([{ status: 'failed', detail: 'no such dataset' }]);
  });

  it('cancelling terminates the preview worker', () => {
    const { pool, clients } = setup([]);
    pool.previewDraft(config, () => {});
    pool.cancelDraftPreview();
    expect(clients[0].terminated).toBe(true);
  });
});

describe('WorkerPool: durability', () => {
  /** A run that trained `steps` steps in its worker (rows flushed). */
  function training(steps = 8) {
    const t = setup([liveRun('a', { datasetRef: { id: 'shapes', name: 'Colour shapes', fingerprint: 'f' } })]);
    t.pool.pump();
    t.clients[0].emit({ type: 'phase', phase: 'training' });
    t.clients[0].emit(metrics(1, steps));
    t.pool.flush();
    return t;
  }

  it('sends the run\'s identity and the host\'s checkpoint settings with train (defaults without)', () => {
    const { clients, run } = training();
    expect(clients[0].identity).toEqual({ id: 'a', name: 'a', createdAt: run('a').createdAt, datasetRef: { id: 'shapes', name: 'Colour shapes', fingerprint: 'f' } });
    expect(clients[0].checkpoints).toEqual(DEFAULT_CHECKPOINTS);
  });

  it('a crash (worker.onerror) interrupts the run: worker released, not saved to history, checkpoints kept', () => {
    const { host, pool, clients, deleted, run } = training();
    clients[0].crash('Uncaught Error: boom');
    expect(run('a').phase).toBe('interrupted');
    expect(run('a').interruption?.cause).toBe('crash');
    expect(englishText(run('a').interruption!.message)).toBe('The training worker crashed: Uncaught Error: boom');
    expect(run('a').points).toHaveLength(8);
    expect([clients[0].terminated, pool.hasWorker('a')]).toEqual([true, false]);
    expect([host.saved, deleted]).toEqual([[], []]);
    clients[0].emit({ type: 'ended', reason: 'failed', steps: 0 }); // anything the dead worker had queued is ignored
    expect(run('a').phase).toBe('interrupted');
  });

  it('pool.crash (the test hook) is treated exactly as worker.onerror', () => {
    const { pool, clients, run } = training();
    pool.crash('a', 'terminated by the test hook');
    expect([run('a').phase, run('a').interruption?.cause, clients[0].terminated]).toEqual(['interrupted', 'crash', true]);
  });

  it('ended interrupted (a lost device) interrupts the run; completed deletes its checkpoints', () => {
    const lost = training();
    lost.clients[0].emit({ type: 'ended', reason: 'interrupted', steps: 8, message: 'device lost' });
    expect([lost.run('a').phase, lost.run('a').interruption?.cause, lost.host.saved, lost.deleted]).toEqual(['interrupted', 'deviceLost', [], []]);
    const done = training();
    done.clients[0].emit({ type: 'ended', reason: 'completed', steps: 8 });
    expect([done.host.saved, done.deleted]).toEqual([['a'], ['a']]);
  });

  it('resume: the interrupted run is queued to continue and its new worker gets continueRun with the identity and settings', () => {
    const { host, pool, clients, run, setNow } = training();
    host.checkpointSettings = () => ({ everySteps: 10, everySeconds: 0, keep: 3 });
    clients[0].crash('boom');
    pool.continueRun('a');
    expect(clients).toHaveLength(2);
    expect(clients[1].commands).toEqual(['continueRun']);
    expect(clients[1].identity?.id).toBe('a');
    expect(clients[1].checkpoints).toEqual({ everySteps: 10, everySeconds: 0, keep: 3 });
    expect(clients[1].config).toEqual(run('a').config);
    setNow(5000);
    const progress = { metricNames: ['loss', 'posSim'], points: [1, 2, 3, 4, 5].map((step) => ({ step, loss: step, wall: step / 10 })), evals: [], baseline: null, embeddings: null, wallMs: 500, msPerStep: 100, imagesPerSecond: 10 };
    clients[1].emit({ type: 'backend', info: { backend: 'webgl', adapter: '', why: '', fallbacks: [] } });
    clients[1].emit({ type: 'restored', step: 5, savedAt: 1, fromBackend: 'webgl', progress });
    expect(run('a').points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(run('a').notices).toEqual([resumedNotice(5)]);
    expect(run('a').startedAt).toBe(4500);
  });

  it('resume applies to interrupted runs only', () => {
    const { pool, clients } = training();
    pool.continueRun('a');
    expect(clients).toHaveLength(1);
  });

  it('watchdog: a training run silent past the floor is flagged; any message clears it', () => {
    const { pool, clients, run, setNow } = training();
    pool.setWatchdogFloorMs(5000);
    setNow(5500); // 4.5 s since the last message at 1000
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled).toBeNull();
    setNow(6500);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled).toEqual({ silentMs: 5500, limitMs: 5000 });
    setNow(8000);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled?.silentMs).toBe(7000);
    clients[0].emit({ type: 'heartbeat', step: 9 });
    expect(run('a').stalled).toBeNull();
    setNow(12_000);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled).toBeNull(); // 4 s since the heartbeat
  });

  it('watchdog: buffered metric rows count as heartbeats', () => {
    const { pool, clients, run, setNow } = training();
    pool.setWatchdogFloorMs(5000);
    setNow(7000);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled).not.toBeNull();
    clients[0].emit(metrics(9, 1));
    expect(run('a').stalled).toBeNull();
  });

  it('watchdog: off while paused, and the watch starts again from a resume', () => {
    const { pool, clients, run, setNow } = training();
    pool.setWatchdogFloorMs(5000);
    clients[0].emit({ type: 'phase', phase: 'paused' });
    setNow(60_000);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled).toBeNull();
    pool.resume('a');
    clients[0].emit({ type: 'phase', phase: 'training' });
    setNow(64_000);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled).toBeNull();
    setNow(66_000);
    vi.advanceTimersByTime(FLUSH_MS);
    expect(run('a').stalled).toEqual({ silentMs: 6000, limitMs: 5000 });
  });

  it('"Stop run" for a stalled run: worker terminated, stopped with its metrics, saved, checkpoints deleted', () => {
    const { host, pool, clients, deleted, run } = training();
    pool.stopUnanswering('a');
    expect([run('a').phase, run('a').points.length, clients[0].terminated]).toEqual(['stopped', 8, true]);
    expect([host.saved, deleted]).toEqual([['a'], ['a']]);
  });

  it('"Resume from last checkpoint" for a stalled run: terminated, then continued in a new worker', () => {
    const { host, pool, clients, deleted, run } = training();
    pool.resumeUnanswering('a');
    expect(clients[0].terminated).toBe(true);
    expect(clients[1].commands).toEqual(['continueRun']);
    expect([run('a').phase, run('a').continues, run('a').interruption?.cause]).toEqual(['starting', true, 'unresponsive']);
    expect([host.saved, deleted]).toEqual([[], []]);
  });

  it('forgetting a live run deletes its checkpoints (its end will not be heard); an interrupted one keeps them', () => {
    const live = training();
    live.pool.forget('a');
    expect(live.deleted).toEqual(['a']);
    const crashed = training();
    crashed.clients[0].crash('x');
    crashed.pool.forget('a');
    expect(crashed.deleted).toEqual([]);
  });

  it('injectFault goes to the run\'s worker', () => {
    const { pool, clients } = training();
    pool.injectFault('a', 'hang');
    expect(clients[0].faults).toEqual(['hang']);
  });
});
