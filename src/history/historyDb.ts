/**
 * Run history in IndexedDB: finished runs (config, metrics, evaluations, final embeddings) survive
 * reloads. Its own database, not datasetCache's 'pretext', so neither needs a version migration
 * when the other changes. Two stores: the small records the history list reads, and the
 * embeddings (typed arrays, structured-cloned as they are), read only when a run is opened.
 */
import type { EmbeddingRecord, RunRecord } from '../experiment/types';

const DB_NAME = 'pretext-history';
const DB_VERSION = 1;
const [RUNS, EMBEDDINGS] = ['runs', 'embeddings'];
const NAME_MAX = 120;

export type HistoryEntry = Omit<RunRecord, 'embeddings'> & { bytes: number; hasEmbeddings: boolean };
export interface StorageUse { usage: number; quota: number; historyBytes: number }
export type SaveResult = { saved: true; bytes: number } | { saved: false; reason: 'quota' | 'error'; message: string };
interface StoredEmbeddings { id: string; embeddings: EmbeddingRecord }

const mb = (n: number) => (n / 2 ** 20).toFixed(1);
const AFTERWORD = 'Delete old runs or dropped datasets to make room; the run stays on screen until you reload.';

/** Opening fails in some private modes and sandboxed frames: say so in words the UI can show. */
function open(): Promise<IDBDatabase> {
  const unavailable = (why: string, cause?: unknown) => new Error(`History is unavailable: ${why}`, { cause });
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(unavailable('this browser has no IndexedDB, so runs are not kept after a reload.'));
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (e) {
      return reject(unavailable(`the browser refused to open its database: ${errorText(e)}`, e));
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(EMBEDDINGS)) db.createObjectStore(EMBEDDINGS, { keyPath: 'id' });
    };
    request.onsuccess = () => {
      // A later version opened in another tab must not wait on us (we close after each use anyway).
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(unavailable(`the database could not be opened (private browsing can cause this): ${errorText(request.error)}`, request.error));
    request.onblocked = () => reject(unavailable('another tab of this app holds an older version of the database; close it and reload.'));
  });
}

/** One transaction: `work` queues requests and may return a getter, read only once the transaction
 * has committed (so nothing is reported that is not really stored); `fail` aborts with our reason. */
async function transact<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction, fail: (e: Error) => void) => (() => T) | void): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      let failure: Error | null = null;
      let result: (() => T) | void;
      const fail = (e: Error) => { failure = e; tx.abort(); };
      tx.oncomplete = () => resolve(result ? result() : (undefined as T));
      // A failed request aborts the transaction; tx.error then carries e.g. QuotaExceededError.
      tx.onabort = () => reject(failure ?? tx.error ?? new Error('IndexedDB transaction aborted'));
      // put() can throw synchronously (e.g. DataCloneError): abort so no half-written run commits.
      try { result = work(tx, fail); } catch (e) { fail(e instanceof Error ? e : new Error(errorText(e))); }
    });
  } finally {
    db.close();
  }
}

function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && String(e.message)) return String(e.message);
  return e && typeof e === 'object' && 'name' in e ? String(e.name) : String(e);
}

function isQuotaError(e: unknown): boolean {
  const name = (x: unknown) => (x && typeof x === 'object' && 'name' in x ? x.name : undefined);
  return name(e) === 'QuotaExceededError' || (e instanceof Error && name(e.cause) === 'QuotaExceededError');
}

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

/** Refuses when usage + bytesNeeded would pass 90% of the quota: 10% headroom because the estimate
 * is approximate (browsers pad and round it), the dataset cache shares the origin's quota, and a write
 * that hits the real limit fails mid-transaction (near-full origins also get evicted first). No estimate: allow. */
export function quotaVerdict(estimate: { usage: number; quota: number } | null, bytesNeeded: number): { ok: true } | { ok: false; message: string } {
  if (!estimate || !(estimate.quota > 0)) return { ok: true };
  const { usage, quota } = estimate;
  // Integer comparison (x10 / x9) so the exact boundary is not blurred by 0.9's rounding.
  if ((usage + bytesNeeded) * 10 <= quota * 9) return { ok: true };
  const percent = Math.round((usage / quota) * 100);
  const message = `Not saved to history: this run needs ${mb(bytesNeeded)} MB and browser storage is ${percent}% full (${mb(usage)} of ${mb(quota)} MB used). ${AFTERWORD}`;
  return { ok: false, message };
}

async function estimate(): Promise<{ usage: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  return quota === undefined ? null : { usage: usage ?? 0, quota };
}

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
