/** The checkpoint format (packing, checksum, refusing damage) and its IndexedDB store (fake-indexeddb in Node). */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRunConfig } from '../shared/config';
import { checkpointProblem, packTensors, sealCheckpoint, tensorsOf } from './format';
import { checkpointBytes, deleteCheckpoints, listCheckpointHeads, loadCheckpoints, writeCheckpoint } from './checkpointDb';
import type { StoredCheckpoint } from './types';
import { englishText } from '../i18n/render';

/** Why a record is refused, in English ('' when it is sound). */
const problem = async (c: unknown) => { const p = await checkpointProblem(c); return p ? englishText(p) : ''; };

async function checkpoint(runId: string, step: number, values = [1, 2, 3, 4, 5, 6]): Promise<StoredCheckpoint> {
  const packed = packTensors([
    { group: 'variables', name: 'stem/kernel', shape: [2, 3], values: Float32Array.from(values) },
    { group: 'optimizer:main', name: 'stem/kernel/m', shape: [2], values: Float32Array.from([0.5, -0.5]) },
  ]);
  return sealCheckpoint({
    runId, step, savedAt: 1000 + step,
    identity: { id: runId, name: `run ${runId}`, createdAt: 1, datasetRef: { id: 'shapes', name: 'Shapes', fingerprint: 'abc' } },
    config: defaultRunConfig('simclr'), backend: 'cpu',
    progress: {
      metricNames: ['loss'], points: Array.from({ length: step }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1), wall: i })), evals: [], baseline: null,
      embeddings: { step, dim: 2, data: Float32Array.from([1, 0, 0, 1]), labels: Int32Array.from([0, 1]), classNames: ['a', 'b'] }, wallMs: step * 10, msPerStep: 10, imagesPerSecond: 100,
    },
    state: { format: 1, ...packed, optimizers: { main: { kind: 'Adam', iterations: step } }, rngs: { batch: [1, 2, 3, 4] }, counters: {} },
  });
}

describe('checkpoint format', () => {
  it('packs tensors into one buffer and reads each back by group, in order', async () => {
    const c = await checkpoint('a', 5);
    expect(c.state.data.byteLength).toBe(8 * 4);
    const [kernel] = tensorsOf(c.state, 'variables');
    expect(kernel).toMatchObject({ name: 'stem/kernel', shape: [2, 3] });
    expect(Array.from(kernel.values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(tensorsOf(c.state, 'optimizer:main')[0].values)).toEqual([0.5, -0.5]);
    expect(() => packTensors([{ group: 'variables', name: 'x', shape: [3], values: new Float32Array(2) }])).toThrow(/2 values for shape \[3\]/);
  });

  it('accepts a sealed record and refuses one with a flipped byte, a changed step, a tensor outside its data or a newer format', async () => {
    const c = await checkpoint('a', 5);
    expect(await checkpointProblem(c)).toBeNull();
    // What survives a structured clone (IndexedDB) still verifies.
    expect(await checkpointProblem(structuredClone(c))).toBeNull();
    const flipped = structuredClone(c);
    new Uint8Array(flipped.state.data)[3] ^= 0x40;
    expect(await problem(flipped)).toMatch(/checkpoint at step 5 is damaged \(its checksum/);
    expect(await problem({ ...structuredClone(c), step: 6 })).toMatch(/damaged/);
    const progress = structuredClone(c);
    progress.progress.points[0].loss = 7;
    expect(await problem(progress)).toMatch(/damaged/);
    const outside = structuredClone(c);
    outside.state.tensors[1].offset = 40;
    expect(await problem(outside)).toMatch(/tensor optimizer:main\/stem\/kernel\/m does not fit/);
    expect(await problem({ ...c, state: { ...c.state, format: 2 } })).toMatch(/format 2, not 1/);
    expect(await problem(null)).toMatch(/empty/);
    expect(await problem({ runId: 'a', step: 1 })).toMatch(/missing parts/);
  });
});

describe('checkpoint store', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    for (const h of await listCheckpointHeads()) await deleteCheckpoints(h.runId);
  });

  it('keeps the newest `keep` checkpoints of a run, lists one head per run, and deletes a run with all of its checkpoints', async () => {
    for (const step of [10, 20, 30]) expect(await writeCheckpoint(await checkpoint('a', step), 2)).toMatchObject({ written: true });
    await writeCheckpoint(await checkpoint('b', 7), 2);
    const heads = await listCheckpointHeads();
    expect(heads.map((h) => [h.runId, h.step])).toEqual([['a', 30], ['b', 7]]);
    expect(heads[0].kept.map((k) => k.step)).toEqual([30, 20]);
    expect('state' in heads[0]).toBe(false);
    const stored = (await loadCheckpoints('a')) as StoredCheckpoint[];
    expect(stored.map((c) => c.step)).toEqual([30, 20]);
    expect(await checkpointProblem(stored[0])).toBeNull();
    expect(await checkpointBytes()).toBe(heads[0].kept[0].bytes + heads[0].kept[1].bytes + heads[1].kept[0].bytes);
    await deleteCheckpoints('a');
    expect(await loadCheckpoints('a')).toEqual([]);
    expect((await listCheckpointHeads()).map((h) => h.runId)).toEqual(['b']);
  });

  it('a write that fails mid-transaction leaves the previous checkpoint whole', async () => {
    await writeCheckpoint(await checkpoint('a', 10), 1);
    const broken = { ...(await checkpoint('a', 20)), notCloneable: () => 0 } as unknown as StoredCheckpoint;
    const result = await writeCheckpoint(broken, 1);
    expect(result).toMatchObject({ written: false, reason: 'error' });
    expect(result.written === false && englishText(result.message)).toEqual(expect.stringMatching(/^Checkpoint at step 20 not written: .*Training goes on; the last checkpoint written is kept/));
    const stored = (await loadCheckpoints('a')) as StoredCheckpoint[];
    expect(stored.map((c) => c.step)).toEqual([10]);
    expect(await checkpointProblem(stored[0])).toBeNull();
    expect((await listCheckpointHeads())[0]).toMatchObject({ step: 10, kept: [{ step: 10 }] });
  });

  it('is refused before writing when storage would pass 90% of the quota, with the numbers', async () => {
    await writeCheckpoint(await checkpoint('a', 10), 2);
    const c = await checkpoint('a', 20);
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 95 * 2 ** 20, quota: 100 * 2 ** 20 }) } });
    const result = await writeCheckpoint(c, 2);
    expect(result).toMatchObject({ written: false, reason: 'quota' });
    expect(result.written === false && englishText(result.message)).toEqual(expect.stringMatching(/^Checkpoint at step 20 not written: it needs 0\.0 MB and browser storage is 95% full \(95\.0 of 100\.0 MB used\)/));
    expect(((await loadCheckpoints('a')) as StoredCheckpoint[]).map((s) => s.step)).toEqual([10]);
  });
});
