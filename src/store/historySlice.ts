/** Runs kept in IndexedDB: the list and storage use, re-opening, renaming, deleting, and saving a finished run. */
import * as historyDb from '../history/historyDb';
import type { HistoryEntry, StorageUse } from '../history/historyDb';
import type { SliceCreator } from './appState';
import { recordOf, stateFromRecord } from './runRecords';
import type { RunState } from './runState';

export interface HistoryState {
  entries: HistoryEntry[];
  use: StorageUse | null;
  error: string | null;
  loaded: boolean;
}

export interface HistorySlice {
  history: HistoryState;
  refreshHistory(): Promise<void>;
  openFromHistory(id: string): Promise<void>;
  renameInHistory(id: string, name: string): Promise<void>;
  deleteFromHistory(id: string): Promise<void>;
  /** Saves a finished run (the history store checks the quota before it writes) and says how it went on the run. */
  saveRunToHistory(id: string): Promise<void>;
}

/** What the slice uses of the history store (tests pass an in-memory one). */
export type HistoryBackend = Pick<typeof historyDb, 'deleteRun' | 'listRuns' | 'loadRun' | 'renameRun' | 'saveRun' | 'storageUse'>;

export const createHistorySlice = (db: HistoryBackend = historyDb): SliceCreator<HistorySlice> => (set, get) => {
  const patchRun = (id: string, patch: Partial<RunState>) => set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));
  return {
    history: { entries: [], use: null, error: null, loaded: false },
    async refreshHistory() {
      try {
        const [entries, use] = await Promise.all([db.listRuns(), db.storageUse()]);
        set({ history: { entries, use, error: null, loaded: true } });
      } catch (e) {
        set((s) => ({ history: { ...s.history, error: e instanceof Error ? e.message : String(e), loaded: true } }));
      }
    },
    async openFromHistory(id) {
      if (get().runs.some((r) => r.id === id)) { get().focus(id); return; }
      const record = await db.loadRun(id);
      if (!record) { set((s) => ({ history: { ...s.history, error: 'That run is no longer in history (deleted in another tab?).' } })); return; }
      set((s) => ({ runs: [...s.runs, stateFromRecord(record)], focusId: id }));
    },
    async renameInHistory(id, name) {
      await db.renameRun(id, name);
      get().renameRunInSession(id, name);
      await get().refreshHistory();
    },
    async deleteFromHistory(id) {
      await db.deleteRun(id);
      patchRun(id, { history: { status: 'unsaved', message: 'deleted from history' } });
      await get().refreshHistory();
    },
    async saveRunToHistory(id) {
      const run = get().runs.find((r) => r.id === id);
      if (!run) return;
      patchRun(id, { history: { status: 'saving', message: 'saving to history…' } });
      const result = await db.saveRun(recordOf(run));
      patchRun(id, { history: result.saved ? { status: 'saved', message: 'saved in history' } : { status: result.reason === 'quota' ? 'refused' : 'failed', message: result.message } });
      await get().refreshHistory();
    },
  };
};
