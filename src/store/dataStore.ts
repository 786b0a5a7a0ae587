/**
 * The Data panel's state: built-in dataset descriptions, the dropped datasets kept in IndexedDB
 * (or in memory when storage refused them), the import in progress and what the last one reported.
 */
import { create } from 'zustand';
import { BUILTIN_DATASETS, isBuiltinDatasetId } from '../data/catalog';
import { forgetDataset, listDatasets, type SkippedFile, type StoredDatasetInfo } from '../data/datasetCache';
import type { Dataset } from '../data/dataset';
import type { DatasetSummary, ThumbnailRow } from '../data/summary';
import { dataClient, ImportCancelled, type ProgressReport } from '../client/dataClient';
import { DEFAULT_IMPORT_SETTINGS, ImportError, importItems, type ImportSettings } from '../importer/importJob';
import { recordWebcamClip, WebcamError } from '../importer/webcam';
import type { ImportItem } from '../shared/dataProtocol';
import { text, type Text } from '../shared/text';
import { errorMessage } from '../i18n/textError';

export interface BuiltinDescription {
  status: 'loading' | 'ready' | 'failed';
  summary?: DatasetSummary;
  thumbnails?: ThumbnailRow[];
  /** Why it failed: the worker's Text, or an exception's own message. */
  error?: Text | string;
}

export interface ImportJobState {
  kind: 'files' | 'webcam';
  stage: Text | string;
  done: number;
  total: number;
  /** The file being read (its path), or a Text. */
  current: Text | string;
  startedAt: number;
}

export interface ImportReport {
  status: 'loaded' | 'failed' | 'cancelled';
  /** One sentence per dataset loaded, or why nothing was (a Text; an exception's own message as it is). */
  messages: (Text | string)[];
  warnings: (Text | string)[];
  skipped: SkippedFile[];
  datasetIds: string[];
  imagesPerSecond: number;
  framesPerSecond: number;
}

export interface UserDataset extends StoredDatasetInfo {
  /** False when browser storage refused it: it is gone after a reload. */
  cached: boolean;
}

export interface DataState {
  builtins: Partial<Record<string, BuiltinDescription>>;
  userDatasets: UserDataset[];
  storageError: Text | null;
  settings: ImportSettings;
  webcamSeconds: number;
  job: ImportJobState | null;
  report: ImportReport | null;
  init(): Promise<void>;
  describeBuiltin(id: string): void;
  setSettings(patch: Partial<ImportSettings>): void;
  setWebcamSeconds(seconds: number): void;
  importFiles(items: ImportItem[] | Promise<ImportItem[]>): Promise<string[]>;
  recordWebcam(preview?: HTMLVideoElement): Promise<string[]>;
  cancelImport(): void;
  forget(id: string): Promise<void>;
}

/** Datasets that could not be cached, kept here so a run can still be sent them. */
const memoryOnly = new Map<string, Dataset>();
export const memoryDataset = (id: string): Dataset | undefined => memoryOnly.get(id);

let abort: AbortController | null = null;

export const WEBCAM_SECONDS = { min: 1, max: 10, default: 3 };

export const useDataStore = create<DataState>()((set, get) => {
  const afterImport = async (run: (signal: AbortSignal, progress: (p: ProgressReport) => void) => ReturnType<typeof importItems>, kind: ImportJobState['kind']): Promise<string[]> => {
    abort?.abort();
    const own = new AbortController();
    abort = own;
    let lastShown = 0;
    const progress = (p: ProgressReport) => {
      const now = performance.now();
      // At most ~10 updates a second reach React, whatever the worker sends.
      if (now - lastShown < 100 && p.done !== p.total) return;
      lastShown = now;
      set((s) => ({ job: s.job ? { ...s.job, ...p } : s.job }));
    };
    set({ job: { kind, stage: text('data.store.readingFiles'), done: 0, total: 0, current: '', startedAt: performance.now() }, report: null });
    try {
      const outcome = await run(own.signal, progress);
      for (const d of outcome.datasets) if (!d.cached) memoryOnly.set(d.info.id, d.dataset);
      const added: UserDataset[] = outcome.datasets.map((d) => ({ ...d.info, cached: d.cached }));
      set((s) => ({
        userDatasets: [...s.userDatasets.filter((u) => !added.some((a) => a.id === u.id)), ...added],
        report: {
          status: 'loaded',
          messages: outcome.datasets.map((d) => {
            const sm = d.info.summary;
            return sm.kind === 'images'
              ? text('data.store.loadedImages', { name: sm.name, images: sm.trainCount + sm.testCount, classes: sm.classNames.length })
              : text('data.store.loadedVideos', { name: sm.name, clips: sm.video?.clips ?? 0, frames: sm.video?.frames ?? 0, fps: sm.video?.fps ?? 0 });
          }),
          warnings: outcome.warnings, skipped: outcome.skipped, datasetIds: added.map((a) => a.id),
          imagesPerSecond: outcome.imagesPerSecond, framesPerSecond: outcome.framesPerSecond,
        },
      }));
      return added.map((a) => a.id);
    } catch (e) {
      const cancelled = e instanceof ImportCancelled || (e instanceof DOMException && e.name === 'AbortError') || own.signal.aborted;
      set({
        report: {
          status: cancelled ? 'cancelled' : 'failed',
          messages: [cancelled ? text('data.store.cancelled') : e instanceof ImportError ? e.text : errorMessage(e)],
          warnings: [], skipped: e instanceof ImportError ? e.skipped : [], datasetIds: [], imagesPerSecond: 0, framesPerSecond: 0,
        },
      });
      return [];
    } finally {
      if (abort === own) abort = null;
      set({ job: null });
    }
  };

  return {
    builtins: {},
    userDatasets: [],
    storageError: null,
    settings: { ...DEFAULT_IMPORT_SETTINGS },
    webcamSeconds: WEBCAM_SECONDS.default,
    job: null,
    report: null,
    async init() {
      try {
        const stored = await listDatasets();
        set((s) => ({ userDatasets: [...stored.map((d) => ({ ...d, cached: true })), ...s.userDatasets.filter((u) => !u.cached)] }));
      } catch (e) {
        set({ storageError: text('data.store.storageUnavailable', { error: errorMessage(e) }) });
      }
      for (const d of BUILTIN_DATASETS) get().describeBuiltin(d.id);
    },
    describeBuiltin(id) {
      if (!isBuiltinDatasetId(id) || get().builtins[id]) return;
      set((s) => ({ builtins: { ...s.builtins, [id]: { status: 'loading' } } }));
      dataClient.describeBuiltin(id).then(
        ({ summary, thumbnails }) => set((s) => ({ builtins: { ...s.builtins, [id]: { status: 'ready', summary, thumbnails } } })),
        (e: unknown) => set((s) => ({ builtins: { ...s.builtins, [id]: { status: 'failed', error: errorMessage(e) } } })),
      );
    },
    setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
    setWebcamSeconds: (webcamSeconds) => set({ webcamSeconds }),
    importFiles(items) {
      return afterImport(async (signal, progress) => importItems(await items, get().settings, progress, signal), 'files');
    },
    recordWebcam(preview) {
      return afterImport(async (signal, progress) => {
        const seconds = get().webcamSeconds;
        let clip: Blob;
        try {
          clip = await recordWebcamClip(seconds, (elapsed) => progress({
            stage: text('data.store.recording'), done: Math.round(elapsed * 10), total: seconds * 10, current: text('data.store.recordingElapsed', { elapsed, seconds }),
          }), signal, preview);
        } catch (e) {
          if (e instanceof WebcamError) throw new ImportError(e.text);
          throw e;
        }
        const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ');
        const file = new File([clip], `webcam ${stamp}.webm`, { type: clip.type });
        return importItems([{ file, path: file.name, source: '' }], { ...get().settings, synchronised: false }, progress, signal, `Webcam clip ${stamp}`);
      }, 'webcam');
    },
    cancelImport: () => abort?.abort(),
    async forget(id) {
      memoryOnly.delete(id);
      try {
        await forgetDataset(id);
      } finally {
        set((s) => ({ userDatasets: s.userDatasets.filter((d) => d.id !== id) }));
      }
    },
  };
});
