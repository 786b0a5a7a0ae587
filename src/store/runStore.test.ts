import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../experiment/presets';
import type { RunRecord } from '../experiment/types';
import type { HistoryBackend } from './historySlice';
import { createAppStore, selectFocusedRun, selectShownMethod } from './runStore';
import { IDLE_RUN } from './runState';
import { checkpointHead, ENCODER, fakeClients, metrics } from './testFixtures';
import { runLockName } from '../checkpoint/types';

/** History in memory: what was saved, by id. */
function memoryHistory() {
  const saved = new Map<string, RunRecord>();
  const backend: HistoryBackend = {
    listRuns: async () => [...saved.values()].map(({ embeddings: _e, ...entry }) => ({ ...entry, bytes: 1, hasEmbeddings: false, hasEncoder: false })),
    storageUse: async () => null,
    saveRun: async (record) => { saved.set(record.id, record); return { saved: true, bytes: 1 }; },
    loadRun: async (id) => saved.get(id) ?? null,
    loadEncoder: async () => null,
    renameRun: async (id, name) => { const r = saved.get(id); if (r) saved.set(id, { ...r, name }); },
    deleteRun: async (id) => { saved.delete(id); },
  };
  return { saved, backend };
}

function setup(maxConcurrent = 1) {
  const fake = fakeClients();
  const history = memoryHistory();
  const deleted: string[] = [];
  const { useStore, pool } = createAppStore({ createClient: fake.create, history: history.backend, maxConcurrent, now: () => 1000, deleteCheckpoints: async (id) => { deleted.push(id); } });
  return { store: useStore, pool, clients: fake.clients, history, deleted, focused: () => selectFocusedRun(useStore.getState()) };
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('the app store', () => {
  it('focuses nothing at first: the focused run is the one frozen idle run, the draft\'s method is shown', () => {
    const { store } = setup();
    expect(selectFocusedRun(store.getState())).toBe(IDLE_RUN);
    expect(selectFocusedRun(store.getState())).toBe(selectFocusedRun(store.getState()));
    store.getState().setMethod('moco');
    expect(selectShownMethod(store.getState())).toBe('moco');
  });

  it('start trains the draft as a new focused run; the focused run is the entry of runs', () => {
    const { store, clients, focused } = setup();
    store.getState().setRunSetting('maxSteps', 7);
    store.getState().start();
    const [run] = store.getState().runs;
    expect(focused()).toBe(run);
    expect([run.phase, run.origin, run.config?.maxSteps, run.name]).toEqual(['starting', 'live', 7, expect.stringContaining('SimCLR')]);
    expect(clients[0].commands).toEqual(['train']);
    expect(selectShownMethod(store.getState())).toBe('simclr');
  });

  it('a second start waits in the queue under a limit of one and starts when the first ends', () => {
    const { store, clients, focused } = setup(1);
    store.getState().start();
    store.getState().start();
    expect(store.getState().runs.map((r) => r.phase)).toEqual(['starting', 'queued']);
    expect(new Set(store.getState().runs.map((r) => r.name)).size).toBe(2);
    expect(focused().id).toBe(store.getState().runs[1].id);
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 0 });
    expect(store.getState().runs.map((r) => r.phase)).toEqual(['completed', 'starting']);
  });

  it('stop on a run still starting ends it here and terminates its worker', () => {
    const { store, clients, focused } = setup();
    store.getState().start();
    store.getState().stop();
    expect(focused().phase).toBe('stopped');
    expect(clients[0].terminated).toBe(true);
  });

  it('a trained run that ends is saved to history and says so', async () => {
    const { store, clients, focused, history } = setup();
    store.getState().start();
    clients[0].emit({ type: 'phase', phase: 'training' });
    clients[0].emit(metrics(0, 3));
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 3 });
    await vi.waitFor(() => expect(focused().history.status).toBe('saved'));
    expect(history.saved.get(focused().id)?.points).toHaveLength(3);
    expect(store.getState().history.entries).toHaveLength(1);
  });

  it('an imported encoder is evaluated on the draft\'s settings: no config, no method shown', () => {
    const { store, clients, focused } = setup();
    store.getState().setDataset('fashion-mnist');
    store.getState().setRunSetting('seed', 9);
    store.getState().evaluateImported(ENCODER, 'Imported model on Fashion');
    const run = focused();
    expect([run.origin, run.config, run.name, run.phase]).toEqual(['imported', null, 'Imported model on Fashion', 'starting']);
    expect(run.imported).toEqual({ trainedBy: 'simclr', layout: ENCODER.layout, description: ENCODER.description, settings: { datasetId: 'fashion-mnist', seed: 9, evalBankSize: 1000, evalQuerySize: 1000, backend: 'auto' } });
    expect(clients[0].commands).toEqual(['evaluateEncoder']);
    expect(clients[0].settings).toEqual(run.imported!.settings);
    expect(clients[0].encoder).toBe(ENCODER);
    expect(selectShownMethod(store.getState())).toBeNull();
  });

  it('closing a run frees its slot, starts the next and focuses the last run', () => {
    const { store, clients } = setup(1);
    store.getState().start();
    store.getState().start();
    const [first, second] = store.getState().runs;
    store.getState().focus(first.id);
    store.getState().closeRun(first.id);
    expect(clients[0].terminated).toBe(true);
    expect(store.getState().runs.map((r) => [r.id, r.phase])).toEqual([[second.id, 'starting']]);
    expect(store.getState().focusId).toBe(second.id);
  });

  it('previewing the draft hides the focused run\'s preview; starting a run cancels the draft preview', () => {
    const { store, clients, focused } = setup(2);
    store.getState().start();
    clients[0].emit({ type: 'preview', panels: [{ title: 'run', rows: [] }] });
    store.getState().previewDraft();
    expect(focused().preview).toBeNull();
    expect(store.getState().draftPreview.status).toBe('loading');
    const previewClient = clients[1];
    expect(previewClient.commands).toEqual(['previewBatch']);
    store.getState().start();
    expect(previewClient.terminated).toBe(true);
    expect(store.getState().draftPreview.status).toBe('idle');
  });

  it('a preset replaces the setup and the plan, and Undo puts back exactly what was there', () => {
    const { store } = setup();
    store.getState().setMethod('moco');
    store.getState().setParam('batchSize', 8);
    store.getState().setRunSetting('maxSteps', 7);
    store.getState().addDraftToPlan();
    const [draft, plan] = [structuredClone(store.getState().draft), structuredClone(store.getState().plan)];
    const preset = PRESETS.find((p) => p.id === 'simclr-temperature')!;
    store.getState().applyPreset(preset);
    expect(store.getState().draft.methodId).toBe('simclr');
    expect(store.getState().plan).toHaveLength(3);
    expect(store.getState().presetUndo?.title).toBe(preset.title);
    store.getState().undoPreset();
    expect(store.getState().draft).toEqual(draft);
    expect(store.getState().plan).toEqual(plan);
    expect(store.getState().presetUndo).toBeNull();
  });

  it('runPlan queues every planned run, sharing the draft\'s settings', () => {
    const { store } = setup(1);
    store.getState().addDraftToPlan();
    store.getState().setMethod('moco');
    store.getState().addDraftToPlan();
    store.getState().runPlan();
    const runs = store.getState().runs;
    expect(runs.map((r) => [r.config?.methodId, r.phase])).toEqual([['simclr', 'starting'], ['moco', 'queued']]);
    expect(store.getState().focusId).toBe(runs[0].id);
  });

  it('a run re-opened from history is focused and not run again', async () => {
    const { store, clients, history } = setup();
    store.getState().start();
    clients[0].emit(metrics(0, 1));
    clients[0].emit({ type: 'ended', reason: 'completed', steps: 1 });
    await vi.waitFor(() => expect(history.saved.size).toBe(1));
    const [id] = history.saved.keys();
    store.getState().closeRun(id);
    await store.getState().openFromHistory(id);
    expect(selectFocusedRun(store.getState())).toMatchObject({ id, origin: 'history', phase: 'completed' });
    expect(clients).toHaveLength(1);
  });
});

describe('the app store: interrupted runs', () => {
  it('a crashed run is interrupted, not saved to history; resumeRun continues it with the store\'s checkpoint settings', async () => {
    const { store, clients, focused, history, deleted } = setup();
    store.getState().setCheckpointSetting('everySteps', 25);
    store.getState().start();
    clients[0].emit({ type: 'phase', phase: 'training' });
    clients[0].emit(metrics(1, 30));
    clients[0].emit({ type: 'checkpoint', step: 25, bytes: 1000, ms: 5, kept: [25] });
    clients[0].crash('out of memory');
    expect(focused()).toMatchObject({ phase: 'interrupted', interruption: { cause: 'crash' }, checkpoint: { step: 25 } });
    await Promise.resolve();
    expect([history.saved.size, deleted]).toEqual([0, []]);
    store.getState().resumeRun(focused().id);
    expect(clients[1].commands).toEqual(['continueRun']);
    expect(clients[1].checkpoints).toEqual({ everySteps: 25, everySeconds: 60, keep: 2 });
    expect(clients[1].identity).toMatchObject({ id: focused().id, name: focused().name });
  });

  it('resumeRun on another backend continues the run with that backend in its config', () => {
    const { store, clients, focused } = setup();
    store.getState().start();
    clients[0].emit({ type: 'phase', phase: 'training' });
    clients[0].crash('gone');
    expect(focused().config?.backend).toBe('auto');
    store.getState().resumeRun(focused().id, 'webgl');
    expect([clients[1].commands, clients[1].config?.backend, focused().config?.backend]).toEqual([['continueRun'], 'webgl', 'webgl']);
  });

  it('Stop on a run whose worker stopped answering terminates it: stopped with its metrics, saved', async () => {
    const { store, clients, focused, history } = setup();
    store.getState().start();
    clients[0].emit({ type: 'phase', phase: 'training' });
    clients[0].emit(metrics(1, 3));
    store.setState((s) => ({ runs: s.runs.map((r) => ({ ...r, stalled: { silentMs: 40_000, limitMs: 30_000 } })) }));
    store.getState().stop();
    expect([focused().phase, focused().points.length, clients[0].terminated]).toEqual(['stopped', 3, true]);
    expect(clients[0].commands).toEqual(['train']);
    await vi.waitFor(() => expect(history.saved.size).toBe(1));
  });

  it('discarding an interrupted run deletes its checkpoints and closes it', async () => {
    const { store, clients, focused, deleted } = setup();
    store.getState().start();
    const id = focused().id;
    clients[0].emit({ type: 'ended', reason: 'interrupted', steps: 0, message: 'device lost' });
    await store.getState().discardRun(id);
    expect(deleted).toEqual([id]);
    expect(store.getState().runs).toEqual([]);
  });

  it('the startup scan adds runs left interrupted (not held, not in the session), focuses the first, and they resume from their checkpoint', async () => {
    const { store, clients } = setup();
    store.getState().start();
    const here = store.getState().runs[0].id;
    const found = await store.getState().scanForInterruptedRuns({
      listHeads: async () => [checkpointHead('old', 50), checkpointHead('busy', 20), checkpointHead(here, 3)],
      heldLocks: async () => new Set([runLockName('busy')]),
      sleep: async () => {},
    });
    expect(found.map((r) => r.id)).toEqual(['old']);
    expect(store.getState().runs.map((r) => [r.id, r.phase])).toEqual([[here, 'starting'], ['old', 'interrupted']]);
    expect(store.getState().focusId).toBe(here); // something was focused already
    store.getState().addInterruptedRuns(found); // a second scan (StrictMode runs effects twice) adds nothing
    expect(store.getState().runs).toHaveLength(2);
    clients[0].emit({ type: 'ended', reason: 'stopped', steps: 0 });
    store.getState().resumeRun('old');
    expect(clients[1].commands).toEqual(['continueRun']);
    expect(clients[1].identity).toEqual(checkpointHead('old', 50).identity);
    expect(clients[1].config).toEqual(checkpointHead('old', 50).config);
  });

  it('a scan in an empty page focuses the first run it finds', async () => {
    const { store, focused } = setup();
    await store.getState().scanForInterruptedRuns({ listHeads: async () => [checkpointHead('a', 10), checkpointHead('b', 5)], heldLocks: async () => new Set() });
    expect(focused()).toMatchObject({ id: 'a', phase: 'interrupted' });
  });
});

describe('the defaults tier', () => {
  it('gives an untouched draft the new tier\'s defaults and leaves an edited one alone', async () => {
    const { defaultRunConfig } = await import('../shared/config');
    const { useStore } = createAppStore({ createClient: () => { throw new Error('no worker in this test'); } });
    const s = () => useStore.getState();
    const gpu = defaultRunConfig('simclr', s().draft.datasetId, 'gpu');
    s().setTier('gpu', 'test adapter');
    expect(s().draft.params).toEqual(gpu.params);
    expect(s().draft.maxSteps).toBe(gpu.maxSteps);
    s().setParam('temperature', 0.77);
    s().setTier('cpu', 'software');
    expect(s().draft.params.temperature).toBe(0.77);
    expect(s().draft.maxSteps).toBe(gpu.maxSteps);
    s().resetParams();
    expect(s().draft.params).toEqual(defaultRunConfig('simclr', s().draft.datasetId, 'cpu').params);
  });
});
