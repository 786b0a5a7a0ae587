/**
 * Runs kept in IndexedDB: the list and storage use, re-opening, renaming, deleting, saving a
 * finished run (with its trained encoder), and finding a run's encoder (this session's memory,
 * then history) for the model export and for evaluating it on another dataset.
 */
import * as historyDb from '../history/historyDb';
import type { HistoryEntry, StorageUse } from '../history/historyDb';
import { layoutOf } from '../models/encoderLayout';
import type { EncoderWeightsMessage, ImportedEncoder } from '../shared/protocol';
import type { SliceCreator } from './appState';
import { datasetRefOf } from './datasetRef';
import { recordOf, stateFromRecord } from './runRecords';
import type { RunState } from './runState';
import { text, type Text } from '../shared/text';
import { TextError, errorMessage } from '../i18n/textError';
import { renderText } from '../i18n/render';
import { i18n } from '../i18n/i18n';
import { datasetName } from '../i18n/content';

export interface HistoryState {
  entries: HistoryEntry[];
  use: StorageUse | null;
  error: Text | string | null;
  loaded: boolean;
}

export interface HistorySlice {
  history: HistoryState;
  refreshHistory(): Promise<void>;
  openFromHistory(id: string): Promise<void>;
  /** A History run as a run state (not added to the comparison), for its exports; throws when History no longer has it. */
  historyRun(id: string): Promise<RunState>;
  renameInHistory(id: string, name: string): Promise<void>;
  deleteFromHistory(id: string): Promise<void>;
  /** Saves a finished run with its trained encoder when the pool holds one (the history store checks the quota before it writes) and says how it went on the run. */
  saveRunToHistory(id: string): Promise<void>;
  /** A run's trained encoder: this session's (the worker pool's memory) first, then the one History kept; null when neither has it. */
  trainedEncoder(id: string): Promise<EncoderWeightsMessage | null>;
  /**
   * Evaluates a History run's trained encoder on the draft's dataset, as importing its model files
   * would. Returns what it queued (the run's name), or throws when History has no encoder for it.
   */
  evaluateFromHistory(id: string): Promise<string>;
}

/** What the slice uses of the history store (tests pass an in-memory one). */
export type HistoryBackend = Pick<typeof historyDb, 'deleteRun' | 'listRuns' | 'loadRun' | 'loadEncoder' | 'renameRun' | 'saveRun' | 'storageUse'>;

/** This session's trained encoders (the worker pool's); absent: none are in memory. */
export type SessionEncoders = (id: string) => EncoderWeightsMessage | undefined;

const noSessionEncoders: SessionEncoders = () => undefined;

/** What an evaluation of a History run's encoder says it is (shown with the results, as an imported file's description is). */
export function historyEncoderDescription(entry: Pick<HistoryEntry, 'name' | 'config' | 'imported' | 'steps' | 'dataset'>, width: number): Text {
  const method = entry.config?.methodId ?? entry.imported?.trainedBy ?? text('history.evaluate.unknownMethod');
  return text('history.evaluate.description', { name: entry.name, method, width, steps: entry.steps, datasetName: datasetName(entry.dataset.id, entry.dataset.name) });
}

/**
 * The description and the run's name are kept with the run (its record, the worker's notice) as
 * plain text: written in the language of the page when the evaluation starts.
 */
const inPageLanguage = (x: Text) => renderText(i18n.t, x);

export const createHistorySlice = (db: HistoryBackend = historyDb, sessionEncoder: SessionEncoders = noSessionEncoders): SliceCreator<HistorySlice> => (set, get) => {
  const patchRun = (id: string, patch: Partial<RunState>) => set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));
  /** A History run as a run state; null when History no longer has it. Its encoder stays in History until an export or an evaluation asks for it. */
  const loadRunState = async (id: string): Promise<RunState | null> => {
    const record = await db.loadRun(id);
    return record ? { ...stateFromRecord(record), hasEncoder: record.hasEncoder === true || sessionEncoder(id) !== undefined } : null;
  };
  return {
    history: { entries: [], use: null, error: null, loaded: false },
    async refreshHistory() {
      try {
        const [entries, use] = await Promise.all([db.listRuns(), db.storageUse()]);
        set({ history: { entries, use, error: null, loaded: true } });
      } catch (e) {
        set((s) => ({ history: { ...s.history, error: errorMessage(e), loaded: true } }));
      }
    },
    async openFromHistory(id) {
      if (get().runs.some((r) => r.id === id)) { get().focus(id); return; }
      const run = await loadRunState(id);
      if (!run) { set((s) => ({ history: { ...s.history, error: text('history.errors.gone') } })); return; }
      set((s) => ({ runs: [...s.runs, run], focusId: id }));
    },
    async historyRun(id) {
      const run = await loadRunState(id);
      if (!run) throw new TextError(text('history.errors.gone'));
      return run;
    },
    async renameInHistory(id, name) {
      await db.renameRun(id, name);
      get().renameRunInSession(id, name);
      await get().refreshHistory();
    },
    async deleteFromHistory(id) {
      await db.deleteRun(id);
      // A run of this session still has its encoder in memory; one opened from History no longer has one.
      patchRun(id, { history: { status: 'unsaved', message: text('history.status.deleted') }, hasEncoder: sessionEncoder(id) !== undefined });
      await get().refreshHistory();
    },
    async saveRunToHistory(id) {
      const run = get().runs.find((r) => r.id === id);
      if (!run) return;
      patchRun(id, { history: { status: 'saving', message: text('history.status.saving') } });
      const result = await db.saveRun(recordOf(run), sessionEncoder(id));
      patchRun(id, { history: result.saved ? { status: 'saved', message: text('history.status.saved') } : { status: result.reason === 'quota' ? 'refused' : 'failed', message: result.message } });
      await get().refreshHistory();
    },
    async trainedEncoder(id) {
      return sessionEncoder(id) ?? (await db.loadEncoder(id));
    },
    async evaluateFromHistory(id) {
      const entry = get().history.entries.find((e) => e.id === id) ?? (await db.listRuns()).find((e) => e.id === id);
      if (!entry) throw new TextError(text('history.errors.gone'));
      const encoder = await get().trainedEncoder(id);
      if (!encoder) throw new TextError(text('history.errors.noEncoder', { name: entry.name }));
      const imported: ImportedEncoder = {
        description: inPageLanguage(historyEncoderDescription(entry, encoder.width)),
        trainedBy: entry.config?.methodId ?? entry.imported?.trainedBy ?? 'unknown',
        layout: layoutOf(encoder),
        weights: encoder.weights,
      };
      const target = get().draft.datasetId;
      const name = inPageLanguage(text('history.evaluate.runName', { name: entry.name, datasetName: datasetName(target, datasetRefOf(target).name) }));
      get().evaluateImported(imported, name);
      return name;
    },
  };
};
