/** The history slice with the real history store (fake-indexeddb): a run's encoder saved with it, found again after the session lost it, evaluated from History. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { trainedEncoder } from '../history/testFixtures';
import * as historyDb from '../history/historyDb';
import type { FromWorker } from '../shared/protocol';
import { createAppStore, datasetRefOf } from './runStore';
import { fakeClients, metrics } from './testFixtures';

function setup() {
  const fake = fakeClients();
  const { useStore, pool } = createAppStore({ createClient: fake.create, maxConcurrent: 2, now: () => 1000 });
  return { store: useStore, pool, clients: fake.clients };
}

const deleted = (name: string) => new Promise<void>((resolve, reject) => {
  const r = indexedDB.deleteDatabase(name);
  r.onsuccess = () => resolve();
  r.onerror = () => reject(r.error);
});

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const encoder = trainedEncoder();

/** Trains one run to its end on the fake worker (with its encoder unless told otherwise) and waits for History to save it. */
async function trainedRun(s: ReturnType<typeof setup>, withEncoder = true) {
  s.store.getState().start();
  const client = s.clients[s.clients.length - 1];
  const id = s.store.getState().runs[s.store.getState().runs.length - 1].id;
  client.emit({ type: 'phase', phase: 'training' });
  client.emit(metrics(1, 3));
  if (withEncoder) client.emit({ type: 'encoder', ...structuredClone(encoder) } satisfies FromWorker);
  client.emit({ type: 'ended', reason: 'completed', steps: 3 });
  await until(() => s.store.getState().runs.find((r) => r.id === id)?.history.status === 'saved' && s.store.getState().history.entries.some((e) => e.id === id));
  return id;
}

const runOf = (s: ReturnType<typeof setup>, id: string) => s.store.getState().runs.find((r) => r.id === id);

beforeEach(async () => { await deleted('pretext-history'); await deleted('pretext-checkpoints'); });

describe('the history slice and trained encoders', () => {
  it('saves the pool\'s encoder with the run; a run reopened from History (the session\'s copy gone) has hasEncoder and its weights', async () => {
    const s = setup();
    const id = await trainedRun(s);
    expect(s.store.getState().history.entries.map((e) => [e.id, e.hasEncoder])).toEqual([[id, true]]);

    s.store.getState().closeRun(id);
    expect(s.pool.encoderOf(id)).toBeUndefined();
    await s.store.getState().openFromHistory(id);
    expect(runOf(s, id)).toMatchObject({ origin: 'history', hasEncoder: true });

    // The export's lookup: not in this session's memory any more, so History's copy.
    const found = await s.store.getState().trainedEncoder(id);
    expect(found?.weights.map((w) => [w.name, w.shape])).toEqual(encoder.weights.map((w) => [w.name, w.shape]));
    expect(Array.from(found!.weights[3].data)).toEqual(Array.from(encoder.weights[3].data));
  });

  it('prefers this session\'s encoder, and has none for a run that sent none', async () => {
    const s = setup();
    const id = await trainedRun(s);
    expect(await s.store.getState().trainedEncoder(id)).toBe(s.pool.encoderOf(id));
    const bare = await trainedRun(s, false);
    expect(s.store.getState().history.entries.find((e) => e.id === bare)?.hasEncoder).toBe(false);
    s.store.getState().closeRun(bare);
    await s.store.getState().openFromHistory(bare);
    expect(runOf(s, bare)?.hasEncoder).toBe(false);
    expect(await s.store.getState().trainedEncoder(bare)).toBeNull();
    await expect(s.store.getState().evaluateFromHistory(bare)).rejects.toThrow(/History has no trained encoder/);
  });

  it('evaluates a History run\'s encoder on the draft\'s dataset as an imported encoder', async () => {
    const s = setup();
    const id = await trainedRun(s);
    s.store.getState().closeRun(id);
    s.store.getState().setDataset('fashion-mnist');
    const entry = s.store.getState().history.entries[0];
    const name = await s.store.getState().evaluateFromHistory(id);
    expect(name).toBe(`${entry.name} on ${datasetRefOf('fashion-mnist').name}`);
    const run = s.store.getState().runs.find((r) => r.name === name)!;
    expect(run).toMatchObject({ origin: 'imported', config: null });
    expect(run.imported).toMatchObject({
      trainedBy: 'simclr', layout: { width: 4, norm: 'group' }, settings: { datasetId: 'fashion-mnist' },
      description: `${entry.name}: simclr, width 4, 3 steps on ${entry.dataset.name}`,
    });
    const client = s.clients[s.clients.length - 1];
    expect(client.commands).toEqual(['evaluateEncoder']);
    expect(client.encoder?.weights.map((w) => Array.from(w.data))).toEqual(encoder.weights.map((w) => Array.from(w.data)));
  });

  it('deleting from History takes the encoder with it: a reopened run no longer has one, a live run keeps its session copy', async () => {
    const s = setup();
    const reopened = await trainedRun(s);
    const live = await trainedRun(s);
    s.store.getState().closeRun(reopened);
    await s.store.getState().openFromHistory(reopened);
    await s.store.getState().deleteFromHistory(reopened);
    await s.store.getState().deleteFromHistory(live);
    expect(runOf(s, reopened)?.hasEncoder).toBe(false);
    expect(runOf(s, live)?.hasEncoder).toBe(true);
    expect(await historyDb.loadEncoder(reopened)).toBeNull();
    expect(await s.store.getState().trainedEncoder(live)).not.toBeNull();
  });
});
