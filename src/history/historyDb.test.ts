/** The history store in a real-behaving IndexedDB (fake-indexeddb): encoders kept with their runs, the v1 -> v2 upgrade, deleting everything of a run, the quota rule. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { englishText } from '../i18n/render';
import type { RunRecord } from '../experiment/types';
import { defaultRunConfig } from '../shared/config';
import { packTensors, sealCheckpoint } from '../checkpoint/format';
import { listCheckpointHeads, loadCheckpoints, writeCheckpoint } from '../checkpoint/checkpointDb';
import { trainedEncoder } from './testFixtures';
import { deleteRun, encoderBytes, listRuns, loadEncoder, loadRun, recordBytes, saveRun, storageUse } from './historyDb';

const MB = 2 ** 20;

function record(id = 'run-1-abc'): RunRecord {
  return {
    id, name: `SimCLR ${id}`, createdAt: 1_700_000_000_000, config: defaultRunConfig('simclr'), dataset: { id: 'shapes', name: 'Shapes', fingerprint: '' },
    backend: 'cpu', status: 'completed', error: null, steps: 3, wallMs: 1200, msPerStep: 40, imagesPerSecond: 3200, metricNames: ['loss'],
    points: [1, 2, 3].map((step) => ({ step, wall: step / 10, loss: 4 - step })), evals: [], baseline: null,
    embeddings: { step: 3, dim: 2, data: Float32Array.from([1, 0, 0, 1]), labels: Int32Array.from([0, 1]), classNames: ['a', 'b'] },
  };
}

async function checkpointOf(runId: string, step: number) {
  const packed = packTensors([{ group: 'variables', name: 'stem/kernel', shape: [2], values: Float32Array.from([1, 2]) }]);
  return sealCheckpoint({
    runId, step, savedAt: 1000 + step,
    identity: { id: runId, name: runId, createdAt: 1, datasetRef: { id: 'shapes', name: 'Shapes', fingerprint: '' } },
    config: defaultRunConfig('simclr'), backend: 'cpu',
    progress: { metricNames: ['loss'], points: [], evals: [], baseline: null, embeddings: null, wallMs: 0, msPerStep: 0, imagesPerSecond: 0 },
    state: { format: 1, ...packed, optimizers: {}, rngs: {}, counters: {} },
  });
}

const deleted = (name: string) => new Promise<void>((resolve, reject) => {
  const r = indexedDB.deleteDatabase(name);
  r.onsuccess = () => resolve();
  r.onerror = () => reject(r.error);
});

beforeEach(async () => { await deleted('pretext-history'); await deleted('pretext-checkpoints'); });
afterEach(() => { vi.unstubAllGlobals(); });

describe('history keeps the trained encoder', () => {
  it('a run saved with its encoder lists hasEncoder and gives the same weights back (names, shapes, values)', async () => {
    const encoder = trainedEncoder();
    // A weight that is a view into a larger buffer: what is stored is the view, not the buffer.
    const big = new Float32Array(encoder.weights[0].data.length + 100);
    big.set(encoder.weights[0].data, 50);
    const viewed = { ...encoder, weights: [{ ...encoder.weights[0], data: big.subarray(50, 50 + encoder.weights[0].data.length) }, ...encoder.weights.slice(1)] };
    expect(await saveRun(record(), viewed)).toEqual({ saved: true, bytes: recordBytes(record()) + encoderBytes(encoder) });

    const [entry] = await listRuns();
    expect(entry).toMatchObject({ id: 'run-1-abc', hasEncoder: true, hasEmbeddings: true });
    expect((await loadRun('run-1-abc'))?.hasEncoder).toBe(true);
    const loaded = await loadEncoder('run-1-abc');
    expect(loaded).not.toBeNull();
    expect({ ...loaded!, weights: [] }).toEqual({ ...encoder, weights: [] });
    expect(loaded!.weights.map((w) => [w.name, w.shape])).toEqual(encoder.weights.map((w) => [w.name, w.shape]));
    loaded!.weights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(encoder.weights[i].data)));
    expect(loaded!.weights[0].data.buffer.byteLength).toBe(encoder.weights[0].data.byteLength);
  });

  it("keeps the method's heads beside the encoder, counted in its size; a record saved without them loads without", async () => {
    const heads = [{ name: 'head/w1', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) }, { name: 'head/b1', shape: [3], data: Float32Array.of(-1, 0, 1) }];
    const withHeads = { ...trainedEncoder(), heads };
    expect(encoderBytes(withHeads)).toBeGreaterThan(encoderBytes(trainedEncoder()) + 9 * 4);
    expect(await saveRun(record(), withHeads)).toEqual({ saved: true, bytes: recordBytes(record()) + encoderBytes(withHeads) });
    const loaded = await loadEncoder('run-1-abc');
    expect(loaded!.heads!.map((h) => [h.name, h.shape, Array.from(h.data)])).toEqual(heads.map((h) => [h.name, h.shape, Array.from(h.data)]));
    await saveRun(record(), trainedEncoder());
    const old = await loadEncoder('run-1-abc');
    expect(old!.weights).toHaveLength(trainedEncoder().weights.length);
    expect('heads' in old!).toBe(false);
  });

  it('an encoder saved before normGroups existed (no field) loads as 8 groups, what it trained with', async () => {
    const { normGroups: _g, ...old } = trainedEncoder();
    expect(await saveRun(record(), old as ReturnType<typeof trainedEncoder>)).toMatchObject({ saved: true });
    expect((await loadEncoder('run-1-abc'))?.normGroups).toBe(8);
    expect(await saveRun(record(), { ...trainedEncoder(), normGroups: 2 })).toMatchObject({ saved: true });
    expect((await loadEncoder('run-1-abc'))?.normGroups).toBe(2);
  });

  it('a run saved without one has none, and re-saving without one drops the old encoder', async () => {
    await saveRun(record('a'));
    expect((await listRuns())[0].hasEncoder).toBe(false);
    expect(await loadEncoder('a')).toBeNull();
    await saveRun(record('b'), trainedEncoder());
    await saveRun(record('b'));
    expect(await loadEncoder('b')).toBeNull();
    expect((await loadRun('b'))?.hasEncoder).toBe(false);
  });

  it('the quota check counts the encoder: refused with it where the run alone would fit, and nothing is written', async () => {
    const encoder = trainedEncoder(8);
    const run = recordBytes(record()), weights = encoderBytes(encoder);
    expect(weights).toBeGreaterThanOrEqual(encoder.weights.reduce((n, w) => n + w.data.byteLength, 0));
    // 90% of the quota holds the run and half the encoder, not the whole encoder.
    const quota = Math.ceil(((run + weights / 2) * 10) / 9);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 0, quota }) } });
    const refused = await saveRun(record(), encoder);
    expect(refused).toMatchObject({ saved: false, reason: 'quota' });
    if (!refused.saved) expect(englishText(refused.message)).toContain('Not saved to history');
    expect(await listRuns()).toEqual([]);
    expect(await saveRun(record())).toEqual({ saved: true, bytes: run });
  });
});

describe('upgrading from version 1', () => {
  it('keeps the runs and embeddings saved under version 1; they have no encoder until saved with one', async () => {
    const v1 = record('old-run');
    const { embeddings, ...small } = v1;
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('pretext-history', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('runs', { keyPath: 'id' });
        open.result.createObjectStore('embeddings', { keyPath: 'id' });
      };
      open.onsuccess = () => {
        const tx = open.result.transaction(['runs', 'embeddings'], 'readwrite');
        tx.objectStore('runs').put({ ...small, bytes: 1234, hasEmbeddings: true });
        tx.objectStore('embeddings').put({ id: v1.id, embeddings });
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });

    const [entry] = await listRuns();
    expect(entry).toMatchObject({ id: 'old-run', name: v1.name, bytes: 1234, hasEmbeddings: true, hasEncoder: false });
    const loaded = await loadRun('old-run');
    expect(loaded).toMatchObject({ id: 'old-run', hasEncoder: false, points: v1.points });
    expect(Array.from(loaded!.embeddings!.data)).toEqual([1, 0, 0, 1]);
    expect(await loadEncoder('old-run')).toBeNull();
    // The new store is there: an encoder can be kept for the old run now.
    expect(await saveRun(v1, trainedEncoder())).toMatchObject({ saved: true });
    expect(await loadEncoder('old-run')).not.toBeNull();
  });
});

describe('deleting a run', () => {
  it('deletes its record, embeddings, encoder and checkpoints, and nothing of other runs', async () => {
    await saveRun(record('a'), trainedEncoder());
    await saveRun(record('b'), trainedEncoder());
    for (const [id, step] of [['a', 10], ['a', 20], ['b', 5]] as const) expect(await writeCheckpoint(await checkpointOf(id, step), 2)).toMatchObject({ written: true });

    await deleteRun('a');
    expect(await loadRun('a')).toBeNull();
    expect(await loadEncoder('a')).toBeNull();
    expect(await loadCheckpoints('a')).toEqual([]);
    expect((await listCheckpointHeads()).map((h) => h.runId)).toEqual(['b']);
    expect((await listRuns()).map((r) => r.id)).toEqual(['b']);
    expect(await loadEncoder('b')).not.toBeNull();
    expect(await loadCheckpoints('b')).toHaveLength(1);
  });
});

describe('storage use', () => {
  it('counts history (runs with their encoders) and checkpoints apart', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 5 * MB, quota: 100 * MB }) } });
    const encoder = trainedEncoder();
    await saveRun(record('a'), encoder);
    const c = await checkpointOf('a', 10);
    await writeCheckpoint(c, 2);
    expect(await storageUse()).toEqual({ usage: 5 * MB, quota: 100 * MB, historyBytes: recordBytes(record('a')) + encoderBytes(encoder), checkpointBytes: c.bytes });
  });
});
