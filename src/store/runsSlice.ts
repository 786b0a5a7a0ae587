/**
 * This session's runs (live, queued, re-opened from history, imported encoders) and which one the
 * Training tab shows. Starting, stopping and closing go through the worker pool; this slice only
 * adds and removes runs and names them.
 */
import { nameAmong } from '../experiment/runName';
import { runConfigOf } from '../experiment/types';
import type { BackendPreference, RunConfig } from '../shared/config';
import type { CheckpointSettings, EvaluationSettings, ImportedEncoder } from '../shared/protocol';
import { listCheckpointHeads } from '../checkpoint/checkpointDb';
import { loadCheckpointSettings, saveCheckpointSettings } from './checkpointSettings';
import { browserHeldLocks, findInterruptedRuns, type ScanDeps } from './interruptedRuns';
import type { SliceCreator } from './appState';
import { datasetRefOf } from './datasetRef';
import { NO_DRAFT_PREVIEW } from './draftSlice';
import { defaultConcurrency, MAX_CONCURRENT } from './runQueue';
import { idleRun, type RunBudget, type RunState } from './runState';
import type { WorkerPool } from './workerPool';

export interface RunsSlice {
  runs: RunState[];
  /** The run the Training tab shows (selectFocusedRun); null before the first. */
  focusId: string | null;
  maxConcurrent: number;
  /** Trains the draft as a new run (queued when the concurrency limit is reached); `budget`: the minutes its step limit came from. */
  start(budget?: RunBudget): void;
  pause(): void;
  resume(): void;
  stop(): void;
  stopRun(id: string): void;
  refreshPreview(): void;
  focus(id: string): void;
  /** Takes a run off the comparison view (stops it first if it is live). */
  closeRun(id: string): void;
  renameRunInSession(id: string, name: string): void;
  /** Starts every planned run (as queued runs). */
  runPlan(): void;
  setMaxConcurrent(n: number): void;
  /** Evaluates an imported encoder on the draft's dataset (a run with no method and no training steps). */
  evaluateImported(encoder: ImportedEncoder, name: string): void;
  /** When runs write checkpoints (this browser's setting, in localStorage; not part of the draft). */
  checkpoints: CheckpointSettings;
  setCheckpointSetting(key: keyof CheckpointSettings, value: number): void;
  /** Continues an interrupted run from its newest checkpoint (queued like a new run). */
  /** Continues an interrupted run from its newest checkpoint; `backend`: on another backend than it asked for before. */
  resumeRun(id: string, backend?: BackendPreference): void;
  /** Deletes an interrupted run's checkpoints and closes it. */
  discardRun(id: string): Promise<void>;
  /** For a run whose worker stopped answering: "Stop run" (ends it stopped, metrics kept) or "Resume from last checkpoint". */
  stopUnanswering(id: string): void;
  resumeUnanswering(id: string): void;
  /** Adds runs found interrupted after a reload (those not in the session yet), focusing the first when nothing is focused. */
  addInterruptedRuns(runs: RunState[]): void;
  /** Looks for runs a previous page left interrupted (stored checkpoints whose lock nobody holds) and adds them. */
  scanForInterruptedRuns(deps?: Partial<Omit<ScanDeps, 'add' | 'runsInSession'>>): Promise<RunState[]>;
}

export interface RunsSliceOptions {
  pool: WorkerPool;
  /** The concurrency limit a session starts with. */
  maxConcurrent: number;
}

let runCounter = 0;
const newRunId = () => `run-${Date.now().toString(36)}-${(runCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** `base`, or `base (2)`, `base (3)` ... whichever no run of the session has. */
export function uniqueName(base: string, runs: readonly RunState[]): string {
  const taken = new Set(runs.map((r) => r.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}

/** A new queued run of this session (not yet in the store). */
export function queuedRun(name: string, runs: readonly RunState[], what: Pick<RunState, 'origin' | 'config' | 'imported'>, datasetId: string): RunState {
  return { ...idleRun(), id: newRunId(), createdAt: Date.now(), phase: 'queued', ...what, datasetRef: datasetRefOf(datasetId), name: uniqueName(name, runs) };
}

const hasWebGpu = () => typeof navigator !== 'undefined' && 'gpu' in navigator;
const cores = () => (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2);
export const sessionConcurrency = () => defaultConcurrency('auto', hasWebGpu(), cores());

export const createRunsSlice = ({ pool, maxConcurrent }: RunsSliceOptions): SliceCreator<RunsSlice> => (set, get) => {
  /** Adds runs as queued (focusing the first) and starts what the concurrency limit allows. */
  const enqueue = (added: RunState[]) => {
    if (!added.length) return;
    set((s) => ({ runs: [...s.runs, ...added], focusId: added[0].id }));
    pool.pump();
  };
  /** Each run is named by what sets it apart from the runs in view and the others started with it. */
  const trainingRuns = (configs: RunConfig[]) => {
    const inView = get().runs.flatMap((r) => (r.config ? [r.config] : []));
    return configs.reduce<RunState[]>((added, config, i) => [
      ...added, queuedRun(nameAmong(config, [...inView, ...configs.filter((_, j) => j !== i)]), [...get().runs, ...added], { origin: 'live', config: structuredClone(config), imported: null }, config.datasetId),
    ], []);
  };
  const focused = (act: (id: string) => void) => () => { const id = get().focusId; if (id) act(id); };

  return {
    runs: [],
    focusId: null,
    maxConcurrent,
    start(budget) {
      pool.cancelDraftPreview();
      set({ draftPreview: NO_DRAFT_PREVIEW });
      enqueue(trainingRuns([get().draft]).map((r) => (budget ? { ...r, budget: { minutes: budget.minutes } } : r)));
    },
    pause: focused((id) => pool.pause(id)),
    resume: focused((id) => pool.resume(id)),
    stop: focused((id) => get().stopRun(id)),
    // A worker that stopped answering cannot be asked to stop: it is terminated (its metrics kept).
    stopRun: (id) => (get().runs.find((r) => r.id === id)?.stalled ? pool.stopUnanswering(id) : pool.stop(id)),
    refreshPreview: focused((id) => pool.refreshPreview(id)),
    focus: (id) => set({ focusId: id }),
    closeRun(id) {
      pool.forget(id);
      set((s) => {
        const runs = s.runs.filter((r) => r.id !== id);
        return { runs, focusId: s.focusId === id ? runs[runs.length - 1]?.id ?? null : s.focusId };
      });
      pool.pump();
    },
    renameRunInSession(id, name) {
      const trimmed = name.trim().slice(0, 120);
      if (trimmed) set((s) => ({ runs: s.runs.map((r) => (r.id === id ? { ...r, name: trimmed } : r)) }));
    },
    runPlan() {
      const experiment = get().currentExperiment();
      enqueue(trainingRuns(experiment.runs.map((run) => runConfigOf(experiment, run))));
    },
    setMaxConcurrent(n) {
      const clamped = Math.min(MAX_CONCURRENT.max, Math.max(MAX_CONCURRENT.min, Math.round(n)));
      if (!Number.isFinite(clamped)) return;
      set({ maxConcurrent: clamped });
      pool.pump();
    },
    checkpoints: loadCheckpointSettings(),
    setCheckpointSetting(key, value) {
      set((s) => ({ checkpoints: { ...s.checkpoints, [key]: value } }));
      saveCheckpointSettings(get().checkpoints);
    },
    resumeRun(id, backend) {
      // Another backend for the rest of the run: the worker's notice says the losses will differ slightly.
      if (backend) set((s) => ({ runs: s.runs.map((r) => (r.id === id && r.config && r.config.backend !== backend ? { ...r, config: { ...r.config, backend } } : r)) }));
      pool.continueRun(id);
      set({ focusId: id });
    },
    async discardRun(id) {
      await pool.discardCheckpoints(id);
      get().closeRun(id);
    },
    stopUnanswering: (id) => pool.stopUnanswering(id),
    resumeUnanswering: (id) => pool.resumeUnanswering(id),
    addInterruptedRuns(found) {
      set((s) => {
        const fresh = found.filter((r) => !s.runs.some((q) => q.id === r.id));
        if (!fresh.length) return {};
        const named = fresh.reduce<RunState[]>((all, r) => [...all, { ...r, name: uniqueName(r.name, [...s.runs, ...all]) }], []);
        return { runs: [...s.runs, ...named], focusId: s.focusId ?? named[0].id };
      });
    },
    scanForInterruptedRuns(deps = {}) {
      return findInterruptedRuns({
        listHeads: deps.listHeads ?? listCheckpointHeads,
        heldLocks: deps.heldLocks ?? browserHeldLocks,
        sleep: deps.sleep,
        runsInSession: () => new Set(get().runs.map((r) => r.id)),
        add: (runs) => get().addInterruptedRuns(runs),
      });
    },
    evaluateImported(encoder, name) {
      const { datasetId, seed, evalBankSize, evalQuerySize, backend } = get().draft;
      const settings: EvaluationSettings = { datasetId, seed, evalBankSize, evalQuerySize, backend };
      const { trainedBy, layout, description } = encoder;
      const run = queuedRun(name, get().runs, { origin: 'imported', config: null, imported: { trainedBy, layout, description, settings } }, datasetId);
      pool.holdEncoder(run.id, encoder);
      enqueue([run]);
    },
  };
};
