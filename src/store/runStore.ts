/**
 * The app's state, one zustand store of five slices (draft, runs, plan, history, estimate), and the worker
 * pool that drives the live runs. `useAppStore` is what the UI imports; `createAppStore` builds
 * another one (tests pass a fake client factory and an in-memory history).
 */
import { create } from 'zustand';
import { TrainingClient } from '../client/trainingClient';
import type { AppState } from './appState';
import { memoryDataset } from './dataStore';
import { createDraftSlice } from './draftSlice';
import { createEstimateSlice } from './estimateSlice';
import { createHistorySlice, type HistoryBackend } from './historySlice';
import { createPlanSlice } from './planSlice';
import { createRunsSlice, sessionConcurrency } from './runsSlice';
import { selectFocusedRun } from './selectors';
import { WorkerPool, type CreateClient } from './workerPool';
import { usableCheckpoints } from './checkpointSettings';
import type { RunState } from './runState';

export type { AppState } from './appState';
export type { EvalPoint } from '../eval/types';
export type { DraftPreview } from './draftSlice';
export type { SharedLinkNotice } from './planSlice';
export type { HistoryState } from './historySlice';
export { idleRun, isActive, type RunState, type LatestEmbeddings, type HistoryStatus, type ImportedRun } from './runState';
export { datasetRefOf } from './datasetRef';
export { FLUSH_MS } from './workerPool';
export { selectFocusedRun, selectShownMethod } from './selectors';

export interface AppStoreOptions {
  createClient: CreateClient;
  history?: HistoryBackend;
  maxConcurrent?: number;
  now?: () => number;
  /** Deletes a run's stored checkpoints (checkpointDb's by default). */
  deleteCheckpoints?: (runId: string) => Promise<void>;
}

export function createAppStore(options: AppStoreOptions) {
  const pool: WorkerPool = new WorkerPool({
    createClient: options.createClient,
    datasetOf: memoryDataset,
    now: options.now,
    host: {
      runs: () => useStore.getState().runs,
      maxConcurrent: () => useStore.getState().maxConcurrent,
      updateRuns: (update) => useStore.setState((s) => ({ runs: update(s.runs) })),
      saveToHistory: (id) => void useStore.getState().saveRunToHistory(id),
      checkpointSettings: () => usableCheckpoints(useStore.getState().checkpoints),
    },
    deleteCheckpoints: options.deleteCheckpoints,
  });
  const useStore = create<AppState>()((...a) => ({
    ...createDraftSlice(pool)(...a),
    ...createRunsSlice({ pool, maxConcurrent: options.maxConcurrent ?? sessionConcurrency() })(...a),
    ...createPlanSlice(...a),
    ...createHistorySlice(options.history, (id) => pool.encoderOf(id))(...a),
    ...createEstimateSlice(pool)(...a),
  }));
  return { useStore, pool };
}

const app = createAppStore({ createClient: (onMessage, onCrash) => new TrainingClient(onMessage, onCrash) });

export const useAppStore = app.useStore;

/** The page's worker pool, for the e2e test hooks (ui/testHooks.ts) only. */
export const appPool = app.pool;

/** The focused run, or a part of it: `useFocusedRun((r) => r.evals)`. */
export function useFocusedRun(): RunState;
export function useFocusedRun<T>(select: (run: RunState) => T): T;
export function useFocusedRun<T>(select?: (run: RunState) => T): T | RunState {
  return useAppStore((s) => (select ? select(selectFocusedRun(s)) : selectFocusedRun(s)));
}
