/**
 * The main thread's handle on the data worker (one per page): decode dropped files, describe
 * built-in datasets. Promises in, typed messages underneath.
 */
import type { ImageDataset } from '../data/dataset';
import type { DatasetSummary, ThumbnailRow } from '../data/summary';
import type { FromDataWorker, ImportItem, ToDataWorker } from '../shared/dataProtocol';
import { isText, text, type Text } from '../shared/text';
import { TextError } from '../i18n/textError';

/** The worker's reason as an error the page can show in the reader's language. */
const failure = (m: Text | string): Error => (isText(m) ? new TextError(m) : new Error(m));

export type ImportedFiles = Omit<Extract<FromDataWorker, { type: 'imported' }>, 'type' | 'job'> & { images: ImageDataset | null };

export interface ProgressReport {
  /** What the import is doing (a Text; the page renders it in the reader's language). */
  stage: Text | string;
  done: number;
  total: number;
  /** The file being read, or a Text (the webcam's seconds). */
  current: Text | string;
}

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing from it was kept.');
  }
}

type Pending = { resolve(value: ImportedFiles): void; reject(error: Error): void; progress(p: ProgressReport): void };

class DataClient {
  private worker: Worker | null = null;
  private nextJob = 1;
  private readonly jobs = new Map<number, Pending>();
  private readonly builtins = new Map<string, { resolve(v: { summary: DatasetSummary; thumbnails: ThumbnailRow[] }): void; reject(e: Error): void }[]>();

  private get w(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../worker/dataWorker.ts', import.meta.url), { type: 'module', name: 'pretext-data' });
    worker.onmessage = (event: MessageEvent<FromDataWorker>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new TextError(text('messages.worker.dataCrashed', { what: event.message || text('messages.worker.unknownError') }));
      for (const job of this.jobs.values()) job.reject(error);
      this.jobs.clear();
      for (const list of this.builtins.values()) for (const b of list) b.reject(error);
      this.builtins.clear();
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private send(message: ToDataWorker): void {
    this.w.postMessage(message);
  }

  private receive(m: FromDataWorker): void {
    switch (m.type) {
      case 'progress':
        this.jobs.get(m.job)?.progress(m);
        break;
      case 'imported': {
        const { type: _type, job, ...rest } = m;
        this.jobs.get(job)?.resolve(rest);
        this.jobs.delete(job);
        break;
      }
      case 'cancelled':
        this.jobs.get(m.job)?.reject(new ImportCancelled());
        this.jobs.delete(m.job);
        break;
      case 'failed':
        this.jobs.get(m.job)?.reject(failure(m.message));
        this.jobs.delete(m.job);
        break;
      case 'builtin':
      case 'builtinFailed': {
        const waiting = this.builtins.get(m.id) ?? [];
        this.builtins.delete(m.id);
        for (const w of waiting) {
          if (m.type === 'builtin') w.resolve({ summary: m.summary, thumbnails: m.thumbnails });
          else w.reject(failure(m.message));
        }
        break;
      }
    }
  }

  /** Decodes the images of `items` (expanding zips) to size x size; finds the videos. Abort cancels. */
  importFiles(items: ImportItem[], size: number, progress: (p: ProgressReport) => void, signal: AbortSignal): Promise<ImportedFiles> {
    const job = this.nextJob++;
    return new Promise<ImportedFiles>((resolve, reject) => {
      this.jobs.set(job, { resolve, reject, progress });
      signal.addEventListener('abort', () => this.send({ type: 'cancel', job }), { once: true });
      this.send({ type: 'importFiles', job, items, size });
    });
  }

  describeBuiltin(id: string): Promise<{ summary: DatasetSummary; thumbnails: ThumbnailRow[] }> {
    return new Promise((resolve, reject) => {
      const waiting = this.builtins.get(id);
      if (waiting) waiting.push({ resolve, reject });
      else {
        this.builtins.set(id, [{ resolve, reject }]);
        this.send({ type: 'describeBuiltin', id });
      }
    });
  }
}

export const dataClient = new DataClient();
