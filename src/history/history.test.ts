/** The history store's pure parts and what it does without IndexedDB (historyDb.test.ts runs it in fake-indexeddb, the end-to-end tests in Chromium). */
import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/render';
import type { EmbeddingRecord, RunRecord } from '../experiment/types';
import { defaultRunConfig } from '../shared/config';
import { listRuns, loadRun, quotaVerdict, recordBytes, saveRun, storageUse } from './historyDb';

const MB = 2 ** 20;

function embeddings(count: number, dim: number, withClips = false): EmbeddingRecord {
  return {
    step: 300,
    dim,
    data: new Float32Array(count * dim).map((_, i) => Math.sin(i)),
    labels: new Int32Array(count).map((_, i) => i % 10),
    classNames: ['circle', 'square', 'triangle'],
    ...(withClips ? { clips: { clip: new Int32Array(count), frame: new Int32Array(count), clipNames: ['a.mp4'] } } : {}),
  };
}

function record(emb: EmbeddingRecord | null): RunRecord {
  return {
    id: 'run-1-abc',
    name: 'SimCLR τ=0.5',
    createdAt: 1_700_000_000_000,
    config: defaultRunConfig(),
    dataset: { id: 'shapes', name: 'Shapes', fingerprint: '' },
    backend: 'cpu',
    status: 'completed',
    error: null,
    steps: 300,
    wallMs: 12_000,
    msPerStep: 40,
    imagesPerSecond: 3200,
    metricNames: ['loss'],
    points: Array.from({ length: 60 }, (_, i) => ({ step: i * 5, wall: i * 0.2, loss: 4 - i / 30 })),
    evals: [],
    baseline: null,
    embeddings: emb,
  };
}

describe('quotaVerdict', () => {
  it('allows when the browser gives no estimate (the write itself may still fail)', () => {
    expect(quotaVerdict(null, 50 * MB)).toEqual({ ok: true });
  });

  it('allows when there is plenty of room', () => {
    expect(quotaVerdict({ usage: 100 * MB, quota: 10_000 * MB }, 2 * MB)).toEqual({ ok: true });
  });

  it('allows exactly at 90% of the quota and refuses one byte past it', () => {
    const quota = 10 * MB; // 90% = 9 MB, an exact byte count
    expect(quotaVerdict({ usage: 8 * MB, quota }, 1 * MB)).toEqual({ ok: true });
    expect(quotaVerdict({ usage: 8 * MB, quota }, 1 * MB + 1).ok).toBe(false);
    // Awkward quota where 0.9 * quota is not an integer: boundary still exact.
    expect(quotaVerdict({ usage: 0, quota: 1001 }, 900).ok).toBe(true);
    expect(quotaVerdict({ usage: 0, quota: 1001 }, 901).ok).toBe(false);
  });

  it('refuses when over, with the MB figures in plain words', () => {
    const verdict = quotaVerdict({ usage: 9.6 * MB, quota: 10 * MB }, 2.1 * MB);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    const message = englishText(verdict.message);
    expect(message).toContain('needs 2.1 MB');
    expect(message).toContain('96% full');
    expect(message).toContain('(9.6 of 10.0 MB used)');
    expect(message).toContain('Delete old runs');
  });

  it('rounds the MB figures to one decimal', () => {
    const verdict = quotaVerdict({ usage: 950_000_000, quota: 1_000_000_000 }, 1_500_000);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(englishText(verdict.message)).toMatch(/needs 1\.4 MB and browser storage is 95% full \(906\.0 of 953\.7 MB used\)/);
  });
});

describe('recordBytes', () => {
  it('counts at least the embeddings and labels byteLength', () => {
    const bytes = recordBytes(record(embeddings(1000, 32)));
    expect(bytes).toBeGreaterThanOrEqual(1000 * 32 * 4 + 1000 * 4);
    // ...plus the small part (config, metrics), which is not free.
    expect(bytes).toBeGreaterThanOrEqual(128_000 + 4000 + recordBytes(record(null)));
  });

  it('grows with the number of points', () => {
    const small = recordBytes(record(embeddings(1000, 32)));
    const large = recordBytes(record(embeddings(2000, 32)));
    expect(large - small).toBeGreaterThanOrEqual(1000 * 32 * 4 + 1000 * 4);
  });

  it('counts the clip arrays of video datasets', () => {
    const plain = recordBytes(record(embeddings(500, 16)));
    const video = recordBytes(record(embeddings(500, 16, true)));
    expect(video - plain).toBeGreaterThanOrEqual(500 * 4 * 2);
  });

  it('counts the small part at 2 bytes a character, without embeddings', () => {
    const r = record(null);
    const { embeddings: _e, ...small } = r;
    expect(recordBytes(r)).toBe(JSON.stringify(small).length * 2);
  });
});

// Node has no IndexedDB: the same path a browser takes when the database cannot be opened.
describe('without IndexedDB', () => {
  it('listRuns and loadRun reject with a message the UI can show', async () => {
    expect(typeof indexedDB).toBe('undefined');
    await expect(listRuns()).rejects.toThrow(/^History is unavailable: /);
    await expect(loadRun('run-1-abc')).rejects.toThrow(/^History is unavailable: /);
  });

  it('saveRun does not throw: it reports an error', async () => {
    const result = await saveRun(record(embeddings(10, 4)));
    expect(result).toMatchObject({ saved: false, reason: 'error' });
    if (!result.saved) expect(englishText(result.message)).toMatch(/^Not saved to history\. History is unavailable/);
  });

  it('storageUse is null without a storage estimate', async () => {
    const nav = (globalThis as { navigator?: { storage?: unknown } }).navigator;
    if (nav?.storage) return; // a Node with navigator.storage would give an estimate
    expect(await storageUse()).toBeNull();
  });
});
