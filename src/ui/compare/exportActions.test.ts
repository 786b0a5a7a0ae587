/** The model export of a run re-opened from History (the session's weights gone), and why it is unavailable when it is. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { englishText } from '../../i18n/render';
import { parseEncoderModel } from '../../export/encoderModel';
import { trainedEncoder } from '../../history/testFixtures';
import { createAppStore } from '../../store/runStore';
import { fakeClients, liveRun, metrics } from '../../store/testFixtures';
import { encoderExportUnavailable, exportEncoder } from './exportActions';

const downloads = vi.hoisted(() => [] as { name: string; blob: Blob }[]);
vi.mock('../../export/download', () => ({
  downloadBlob: (name: string, blob: Blob) => downloads.push({ name, blob }),
  downloadText: (name: string, text: string) => downloads.push({ name, blob: new Blob([text]) }),
}));

const deleted = (name: string) => new Promise<void>((resolve) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = () => resolve(); });

beforeEach(async () => { downloads.length = 0; await deleted('pretext-history'); await deleted('pretext-checkpoints'); });

describe('exporting the trained encoder', () => {
  it('a run re-opened from History exports the weights History kept, as model files naming its method', async () => {
    const fake = fakeClients();
    const { useStore: store, pool } = createAppStore({ createClient: fake.create, now: () => 1000 });
    store.getState().setMethod('moco');
    store.getState().start();
    const id = store.getState().runs[0].id;
    const encoder = trainedEncoder();
    fake.clients[0].emit({ type: 'phase', phase: 'training' });
    fake.clients[0].emit(metrics(1, 3));
    fake.clients[0].emit({ type: 'encoder', ...structuredClone(encoder) });
    fake.clients[0].emit({ type: 'ended', reason: 'completed', steps: 3 });
    await vi.waitFor(() => expect(store.getState().history.entries.map((e) => e.hasEncoder)).toEqual([true]));
    store.getState().closeRun(id);
    expect(pool.encoderOf(id)).toBeUndefined();
    await store.getState().openFromHistory(id);
    const run = store.getState().runs.find((r) => r.id === id)!;
    expect(encoderExportUnavailable(run)).toBeUndefined();

    await exportEncoder(run, (runId) => store.getState().trainedEncoder(runId));
    const json = downloads.find((d) => d.name.endsWith('.json'))!;
    const bin = downloads.find((d) => d.name.endsWith('.weights.bin'))!;
    const parsed = parseEncoderModel(await json.blob.text(), await bin.blob.arrayBuffer());
    if (!parsed.ok) throw new Error(englishText(parsed.error));
    expect(parsed.topology).toMatchObject({ methodId: 'moco', steps: 3, encoder: { width: 4, norm: 'group' } });
    expect(parsed.weights.map((w) => Array.from(w.data))).toEqual(encoder.weights.map((w) => Array.from(w.data)));
  });

  it('says why there are no weights, and the export refuses when none are found', async () => {
    expect(englishText(encoderExportUnavailable(liveRun('a', { phase: 'training' }))!)).toMatch(/come when the run ends/);
    expect(englishText(encoderExportUnavailable(liveRun('a', { phase: 'stopped' }))!)).toMatch(/^No trained weights: the run trained no steps, was saved before weights were kept, or history could not store them/);
    expect(englishText(encoderExportUnavailable(liveRun('a', { phase: 'completed', config: null, origin: 'imported' }))!)).toMatch(/imported encoder/);
    await expect(exportEncoder(liveRun('a', { phase: 'completed', hasEncoder: true }), async () => null)).rejects.toThrow(/neither this session nor History has them/);
    expect(downloads).toEqual([]);
  });
});
