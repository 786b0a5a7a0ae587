/**
 * The app's state: the draft run configuration and the current run's progress. Worker messages
 * land in a buffer that is flushed into the store at most FLUSH_MS apart.
 */
import { create } from 'zustand';
import { TrainingClient } from '../client/trainingClient';
import { METHOD_SPECS, type MethodId } from '../methods/catalog';
import { defaultParams, withParamChoice } from '../shared/params';
import { defaultRunConfig, type BackendPreference, type RunConfig, RUN_SETTINGS } from '../shared/config';
import type { BackendInfo, RunDataset, FromWorker, PreviewPanelMessage, RunPhase } from '../shared/protocol';
import type { ParamIssue } from '../shared/params';
import type { BaselineResult, MapPoints } from '../eval/types';
import { memoryDataset } from './dataStore';
import { rowsToPoints, type MetricPoint } from './metricsBuffer';

export const FLUSH_MS = 250;

import type { EvalPoint } from '../eval/types';
export type { EvalPoint };

/** The newest held-out embeddings: the map lays them out and answers nearest-neighbour clicks from them. */
export interface LatestEmbeddings {
  step: number;
  dim: number;
  /** [count * dim], in mapPoints order. */
  data: Float32Array;
}

export interface RunState {
  phase: RunPhase | 'idle';
  detail: string;
  config: RunConfig | null;
  backend: BackendInfo | null;
  dataset: RunDataset | null;
  metricNames: string[];
  points: MetricPoint[];
  evals: EvalPoint[];
  baseline: BaselineResult | null;
  mapPoints: MapPoints | null;
  embeddings: LatestEmbeddings | null;
  preview: PreviewPanelMessage[] | null;
  paramIssues: ParamIssue[];
  /** What the run does differently from what was asked (e.g. no labels, no kNN). */
  notices: string[];
  error: string | null;
  msPerStep: number;
  imagesPerSecond: number;
  numTensors: number;
  startedAt: number;
  endedAt: number;
}

const idleRun = (): RunState => ({
  phase: 'idle', detail: '', config: null, backend: null, dataset: null, metricNames: [], points: [], evals: [], baseline: null, mapPoints: null, embeddings: null,
  preview: null, paramIssues: [], notices: [], error: null, msPerStep: 0, imagesPerSecond: 0, numTensors: 0, startedAt: 0, endedAt: 0,
});

type RunSettingKey = keyof typeof RUN_SETTINGS;

/** A preview of the draft config's batch, made by a short-lived worker before training. */
export interface DraftPreview {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  detail: string;
  panels: PreviewPanelMessage[] | null;
}

export interface AppState {
  draft: RunConfig;
  run: RunState;
  draftPreview: DraftPreview;
  previewDraft(): void;
  setMethod(id: MethodId): void;
  setDataset(id: string): void;
  setParam(key: string, value: number | string | boolean): void;
  setRunSetting(key: RunSettingKey, value: number): void;
  setBackend(preference: BackendPreference): void;
  resetParams(): void;
  start(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  refreshPreview(): void;
}

export const isActive = (phase: RunState['phase']) =>
  phase === 'starting' || phase === 'loading-data' || phase === 'building' || phase === 'training' || phase === 'paused';

let client: TrainingClient | null = null;
let previewClient: TrainingClient | null = null;
let pending: { points: MetricPoint[]; last?: Extract<FromWorker, { type: 'metrics' }> } = { points: [] };
let flushTimer: ReturnType<typeof setInterval> | null = null;

export const useAppStore = create<AppState>()((set, get) => {
  const patchRun = (patch: Partial<RunState>) => set((s) => ({ run: { ...s.run, ...patch } }));

  const flush = () => {
    if (pending.points.length === 0) return;
    const { points, last } = pending;
    pending = { points: [] };
    set((s) => ({
      run: {
        ...s.run,
        points: s.run.points.concat(points),
        msPerStep: last?.msPerStep ?? s.run.msPerStep,
        imagesPerSecond: last?.imagesPerSecond ?? s.run.imagesPerSecond,
        numTensors: last?.numTensors ?? s.run.numTensors,
      },
    }));
  };

  const handle = (m: FromWorker) => {
    switch (m.type) {
      case 'phase':
        flush(); // the points that came before a phase change belong before it on screen
        patchRun({ phase: m.phase, detail: m.detail ?? '' });
        break;
      case 'backend':
        patchRun({ backend: m.info });
        break;
      case 'dataset':
        patchRun({ dataset: m.summary });
        break;
      case 'paramIssues':
        patchRun({ paramIssues: m.issues });
        break;
      case 'notice':
        patchRun({ notices: [...get().run.notices, m.message] });
        break;
      case 'metrics':
        pending.points.push(...rowsToPoints(m.names, m.firstStep, m.rows, m.values));
        pending.last = m;
        if (get().run.metricNames.length === 0) patchRun({ metricNames: m.names });
        break;
      case 'evaluation': {
        flush();
        const { type: _type, embeddings, ...point } = m;
        patchRun({ evals: [...get().run.evals, point], embeddings: { step: m.step, dim: m.dim, data: embeddings } });
        break;
      }
      case 'baseline': {
        const { type: _type, ...baseline } = m;
        patchRun({ baseline });
        break;
      }
      case 'mapPoints':
        patchRun({ mapPoints: m.points });
        break;
      case 'preview':
        patchRun({ preview: m.panels });
        break;
      case 'ended':
        flush();
        if (flushTimer) clearInterval(flushTimer);
        flushTimer = null;
        patchRun({ phase: m.reason, error: m.message ?? null, endedAt: performance.now() });
        client?.terminate();
        client = null;
        break;
    }
  };

  return {
    draft: defaultRunConfig(),
    run: idleRun(),
    draftPreview: { status: 'idle', detail: '', panels: null },
    previewDraft() {
      previewClient?.terminate();
      const setPreview = (patch: Partial<DraftPreview>) => set((s) => ({ draftPreview: { ...s.draftPreview, ...patch } }));
      setPreview({ status: 'loading', detail: 'starting a worker', panels: null });
      set((s) => ({ run: { ...s.run, preview: null } })); // the newest preview is the one shown
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
      own.previewOnly(draft, memoryDataset(draft.datasetId));
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
      if (client) client.terminate();
      previewClient?.terminate();
      previewClient = null;
      pending = { points: [] };
      const config = structuredClone(get().draft);
      set({ run: { ...idleRun(), phase: 'starting', config, startedAt: performance.now() }, draftPreview: { status: 'idle', detail: '', panels: null } });
      client = new TrainingClient(handle);
      client.start(config, memoryDataset(config.datasetId));
      if (flushTimer) clearInterval(flushTimer);
      flushTimer = setInterval(flush, FLUSH_MS);
    },
    pause: () => client?.pause(),
    resume: () => client?.resume(),
    stop() {
      const phase = get().run.phase;
      if (phase === 'starting' || phase === 'loading-data' || phase === 'building') {
        // The worker has no loop to stop yet: end it here.
        handle({ type: 'ended', reason: 'stopped', steps: 0, message: undefined });
        return;
      }
      client?.stop();
    },
    refreshPreview: () => client?.requestPreview(),
  };
});
