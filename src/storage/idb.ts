/**
 * What both IndexedDB stores (run history, checkpoints) share: opening a database with messages a
 * user can read, one transaction that reports only what really committed, quota errors, and the
 * origin's storage estimate with the 90% room rule. Works in a page and in a worker.
 */
import { TextError } from '../i18n/textError';
import { text } from '../shared/text';

/** Which store a message is about ('History', 'Checkpoints'), as the catalog names it. */
export type StoreName = 'history' | 'checkpoints';

/**
 * Opening fails in some private modes and sandboxed frames: say so in words the UI can show, in
 * the reader's language (a TextError; its message is the English).
 */
export function openDatabase(name: string, version: number, upgrade: (db: IDBDatabase) => void, what: StoreName): Promise<IDBDatabase> {
  const unavailable = (why: 'noIndexedDb' | 'refused' | 'notOpened' | 'blocked', cause?: unknown) =>
    new TextError(text(`messages.storage.${why}`, { what: text(`messages.storage.name.${what}`), detail: errorText(cause) }), { cause });
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(unavailable('noIndexedDb'));
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name, version);
    } catch (e) {
      return reject(unavailable('refused', e));
    }
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => {
      // A later version opened in another tab must not wait on us (we close after each use anyway).
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(unavailable('notOpened', request.error));
    request.onblocked = () => reject(unavailable('blocked'));
  });
}

/** One transaction: `work` queues requests and may return a getter, read only once the transaction
 * has committed (so nothing is reported that is not really stored); `fail` aborts with our reason. */
export async function transact<T>(open: () => Promise<IDBDatabase>, stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction, fail: (e: Error) => void) => (() => T) | void): Promise<T> {
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
      // put() can throw synchronously (e.g. DataCloneError): abort so nothing half-written commits.
      try { result = work(tx, fail); } catch (e) { fail(e instanceof Error ? e : new Error(errorText(e))); }
    });
  } finally {
    db.close();
  }
}

/** A request's result, once its transaction has committed. */
export const requestResult = <T>(r: IDBRequest) => () => r.result as T;

export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e && String(e.message)) return String(e.message);
  return e && typeof e === 'object' && 'name' in e ? String(e.name) : String(e);
}

export function isQuotaError(e: unknown): boolean {
  const name = (x: unknown) => (x && typeof x === 'object' && 'name' in x ? x.name : undefined);
  return name(e) === 'QuotaExceededError' || (e instanceof Error && name(e.cause) === 'QuotaExceededError');
}

export const mb = (n: number) => (n / 2 ** 20).toFixed(1);

export interface StorageEstimate { usage: number; quota: number }

/** The origin's usage and quota as the browser estimates them; null where it gives none. */
export async function storageEstimate(): Promise<StorageEstimate | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  return quota === undefined ? null : { usage: usage ?? 0, quota };
}

/** Refuses when usage + bytesNeeded would pass 90% of the quota: 10% headroom because the estimate
 * is approximate (browsers pad and round it), both stores and the dataset cache share the origin's
 * quota, and a write that hits the real limit fails mid-transaction (near-full origins also get
 * evicted first). No estimate: allow. */
export function hasRoom(estimate: StorageEstimate | null, bytesNeeded: number): { ok: true } | { ok: false; percent: number; usage: number; quota: number } {
  if (!estimate || !(estimate.quota > 0)) return { ok: true };
  const { usage, quota } = estimate;
  // Integer comparison (x10 / x9) so the exact boundary is not blurred by 0.9's rounding.
  if ((usage + bytesNeeded) * 10 <= quota * 9) return { ok: true };
  return { ok: false, percent: Math.round((usage / quota) * 100), usage, quota };
}
