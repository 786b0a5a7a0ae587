/**
 * The setup panel's time estimate and budget: step timings of setups (a probe's, cached per setup
 * key), the probe's progress, and this browser's budget preference (steps or minutes, kept in
 * localStorage: not part of the draft, an experiment or a share link). A minutes budget becomes
 * steps at Train (the run's config records steps, so it reproduces and its link carries them).
 */
import type { HistoryEntry } from '../history/historyDb';
import {
  costFromRuns, costFromTiming, PROBE_STEPS, setupKey, stepsForMinutes, type MeasuredRun, type StepCost, type StepTiming,
} from '../shared/estimate';
import type { RunConfig } from '../shared/config';
import { text } from '../shared/text';
import type { SliceCreator } from './appState';
import { evaluationShare } from './runRecords';
import { lastStep, type RunState } from './runState';
import type { StepProbe, WorkerPool } from './workerPool';

export type BudgetMode = 'steps' | 'minutes';
export interface BudgetPreference { mode: BudgetMode; minutes: number }

export const BUDGET_KEY = 'pretext-budget';
export const DEFAULT_BUDGET: BudgetPreference = { mode: 'steps', minutes: 2 };
/** The minutes a budget may ask for. */
export const BUDGET_MINUTES = { kind: 'number', label: 'Budget (minutes)', default: 2, min: 0.1, max: 600, step: 0.1 } as const;

export const NO_PROBE: StepProbe = { status: 'idle', key: '', detail: '' };

const storage = (): Storage | null => {
  try { return typeof localStorage === 'undefined' ? null : localStorage; } catch { return null; }
};

export function loadBudget(store = storage()): BudgetPreference {
  try {
    const raw = JSON.parse(store?.getItem(BUDGET_KEY) ?? 'null') as Partial<BudgetPreference> | null;
    const mode = raw?.mode === 'minutes' ? 'minutes' : 'steps';
    const m = raw?.minutes;
    const minutes = typeof m === 'number' && m >= BUDGET_MINUTES.min && m <= BUDGET_MINUTES.max ? m : DEFAULT_BUDGET.minutes;
    return { mode, minutes };
  } catch {
    return { ...DEFAULT_BUDGET };
  }
}

export function saveBudget(b: BudgetPreference, store = storage()): void {
  try { store?.setItem(BUDGET_KEY, JSON.stringify(b)); } catch { /* private mode, full: the preference lasts this page */ }
}

/** This session's runs and History's, as measured runs (a run in both counts once: the session's). */
export function measuredRuns(runs: readonly RunState[], entries: readonly HistoryEntry[]): MeasuredRun[] {
  const live = runs.map((r): MeasuredRun => ({
    name: r.name, config: r.config, backend: r.backend?.backend ?? null, msPerStep: r.msPerStep, evalMs: r.evals.map((e) => e.ms),
    baselineMs: r.baseline?.ms ?? 0, steps: lastStep(r), createdAt: r.createdAt,
  }));
  const ids = new Set(runs.map((r) => r.id));
  const kept = entries.filter((e) => !ids.has(e.id)).map((e): MeasuredRun => ({
    name: e.name, config: e.config, backend: e.backend, msPerStep: e.msPerStep, evalMs: e.evals.map((v) => v.ms),
    baselineMs: e.baseline?.ms ?? 0, steps: e.steps, createdAt: e.createdAt,
  }));
  return [...live, ...kept];
}

/** The share of wall time the newest run on the same dataset and backend spent evaluating (what a probe without an evaluation can say of it). */
function evalShareHint(draft: RunConfig, runs: readonly RunState[], entries: readonly HistoryEntry[]): number | null {
  const shares = [
    ...runs.filter((r) => r.config?.datasetId === draft.datasetId && r.config.backend === draft.backend && r.evals.length && lastStep(r) > 0)
      .map((r) => ({ at: r.createdAt, share: evaluationShare(r).share })),
    ...entries.filter((e) => e.config?.datasetId === draft.datasetId && e.config.backend === draft.backend && e.evals.length && e.wallMs > 0)
      .map((e) => ({ at: e.createdAt, share: Math.min(1, (e.evals.reduce((s, v) => s + v.ms, 0) + (e.baseline?.ms ?? 0)) / e.wallMs) })),
  ];
  return shares.length ? shares.reduce((a, b) => (b.at > a.at ? b : a)).share : null;
}

/** What the draft's run will cost: the newest measured run of its setup, else its cached probe; null when neither. */
export function draftCost(draft: RunConfig, runs: readonly RunState[], entries: readonly HistoryEntry[], timings: Readonly<Record<string, StepTiming>>): StepCost | null {
  const key = setupKey(draft);
  const measured = costFromRuns(key, measuredRuns(runs, entries));
  if (measured) return measured;
  const timing = timings[key];
  return timing ? costFromTiming(timing, evalShareHint(draft, runs, entries)) : null;
}

export interface EstimateSlice {
  /** Probe timings by setup key (this page session). */
  stepTimings: Record<string, StepTiming>;
  stepProbe: StepProbe;
  budget: BudgetPreference;
  setBudgetMode(mode: BudgetMode): void;
  setBudgetMinutes(minutes: number): void;
  /** Times a few steps of the draft in a worker and caches the timing under its setup key; null when it failed or was replaced. */
  timeDraftSteps(): Promise<StepTiming | null>;
  /** The draft's cost as the store knows it now (draftCost). */
  currentDraftCost(): StepCost | null;
  /**
   * Train: in steps mode the draft as it is; in minutes mode the steps that fit the budget
   * (timing the draft first when nothing measured it), written into the draft's step limit.
   */
  trainWithBudget(): Promise<void>;
}

export const createEstimateSlice = (pool: WorkerPool): SliceCreator<EstimateSlice> => (set, get) => ({
  stepTimings: {},
  stepProbe: NO_PROBE,
  budget: loadBudget(),
  setBudgetMode(mode) {
    set((s) => ({ budget: { ...s.budget, mode } }));
    saveBudget(get().budget);
  },
  setBudgetMinutes(minutes) {
    set((s) => ({ budget: { ...s.budget, minutes } }));
    if (minutes >= BUDGET_MINUTES.min && minutes <= BUDGET_MINUTES.max) saveBudget(get().budget);
  },
  timeDraftSteps() {
    const config = structuredClone(get().draft);
    const key = setupKey(config);
    set({ stepProbe: { status: 'timing', key, detail: text('setup.estimate.startingWorker') } });
    return new Promise((resolve) => {
      pool.timeSteps(config, PROBE_STEPS, (patch) => set((s) => (s.stepProbe.key === key ? { stepProbe: { ...s.stepProbe, ...patch } } : {})), (timing) => {
        if (timing) set((s) => ({ stepTimings: { ...s.stepTimings, [key]: timing }, stepProbe: NO_PROBE }));
        else set((s) => (s.stepProbe.key === key && s.stepProbe.status === 'timing' ? { stepProbe: NO_PROBE } : {}));
        resolve(timing);
      });
    });
  },
  currentDraftCost() {
    const s = get();
    return draftCost(s.draft, s.runs, s.history.entries, s.stepTimings);
  },
  async trainWithBudget() {
    const { budget } = get();
    if (budget.mode === 'steps') {
      pool.cancelStepTiming();
      get().start();
      return;
    }
    if (!(budget.minutes >= BUDGET_MINUTES.min && budget.minutes <= BUDGET_MINUTES.max)) return;
    let cost = get().currentDraftCost();
    if (!cost) {
      await get().timeDraftSteps();
      cost = get().currentDraftCost();
      if (!cost) return; // the probe failed (it says why) or was replaced
    }
    const maxSteps = stepsForMinutes(budget.minutes, cost, get().draft.evalEvery);
    set((s) => ({ draft: { ...s.draft, maxSteps } }));
    get().start({ minutes: budget.minutes });
  },
});
