/**
 * Checkpoints in IndexedDB, a database of their own ('pretext-checkpoints'). The training worker
 * writes them; the page lists the newest one of each run after a reload and deletes a run's
 * checkpoints with the run. Two stores: the full records keyed [runId, step], and one small head
 * per run (the newest record without its tensors, and which steps are kept), which is all a
 * listing reads. A write is one transaction (record, head, older records beyond `keep` deleted):
 * if it fails (quota, a crash mid-write) none of it lands and the previous checkpoint stays whole.
 */
import { hasRoom, isQuotaError, mb, openDatabase, requestResult, storageEstimate, transact as transactIn } from '../storage/idb';
import { text } from '../shared/text';
import { errorMessage } from '../i18n/textError';
import type { CheckpointHead, CheckpointWriteResult, StoredCheckpoint } from './types';

const DB_NAME = 'pretext-checkpoints';
const DB_VERSION = 1;
const [RECORDS, HEADS] = ['checkpoints', 'heads'];

const open = () => openDatabase(DB_NAME, DB_VERSION, (db) => {
  if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, { keyPath: ['runId', 'step'] });
  if (!db.objectStoreNames.contains(HEADS)) db.createObjectStore(HEADS, { keyPath: 'runId' });
}, 'checkpoints');
const transact = <T>(stores: string[], mode: IDBTransactionMode, work: Parameters<typeof transactIn<T>>[3]) => transactIn<T>(open, stores, mode, work);

const headOf = (c: StoredCheckpoint, kept: CheckpointHead['kept']): CheckpointHead => {
  const { state: _state, ...rest } = c;
  return { ...rest, kept };
};

/**
 * Writes a checkpoint and keeps the run's newest `keep`. Never throws. Refused before writing when
 * the origin's storage would pass 90% of its quota (the rule history uses); a write that fails
 * leaves what was stored before as it was.
 */
export async function writeCheckpoint(c: StoredCheckpoint, keep: number): Promise<CheckpointWriteResult> {
  try {
    let room = null;
    try { room = await storageEstimate(); } catch { /* no estimate: try the write */ }
    const verdict = hasRoom(room, c.bytes);
    if (!verdict.ok) {
      return { written: false, reason: 'quota', message: text('messages.checkpointWrite.quota', { step: c.step, needed: mb(c.bytes), percent: verdict.percent, usage: mb(verdict.usage), quota: mb(verdict.quota) }) };
    }
    await transact([RECORDS, HEADS], 'readwrite', (tx) => {
      const heads = tx.objectStore(HEADS);
      const records = tx.objectStore(RECORDS);
      const previous = heads.get(c.runId);
      previous.onsuccess = () => {
        const before = (previous.result as CheckpointHead | undefined)?.kept ?? [];
        const all = [{ step: c.step, bytes: c.bytes }, ...before.filter((k) => k.step !== c.step)].sort((a, b) => b.step - a.step);
        const kept = all.slice(0, Math.max(1, keep));
        records.put(c);
        for (const gone of all.slice(kept.length)) records.delete([c.runId, gone.step]);
        heads.put(headOf(c, kept));
      };
    });
    return { written: true, bytes: c.bytes };
  } catch (e) {
    if (isQuotaError(e)) return { written: false, reason: 'quota', message: text('messages.checkpointWrite.ranOut', { step: c.step, needed: mb(c.bytes) }) };
    return { written: false, reason: 'error', message: text('messages.checkpointWrite.storageError', { step: c.step, error: errorMessage(e) }) };
  }
}

/** Every run's newest checkpoint (without tensors), newest first. */
export async function listCheckpointHeads(): Promise<CheckpointHead[]> {
  const all = await transact([HEADS], 'readonly', (tx) => requestResult<CheckpointHead[]>(tx.objectStore(HEADS).getAll()));
  return all.sort((a, b) => b.savedAt - a.savedAt);
}

/** A run's stored checkpoints as they are in the database (not checked: see format.ts checkpointProblem), newest first. */
export async function loadCheckpoints(runId: string): Promise<unknown[]> {
  const all = await transact([RECORDS], 'readonly', (tx) => requestResult<unknown[]>(tx.objectStore(RECORDS).getAll(IDBKeyRange.bound([runId, -Infinity], [runId, Infinity]))));
  return all.sort((a, b) => ((b as StoredCheckpoint).step ?? 0) - ((a as StoredCheckpoint).step ?? 0));
}

/** Deletes every checkpoint of a run (and its head). */
export async function deleteCheckpoints(runId: string): Promise<void> {
  await transact([RECORDS, HEADS], 'readwrite', (tx) => {
    tx.objectStore(RECORDS).delete(IDBKeyRange.bound([runId, -Infinity], [runId, Infinity]));
    tx.objectStore(HEADS).delete(runId);
  });
}

/** Bytes all stored checkpoints hold, by their estimates (counts toward the storage shown beside history). */
export async function checkpointBytes(): Promise<number> {
  const heads = await listCheckpointHeads();
  return heads.reduce((n, h) => n + h.kept.reduce((m, k) => m + k.bytes, 0), 0);
}
