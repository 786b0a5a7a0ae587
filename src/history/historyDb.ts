/**
 * Run history in IndexedDB: finished runs (config, metrics, evaluations, final embeddings) survive
 * reloads. Its own database, not datasetCache's 'pretext', so neither needs a version migration
 * when the other changes. Two stores: the small records the history list reads, and the
 * embeddings (typed arrays, structured-cloned as they are), read only when a run is opened.
 */
import type { EmbeddingRecord, RunRecord } from '../experiment/types';
import { errorText, hasRoom, isQuotaError, mb, openDatabase, storageEstimate, transact as transactIn, type StorageEstimate } from '../storage/idb';

const DB_NAME = 'pretext-history';
const DB_VERSION = 1;
const [RUNS, EMBEDDINGS] = ['runs', 'embeddings'];
const NAME_MAX = 120;

export type HistoryEntry = Omit<RunRecord, 'embeddings'> & { bytes: number; hasEmbeddings: boolean };
export interface StorageUse { usage: number; quota: number; historyBytes: number }
export type SaveResult = { saved: true; bytes: number } | { saved: false; reason: 'quota' | 'error'; message: string };
interface StoredEmbeddings { id: string; embeddings: EmbeddingRecord }

const AFTERWORD = 'Delete old runs or dropped datasets to make room; the run stays on screen until you reload.';

const open = () => openDatabase(DB_NAME, DB_VERSION, (db) => {
  if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'id' });
  if (!db.objectStoreNames.contains(EMBEDDINGS)) db.createObjectStore(EMBEDDINGS, { keyPath: 'id' });
}, 'History');
const transact = <T>(stores: string[], mode: IDBTransactionMode, work: Parameters<typeof transactIn<T>>[3]) => transactIn<T>(open, stores, mode, work);

/**
 * Estimated stored size. Strings count 2 bytes a character: JS strings are UTF-16 and Chromium's
 * serializer keeps non-Latin-1 strings two bytes a character, so this is an upper bound and the
 * quota check errs on refusing rather than failing mid-write. Typed arrays count their byteLength.
 */
export function recordBytes(record: RunRecord): number {
  const { embeddings, ...small } = record;
  let bytes = JSON.stringify(small).length * 2;
  if (embeddings) {
    const { data, labels, clips, ...meta } = embeddings;
    bytes += data.byteLength + labels.byteLength + JSON.stringify(meta).length * 2;
    if (clips) bytes += clips.clip.byteLength + clips.frame.byteLength + JSON.stringify(clips.clipNames).length * 2;
  }
  return bytes;
}

/** The 90% room rule (storage/idb.ts hasRoom) with history's message. */
export function quotaVerdict(estimate: StorageEstimate | null, bytesNeeded: number): { ok: true } | { ok: false; message: string } {
  const room = hasRoom(estimate, bytesNeeded);
  if (room.ok) return room;
  const message = `Not saved to history: this run needs ${mb(bytesNeeded)} MB and browser storage is ${room.percent}% full (${mb(room.usage)} of ${mb(room.quota)} MB used). ${AFTERWORD}`;
  return { ok: false, message };
}

const estimate = storageEstimate;

export async function listRuns(): Promise<HistoryEntry[]> {
  const all = await transact([RUNS], 'readonly', (tx) => { const r = tx.objectStore(RUNS).getAll(); return () => r.result as HistoryEntry[]; });
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

/** The run with its embeddings (embeddings null when none were stored); null when the id is not there. */
export async function loadRun(id: string): Promise<RunRecord | null> {
  const [entry, stored] = await transact([RUNS, EMBEDDINGS], 'readonly', (tx) => {
    const r = tx.objectStore(RUNS).get(id);
    const e = tx.objectStore(EMBEDDINGS).get(id);
    return () => [r.result as HistoryEntry | undefined, e.result as StoredEmbeddings | undefined] as const;
  });
  if (!entry) return null;
  const { bytes: _bytes, hasEmbeddings: _has, ...run } = entry;
  return { ...run, embeddings: stored?.embeddings ?? null };
}

/** Structured clone stores a view's whole buffer: copy views so what is stored is what recordBytes counts. */
const own = <A extends Float32Array | Int32Array>(a: A): A => (a.byteLength === a.buffer.byteLength ? a : (a.slice() as A));
const compact = (e: EmbeddingRecord): EmbeddingRecord => ({
  ...e, data: own(e.data), labels: own(e.labels), ...(e.clips ? { clips: { ...e.clips, clip: own(e.clips.clip), frame: own(e.clips.frame) } } : {}),
});

/** Never throws: checks the quota before writing, then writes both stores in one transaction. */
export async function saveRun(record: RunRecord): Promise<SaveResult> {
  let bytes = 0;
  try {
    bytes = recordBytes(record);
    let room: { usage: number; quota: number } | null = null;
    try { room = await estimate(); } catch { /* no estimate: try the write */ }
    const verdict = quotaVerdict(room, bytes);
    if (!verdict.ok) return { saved: false, reason: 'quota', message: verdict.message };
    const { embeddings, ...small } = record;
    const entry: HistoryEntry = { ...small, bytes, hasEmbeddings: embeddings !== null };
    await transact([RUNS, EMBEDDINGS], 'readwrite', (tx) => {
      tx.objectStore(RUNS).put(entry);
      // Re-saving an id without embeddings must not leave the old ones behind.
      if (embeddings) tx.objectStore(EMBEDDINGS).put({ id: record.id, embeddings: compact(embeddings) } satisfies StoredEmbeddings);
      else tx.objectStore(EMBEDDINGS).delete(record.id);
    });
    return { saved: true, bytes };
  } catch (e) {
    const full = `Not saved to history: browser storage ran out of room while writing this run (${mb(bytes)} MB). ${AFTERWORD}`;
    if (isQuotaError(e)) return { saved: false, reason: 'quota', message: full };
    return { saved: false, reason: 'error', message: `Not saved to history. ${errorText(e)}` };
  }
}

export async function renameRun(id: string, name: string): Promise<void> {
  // Code points, not UTF-16 units, so the cap never splits an emoji.
  const clean = Array.from(name.trim()).slice(0, NAME_MAX).join('').trimEnd();
  if (!clean) throw new Error('A name cannot be empty');
  await transact([RUNS], 'readwrite', (tx, fail) => {
    const store = tx.objectStore(RUNS);
    const r = store.get(id);
    r.onsuccess = () => {
      if (r.result) store.put({ ...(r.result as HistoryEntry), name: clean });
      else fail(new Error(`No run with id "${id}" in history (it may have been deleted in another tab)`));
    };
  });
}

export async function deleteRun(id: string): Promise<void> {
  await transact([RUNS, EMBEDDINGS], 'readwrite', (tx) => {
    tx.objectStore(RUNS).delete(id);
    tx.objectStore(EMBEDDINGS).delete(id);
  });
}

/** The origin's usage and quota, and how much of it history holds (by our estimate); null without an estimate. */
export async function storageUse(): Promise<StorageUse | null> {
  const room = await estimate().catch(() => null);
  if (!room) return null;
  const historyBytes = (await listRuns()).reduce((n, r) => n + r.bytes, 0);
  return { ...room, historyBytes };
}
