/**
 * Dropped datasets kept in IndexedDB, so a reload does not need a new drop. Two stores: the small
 * records the Data panel lists (summary, thumbnails, import notes) and the pixel data, read only
 * when a run starts. Works on the main thread and in workers (both have indexedDB).
 */
import { text, type Text } from '../shared/text';
import type { Dataset } from './dataset';
import type { DatasetSummary, ThumbnailRow } from './summary';

const DB_NAME = 'pretext';
const DB_VERSION = 1;
const INFO = 'datasetInfo';
const DATA = 'datasetData';

export interface SkippedFile {
  path: string;
  /** A Text; records stored before the translation have a plain string. */
  reason: Text | string;
}

export interface ImportNotes {
  skipped: SkippedFile[];
  warnings: (Text | string)[];
  /** What the import decoded and how fast (this machine). */
  images: number;
  frames: number;
  decodeSeconds: number;
  settings: string;
}

export interface StoredDatasetInfo {
  id: string;
  summary: DatasetSummary;
  thumbnails: ThumbnailRow[];
  notes: ImportNotes;
  importedAt: number;
  /** Bytes of pixel data. */
  bytes: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(INFO)) db.createObjectStore(INFO, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(DATA)) db.createObjectStore(DATA);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this app'));
  });
}

async function transact<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      const request = work(tx);
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export const datasetBytes = (d: Dataset) =>
  d.kind === 'images' ? d.train.images.byteLength + d.test.images.byteLength : d.clips.reduce((n, c) => n + c.frames.byteLength, 0);

/**
 * Whether `bytes` more fit: refuses (before writing anything) when the origin would pass 90% of
 * its quota. Returns a message when it does not fit.
 */
export async function checkQuota(bytes: number): Promise<Text | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  if (quota > 0 && usage + bytes > 0.9 * quota) {
    const mb = (n: number) => n / 2 ** 20;
    return text('data.importer.storageFull', { used: mb(usage), quota: mb(quota), needed: mb(bytes) });
  }
  return null;
}

export async function saveDataset(info: StoredDatasetInfo, dataset: Dataset): Promise<void> {
  await transact([INFO, DATA], 'readwrite', (tx) => {
    tx.objectStore(DATA).put(dataset, info.id);
    tx.objectStore(INFO).put(info);
  });
}

export async function listDatasets(): Promise<StoredDatasetInfo[]> {
  const all = (await transact<StoredDatasetInfo[]>([INFO], 'readonly', (tx) => tx.objectStore(INFO).getAll())) ?? [];
  return all.sort((a, b) => a.importedAt - b.importedAt);
}

export async function loadDataset(id: string): Promise<Dataset | undefined> {
  return transact<Dataset>([DATA], 'readonly', (tx) => tx.objectStore(DATA).get(id));
}

export async function forgetDataset(id: string): Promise<void> {
  await transact([INFO, DATA], 'readwrite', (tx) => {
    tx.objectStore(INFO).delete(id);
    tx.objectStore(DATA).delete(id);
  });
}
