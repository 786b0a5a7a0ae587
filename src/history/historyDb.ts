/**
 * Run history in IndexedDB: finished runs (config, metrics, evaluations, final embeddings, the
 * trained encoder's weights) survive reloads. Its own database, not datasetCache's 'pretext', so
 * neither needs a version migration when the other changes. Three stores: the small records the
 * history list reads, and the embeddings and the encoder (typed arrays, structured-cloned as they
 * are), read only when a run is opened or its encoder is exported or evaluated.
 *
 * Versions: 1 had runs and embeddings; 2 adds encoders (runs saved under 1 keep everything they
 * had and have no encoder: listRuns and loadRun read their missing hasEncoder as false).
 */
import type { EmbeddingRecord, RunRecord } from '../experiment/types';
import type { EncoderWeightsMessage } from '../shared/protocol';
import { layoutOf } from '../models/encoderLayout';
import { checkpointBytes, deleteCheckpoints } from '../checkpoint/checkpointDb';
import { hasRoom, isQuotaError, openDatabase, storageEstimate, transact as transactIn, type StorageEstimate } from '../storage/idb';
import { text, type Text } from '../shared/text';
import { errorMessage, TextError } from '../i18n/textError';

const DB_NAME = 'pretext-history';
const DB_VERSION = 2;
const [RUNS, EMBEDDINGS, ENCODERS] = ['runs', 'embeddings', 'encoders'];
const NAME_MAX = 120;

export type HistoryEntry = Omit<RunRecord, 'embeddings'> & { bytes: number; hasEmbeddings: boolean; hasEncoder: boolean };
/** A run as loadRun gives it: the record, and whether history also holds its trained encoder. */
export type LoadedRun = RunRecord & { hasEncoder?: boolean };
/** historyBytes: runs with their embeddings and encoders; checkpointBytes: the checkpoints database (null when it could not be read). */
export interface StorageUse { usage: number; quota: number; historyBytes: number; checkpointBytes: number | null }
export type SaveResult = { saved: true; bytes: number } | { saved: false; reason: 'quota' | 'error'; message: Text };
interface StoredEmbeddings { id: string; embeddings: EmbeddingRecord }
interface StoredEncoder { id: string; encoder: EncoderWeightsMessage }

/** Bytes as the MB the messages show (their catalog strings give them one decimal). */
const mb = (bytes: number) => bytes / 2 ** 20;

// Each store is created when missing, so any older version (or none) upgrades without touching what it holds.
const open = () => openDatabase(DB_NAME, DB_VERSION, (db) => {
  if (!db.objectStoreNames.contains(RUNS)) db.createObjectStore(RUNS, { keyPath: 'id' });
  if (!db.objectStoreNames.contains(EMBEDDINGS)) db.createObjectStore(EMBEDDINGS, { keyPath: 'id' });
  if (!db.objectStoreNames.contains(ENCODERS)) db.createObjectStore(ENCODERS, { keyPath: 'id' });
}, 'history');
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

/** Estimated stored size of an encoder: its weights' and heads' byteLength and the rest (names, shapes, layout) as JSON at 2 bytes a character. */
export function encoderBytes(encoder: EncoderWeightsMessage): number {
  const { weights, heads, ...meta } = encoder;
  return [...weights, ...(heads ?? [])].reduce((n, w) => n + w.data.byteLength + JSON.stringify({ name: w.name, shape: w.shape }).length * 2, JSON.stringify(meta).length * 2);
}

/** The 90% room rule (storage/idb.ts hasRoom) with history's message. */
export function quotaVerdict(estimate: StorageEstimate | null, bytesNeeded: number): { ok: true } | { ok: false; message: Text } {
  const room = hasRoom(estimate, bytesNeeded);
  if (room.ok) return room;
  const message = text('history.save.quota', { needed: mb(bytesNeeded), percent: room.percent, usage: mb(room.usage), quota: mb(room.quota) });
  return { ok: false, message };
}

const estimate = storageEstimate;

export async function listRuns(): Promise<HistoryEntry[]> {
  const all = await transact([RUNS], 'readonly', (tx) => { const r = tx.objectStore(RUNS).getAll(); return () => r.result as HistoryEntry[]; });
  // Entries saved under version 1 have no hasEncoder: they have no encoder.
  return all.map((e) => ({ ...e, hasEncoder: e.hasEncoder ?? false })).sort((a, b) => b.createdAt - a.createdAt);
}

/** The run with its embeddings (embeddings null when none were stored); null when the id is not there. */
export async function loadRun(id: string): Promise<LoadedRun | null> {
  const [entry, stored] = await transact([RUNS, EMBEDDINGS], 'readonly', (tx) => {
    const r = tx.objectStore(RUNS).get(id);
    const e = tx.objectStore(EMBEDDINGS).get(id);
    return () => [r.result as HistoryEntry | undefined, e.result as StoredEmbeddings | undefined] as const;
  });
  if (!entry) return null;
  const { bytes: _bytes, hasEmbeddings: _has, hasEncoder, ...run } = entry;
  return { ...run, embeddings: stored?.embeddings ?? null, hasEncoder: hasEncoder ?? false };
}

/** The run's trained encoder as saved with it; null when history has none for the id. */
export async function loadEncoder(id: string): Promise<EncoderWeightsMessage | null> {
  const stored = await transact([ENCODERS], 'readonly', (tx) => { const r = tx.objectStore(ENCODERS).get(id); return () => r.result as StoredEncoder | undefined; });
  // Encoders saved before normGroups existed used 8 groups at most (layoutOf).
  return stored ? { ...stored.encoder, normGroups: layoutOf(stored.encoder).normGroups } : null;
}

/** Structured clone stores a view's whole buffer: copy views so what is stored is what recordBytes counts. */
const own = <A extends Float32Array | Int32Array>(a: A): A => (a.byteLength === a.buffer.byteLength ? a : (a.slice() as A));
const compact = (e: EmbeddingRecord): EmbeddingRecord => ({
  ...e, data: own(e.data), labels: own(e.labels), ...(e.clips ? { clips: { ...e.clips, clip: own(e.clips.clip), frame: own(e.clips.frame) } } : {}),
});

const compactWeights = (weights: EncoderWeightsMessage['weights']) => weights.map((w) => ({ name: w.name, shape: [...w.shape], data: own(w.data) }));
const compactEncoder = (e: EncoderWeightsMessage): EncoderWeightsMessage => ({
  width: e.width, norm: e.norm, normGroups: e.normGroups, outputDim: e.outputDim, inputShape: [e.inputShape[0], e.inputShape[1], 3],
  weights: compactWeights(e.weights),
  // Records saved before heads were kept have none: they load (and export) without.
  ...(e.heads && { heads: compactWeights(e.heads) }),
});

/**
 * Never throws: checks the quota before writing (the record and the encoder together), then writes
 * the three stores in one transaction, so a run is never stored without the encoder it was saved with.
 */
export async function saveRun(record: RunRecord, encoder?: EncoderWeightsMessage | null): Promise<SaveResult> {
  let bytes = 0;
  try {
    bytes = recordBytes(record) + (encoder ? encoderBytes(encoder) : 0);
    let room: { usage: number; quota: number } | null = null;
    try { room = await estimate(); } catch { /* no estimate: try the write */ }
    const verdict = quotaVerdict(room, bytes);
    if (!verdict.ok) return { saved: false, reason: 'quota', message: verdict.message };
    const { embeddings, ...small } = record;
    const entry: HistoryEntry = { ...small, bytes, hasEmbeddings: embeddings !== null, hasEncoder: Boolean(encoder) };
    await transact([RUNS, EMBEDDINGS, ENCODERS], 'readwrite', (tx) => {
      tx.objectStore(RUNS).put(entry);
      // Re-saving an id without embeddings (or an encoder) must not leave the old ones behind.
      if (embeddings) tx.objectStore(EMBEDDINGS).put({ id: record.id, embeddings: compact(embeddings) } satisfies StoredEmbeddings);
      else tx.objectStore(EMBEDDINGS).delete(record.id);
      if (encoder) tx.objectStore(ENCODERS).put({ id: record.id, encoder: compactEncoder(encoder) } satisfies StoredEncoder);
      else tx.objectStore(ENCODERS).delete(record.id);
    });
    return { saved: true, bytes };
  } catch (e) {
    if (isQuotaError(e)) return { saved: false, reason: 'quota', message: text('history.save.full', { size: mb(bytes) }) };
    return { saved: false, reason: 'error', message: text('history.save.failed', { detail: errorMessage(e) }) };
  }
}

export async function renameRun(id: string, name: string): Promise<void> {
  // Code points, not UTF-16 units, so the cap never splits an emoji.
  const clean = Array.from(name.trim()).slice(0, NAME_MAX).join('').trimEnd();
  if (!clean) throw new TextError(text('history.errors.emptyName'));
  await transact([RUNS], 'readwrite', (tx, fail) => {
    const store = tx.objectStore(RUNS);
    const r = store.get(id);
    r.onsuccess = () => {
      if (r.result) store.put({ ...(r.result as HistoryEntry), name: clean });
      else fail(new TextError(text('history.errors.noRun', { id })));
    };
  });
}

/**
 * Deletes the run everywhere: its checkpoints (their own database), then its record, embeddings
 * and encoder (one transaction). Two databases cannot share a transaction, so the checkpoints go
 * first: if deleting them fails, this throws before history is touched and the run is still
 * listed, whole, for the user to delete again; if history's step then fails, the run stays listed
 * (it still opens and exports; only continuing it from a checkpoint is gone) and deleting again
 * finishes the job. Either way nothing of the run is left that History no longer lists.
 */
export async function deleteRun(id: string): Promise<void> {
  await deleteCheckpoints(id);
  await transact([RUNS, EMBEDDINGS, ENCODERS], 'readwrite', (tx) => {
    tx.objectStore(RUNS).delete(id);
    tx.objectStore(EMBEDDINGS).delete(id);
    tx.objectStore(ENCODERS).delete(id);
  });
}

/** The origin's usage and quota, and how much of it history and checkpoints hold (by our estimates); null without an estimate. */
export async function storageUse(): Promise<StorageUse | null> {
  const room = await estimate().catch(() => null);
  if (!room) return null;
  const [runs, checkpoints] = await Promise.all([listRuns(), checkpointBytes().catch(() => null)]);
  return { ...room, historyBytes: runs.reduce((n, r) => n + r.bytes, 0), checkpointBytes: checkpoints };
}
