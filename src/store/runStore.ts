/**
 * The app's state: the draft run configuration, the comparison being planned, and every run of
 * this session (live, queued, or re-opened from history). Each live run has its own worker;
 * at most `maxConcurrent` hold one at a time, the rest wait in order. Worker messages land in a
 * per-run buffer that is flushed into the store at most FLUSH_MS apart. `run` is the focused run
 * (what the Training tab shows), kept in step with `runs`.
 */
import { create } from 'zustand';
import { TrainingClient } from '../client/trainingClient';
import { METHOD_SPECS, type MethodId } from '../methods/catalog';
import { defaultParams, withParamChoice, type AnyParamValues } from '../shared/params';
import { defaultRunConfig, type BackendPreference, type RunConfig, RUN_SETTINGS } from '../shared/config';
import type { EncoderWeightsMessage, FromWorker, ImportedEncoder, PreviewImagePanel } from '../shared/protocol';
import type { EvalPoint } from '../eval/types';
import type { DatasetRef, Experiment, PlannedRun, RunRecord } from '../experiment/types';
import { runConfigOf } from '../experiment/types';
import { describeRun } from '../experiment/runName';
import { memoryDataset, useDataStore } from './dataStore';
import { rowsToPoints, type MetricPoint } from './metricsBuffer';
import { defaultConcurrency, MAX_CONCURRENT, runsToStart } from './runQueue';
import { recordOf, stateFromRecord } from './runRecords';
import { idleRun, type RunState } from './runState';
export { idleRun, type RunState, type LatestEmbeddings, type HistoryStatus } from './runState';
import { deleteRun, listRuns, loadRun, renameRun, saveRun, storageUse, type HistoryEntry, type StorageUse } from '../history/historyDb';

export type { EvalPoint };
export const FLUSH_MS = 250;

type RunSettingKey = keyof typeof RUN_SETTINGS;

/** A preview of the draft config's batch, made by a short-lived worker before training. */
export interface DraftPreview {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  detail: string;
  panels: PreviewImagePanel[] | null;
}

/** What opening a shared link found: fields that fell back, or why it could not be read. */
export interface SharedLinkNotice {
  error: string | null;
  problems: string[];
  runs: number;
  dataset: DatasetRef | null;
}

export interface HistoryState {
  entries: HistoryEntry[];
  use: StorageUse | null;
  error: string | null;
  loaded: boolean;
}

export interface AppState {
  draft: RunConfig;
  runs: RunState[];
  focusId: string | null;
  /** The focused run, or an idle one. */
  run: RunState;
  /** The comparison being planned: runs that share the draft's dataset, seed, budget and backend. */
  plan: PlannedRun[];
  maxConcurrent: number;
  sharedLink: SharedLinkNotice | null;
  history: HistoryState;
  draftPreview: DraftPreview;
  previewDraft(): void;
  setMethod(id: MethodId): void;
  setDataset(id: string): void;
  setParam(key: string, value: number | string | boolean): void;
  setRunSetting(key: RunSettingKey, value: number): void;
  setBackend(preference: BackendPreference): void;
  resetParams(): void;
  /** Trains the draft as a new run (queued when the concurrency limit is reached). */
  start(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  stopRun(id: string): void;
  refreshPreview(): void;
  focus(id: string): void;
  /** Takes a run off the comparison view (stops it first if it is live). */
  closeRun(id: string): void;
  renameRunInSession(id: string, name: string): void;
  addDraftToPlan(): void;
  removeFromPlan(index: number): void;
  editPlanned(index: number): void;
  clearPlan(): void;
  /** Starts every planned run (as queued runs). */
  runPlan(): void;
  setMaxConcurrent(n: number): void;
  /** The draft's dataset, shared settings and the plan (or the draft alone when nothing is planned). */
  currentExperiment(): Experiment;
  /** Puts a decoded experiment in place: the draft takes the first run, the plan holds them all. */
  loadExperiment(experiment: Experiment, notice: SharedLinkNotice | null): void;
  /** A link that could not be read: the notice says why; nothing else changes. */
  loadExperimentError(error: string): void;
  dismissSharedLink(): void;
  refreshHistory(): Promise<void>;
  openFromHistory(id: string): Promise<void>;
  renameInHistory(id: string, name: string): Promise<void>;
  deleteFromHistory(id: string): Promise<void>;
  /** Evaluates an imported encoder on the draft's dataset (a run with no training steps). */
  evaluateImported(encoder: ImportedEncoder, name: string): void;
}

export const isActive = (phase: RunState['phase']) =>
  phase === 'queued' || phase === 'starting' || phase === 'loading-data' || phase === 'building' || phase === 'training' || phase === 'paused';

/** Live run id -> its worker, its unflushed metrics, and its imported encoder (if any). */
const clients = new Map<string, TrainingClient>();
const pending = new Map<string, { points: MetricPoint[]; last?: Extract<FromWorker, { type: 'metrics' }> }>();
const importedEncoders = new Map<string, ImportedEncoder>();
/** Finished runs' encoder weights (this session only; not kept in history). */
const encoders = new Map<string, EncoderWeightsMessage>();
export const encoderOf = (id: string): EncoderWeightsMessage | undefined => encoders.get(id);

let previewClient: TrainingClient | null = null;
let flushTimer: ReturnType<typeof setInterval> | null = null;
let runCounter = 0;

const newRunId = () => `run-${Date.now().toString(36)}-${(runCounter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The dataset a config names, with its fingerprint where this page knows it. */
export function datasetRefOf(datasetId: string): DatasetRef {
  const data = useDataStore.getState();
  const user = data.userDatasets.find((d) => d.id === datasetId);
  if (user) return { id: datasetId, name: user.summary.name, fingerprint: user.summary.fingerprint };
  const builtin = data.builtins[datasetId]?.summary;
  return { id: datasetId, name: builtin?.name ?? datasetId, fingerprint: builtin?.fingerprint ?? '' };
}

function uniqueName(base: string, runs: RunState[]): string {
  const taken = new Set(runs.map((r) => r.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`)) return `${base} (${i})`;
}

const hasWebGpu = () => typeof navigator !== 'undefined' && 'gpu' in navigator;
const cores = () => (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2);

export const useAppStore = create<AppState>()((set, get) => {
  /** Sets runs and keeps `run` (the focused one) in step. */
  const setRuns = (runs: RunState[], focusId = get().focusId) =>
    set({ runs, focusId, run: runs.find((r) => r.id === focusId) ?? idleRun() });
  const patchRun = (id: string, patch: Partial<RunState> | ((r: RunState) => Partial<RunState>)) =>
    setRuns(get().runs.map((r) => (r.id === id ? { ...r, ...(typeof patch === 'function' ? patch(r) : patch) } : r)));
  const runById = (id: string) => get().runs.find((r) => r.id === id);

  const flush = () => {
    let changed = false;
    const runs = get().runs.map((r) => {
      const p = pending.get(r.id);
      if (!p || p.points.length === 0) return r;
      changed = true;
      pending.set(r.id, { points: [] });
      return {
        ...r, points: r.points.concat(p.points), msPerStep: p.last?.msPerStep ?? r.msPerStep,
        imagesPerSecond: p.last?.imagesPerSecond ?? r.imagesPerSecond, numTensors: p.last?.numTensors ?? r.numTensors,
      };
    });
    if (changed) setRuns(runs);
  };
  const flushRun = (id: string) => {
    const p = pending.get(id);
    if (p && p.points.length) flush();
  };

  const handle = (id: string, m: FromWorker) => {
    const r = runById(id);
    if (!r) return;
    switch (m.type) {
      case 'phase':
        flushRun(id); // the points that came before a phase change belong before it on screen
        patchRun(id, { phase: m.phase, detail: m.detail ?? '' });
        break;
      case 'backend':
        patchRun(id, { backend: m.info });
        break;
      case 'dataset':
        patchRun(id, { dataset: m.summary });
        break;
      case 'paramIssues':
        patchRun(id, { paramIssues: m.issues });
        break;
      case 'notice':
        patchRun(id, (x) => ({ notices: [...x.notices, m.message] }));
        break;
      case 'metrics': {
        const now = performance.now();
        const points = rowsToPoints(m.names, m.firstStep, m.rows, m.values);
        // Rows arrive in batches: spread their wall times back from now at the measured step time.
        points.forEach((p, i) => { p.wall = (now - r.startedAt - (m.rows - 1 - i) * m.msPerStep) / 1000; });
        const buffer = pending.get(id) ?? { points: [] };
        buffer.points.push(...points);
        buffer.last = m;
        pending.set(id, buffer);
        if (r.metricNames.length === 0) patchRun(id, { metricNames: m.names });
        break;
      }
      case 'evaluation': {
        flushRun(id);
        const { type: _type, embeddings, ...point } = m;
        const wall = (performance.now() - r.startedAt) / 1000;
        patchRun(id, (x) => ({ evals: [...x.evals, { ...point, wall }], embeddings: { step: m.step, dim: m.dim, data: embeddings } }));
        break;
      }
      case 'baseline': {
        const { type: _type, ...baseline } = m;
        patchRun(id, { baseline });
        break;
      }
      case 'mapPoints':
        patchRun(id, { mapPoints: m.points });
        break;
      case 'preview':
        patchRun(id, { preview: m.panels });
        break;
      case 'encoder': {
        const { type: _type, ...weights } = m;
        encoders.set(id, weights);
        patchRun(id, { hasEncoder: true });
        break;
      }
      case 'ended':
        flushRun(id);
        patchRun(id, { phase: m.reason, error: m.message ?? null, endedAt: performance.now() });
        clients.get(id)?.terminate();
        clients.delete(id);
        pending.delete(id);
        importedEncoders.delete(id);
        if (clients.size === 0 && flushTimer) { clearInterval(flushTimer); flushTimer = null; }
        void persist(id);
        pump();
        break;
    }
  };

  /** Saves a finished run to history (the store checks the quota before it writes). */
  const persist = async (id: string) => {
    const r = runById(id);
    if (!r || r.origin !== 'live' || r.points.length === 0) return;
    patchRun(id, { history: { status: 'saving', message: 'saving to history…' } });
    const result = await saveRun(recordOf(r));
    patchRun(id, { history: result.saved ? { status: 'saved', message: 'saved in history' } : { status: result.reason === 'quota' ? 'refused' : 'failed', message: result.message } });
    await get().refreshHistory();
  };

  /** Starts queued runs while there are free slots. */
  const pump = () => {
    const slots = get().runs.map((r) => ({ id: r.id, slot: clients.has(r.id) ? 'running' as const : r.phase === 'queued' ? 'queued' as const : 'done' as const }));
    for (const id of runsToStart(slots, get().maxConcurrent)) {
      const r = runById(id)!;
      const client = new TrainingClient((m) => handle(id, m));
      clients.set(id, client);
      pending.set(id, { points: [] });
      patchRun(id, { phase: 'starting', startedAt: performance.now() });
      const imported = importedEncoders.get(id);
      if (imported) client.evaluateEncoder(r.config!, imported, memoryDataset(r.config!.datasetId));
      else client.train(r.config!, memoryDataset(r.config!.datasetId));
    }
    if (clients.size > 0 && !flushTimer) flushTimer = setInterval(flush, FLUSH_MS);
  };

  /** Adds runs as queued and starts what the concurrency limit allows. */
  const enqueue = (configs: { config: RunConfig; name?: string; origin?: RunState['origin']; imported?: ImportedEncoder }[], focusFirst: boolean): string[] => {
    let runs = get().runs;
    const ids: string[] = [];
    for (const { config, name, origin, imported } of configs) {
      const id = newRunId();
      ids.push(id);
      if (imported) importedEncoders.set(id, imported);
      runs = [...runs, {
        ...idleRun(), id, origin: origin ?? 'live', createdAt: Date.now(), phase: 'queued', config: structuredClone(config), datasetRef: datasetRefOf(config.datasetId),
        name: uniqueName(name ?? describeRun(config.methodId, config.params), runs),
      }];
    }
    setRuns(runs, focusFirst && ids.length ? ids[0] : get().focusId);
    pump();
    return ids;
  };

  const planEntry = (config: RunConfig): PlannedRun => ({ methodId: config.methodId, params: structuredClone(config.params) as AnyParamValues });

  return {
    draft: defaultRunConfig(),
    runs: [],
    focusId: null,
    run: idleRun(),
    plan: [],
    maxConcurrent: defaultConcurrency('auto', hasWebGpu(), cores()),
    sharedLink: null,
    history: { entries: [], use: null, error: null, loaded: false },
    draftPreview: { status: 'idle', detail: '', panels: null },
    previewDraft() {
      previewClient?.terminate();
      const setPreview = (patch: Partial<DraftPreview>) => set((s) => ({ draftPreview: { ...s.draftPreview, ...patch } }));
      setPreview({ status: 'loading', detail: 'starting a worker', panels: null });
      if (get().focusId) patchRun(get().focusId!, { preview: null }); // the newest preview is the one shown
      const own = new TrainingClient((m) => {
        if (previewClient !== own) return;
        if (m.type === 'phase') setPreview({ detail: m.detail ?? m.phase });
        else if (m.type === 'preview') setPreview({ status: 'ready', panels: m.panels, detail: '' });
        else if (m.type === 'ended') {
          if (m.reason === 'failed') setPreview({ status: 'failed', detail: m.message ?? 'failed' });
          own.terminate();
          previewClient = null;
        }
      });
      previewClient = own;
      const draft = structuredClone(get().draft);
      own.previewBatch(draft, memoryDataset(draft.datasetId));
    },
    setMethod: (id) => set((s) => ({ draft: { ...s.draft, methodId: id, params: defaultParams(METHOD_SPECS[id].params) } })),
    setDataset: (id) => set((s) => ({ draft: { ...s.draft, datasetId: id } })),
    setParam: (key, value) => set((s) => ({
      draft: { ...s.draft, params: withParamChoice(METHOD_SPECS[s.draft.methodId].params, s.draft.params, key, value) },
    })),
    setRunSetting: (key, value) => set((s) => ({ draft: { ...s.draft, [key]: value } })),
    setBackend: (backend) => set((s) => ({ draft: { ...s.draft, backend } })),
    resetParams: () => set((s) => ({ draft: { ...s.draft, params: defaultParams(METHOD_SPECS[s.draft.methodId].params) } })),
    start() {
      previewClient?.terminate();
      previewClient = null;
      set({ draftPreview: { status: 'idle', detail: '', panels: null } });
      enqueue([{ config: get().draft }], true);
    },
    pause: () => { const id = get().focusId; if (id) clients.get(id)?.pause(); },
    resume: () => { const id = get().focusId; if (id) clients.get(id)?.resume(); },
    stop() {
      const id = get().focusId;
      if (id) get().stopRun(id);
    },
    stopRun(id) {
      const phase = runById(id)?.phase;
      if (phase === 'queued') {
        patchRun(id, { phase: 'stopped', detail: 'taken off the queue', endedAt: performance.now() });
        return;
      }
      if (phase === 'starting' || phase === 'loading-data' || phase === 'building') {
        // The worker has no loop to stop yet: end it here.
        handle(id, { type: 'ended', reason: 'stopped', steps: 0, message: undefined });
        return;
      }
      clients.get(id)?.stop();
    },
    refreshPreview: () => { const id = get().focusId; if (id) clients.get(id)?.refreshPreview(); },
    focus: (id) => setRuns(get().runs, id),
    closeRun(id) {
      if (isActive(runById(id)?.phase ?? 'idle')) get().stopRun(id);
      clients.get(id)?.terminate();
      clients.delete(id);
      encoders.delete(id);
      const runs = get().runs.filter((r) => r.id !== id);
      setRuns(runs, get().focusId === id ? runs[runs.length - 1]?.id ?? null : get().focusId);
      pump();
    },
    renameRunInSession(id, name) {
      const trimmed = name.trim().slice(0, 120);
      if (trimmed) patchRun(id, { name: trimmed });
    },
    addDraftToPlan: () => set((s) => ({ plan: [...s.plan, planEntry(s.draft)] })),
    removeFromPlan: (index) => set((s) => ({ plan: s.plan.filter((_, i) => i !== index) })),
    editPlanned(index) {
      const planned = get().plan[index];
      if (planned) set((s) => ({ draft: { ...s.draft, methodId: planned.methodId, params: structuredClone(planned.params) } }));
    },
    clearPlan: () => set({ plan: [] }),
    runPlan() {
      const experiment = get().currentExperiment();
      enqueue(experiment.runs.map((run) => ({ config: runConfigOf(experiment, run) })), true);
    },
    setMaxConcurrent(n) {
      const clamped = Math.min(MAX_CONCURRENT.max, Math.max(MAX_CONCURRENT.min, Math.round(n)));
      if (!Number.isFinite(clamped)) return;
      set({ maxConcurrent: clamped });
      pump();
    },
    currentExperiment() {
      const { draft, plan } = get();
      const { methodId: _m, datasetId, params: _p, ...settings } = draft;
      return { dataset: datasetRefOf(datasetId), settings, runs: plan.length ? structuredClone(plan) : [planEntry(draft)] };
    },
    loadExperiment(experiment, notice) {
      const first = experiment.runs[0];
      set({
        draft: { ...experiment.settings, datasetId: experiment.dataset.id, methodId: first.methodId, params: structuredClone(first.params) },
        plan: structuredClone(experiment.runs),
        sharedLink: notice,
      });
    },
    loadExperimentError: (error) => set({ sharedLink: { error, problems: [], runs: 0, dataset: null } }),
    dismissSharedLink: () => set({ sharedLink: null }),
    async refreshHistory() {
      try {
        const [entries, use] = await Promise.all([listRuns(), storageUse()]);
        set({ history: { entries, use, error: null, loaded: true } });
      } catch (e) {
        set((s) => ({ history: { ...s.history, error: e instanceof Error ? e.message : String(e), loaded: true } }));
      }
    },
    async openFromHistory(id) {
      const open = get().runs.find((r) => r.id === id);
      if (open) { get().focus(id); return; }
      const record: RunRecord | null = await loadRun(id);
      if (!record) { set((s) => ({ history: { ...s.history, error: 'That run is no longer in history (deleted in another tab?).' } })); return; }
      setRuns([...get().runs, stateFromRecord(record)], id);
    },
    async renameInHistory(id, name) {
      await renameRun(id, name);
      get().renameRunInSession(id, name);
      await get().refreshHistory();
    },
    async deleteFromHistory(id) {
      await deleteRun(id);
      patchRun(id, { history: { status: 'unsaved', message: 'deleted from history' } });
      await get().refreshHistory();
    },
    evaluateImported(encoder, name) {
      const draft = get().draft;
      const { width, norm } = encoder.layout;
      const config: RunConfig = { ...draft, methodId: 'simclr', params: { ...defaultParams(METHOD_SPECS.simclr.params), width, norm }, maxSteps: 1 };
      enqueue([{ config, name, origin: 'imported', imported: encoder }], true);
    },
  };
});
