/** The comparison being planned, and what opening a shared link put in place. */
import type { AnyParamValues } from '../shared/params';
import type { RunConfig } from '../shared/config';
import type { DatasetRef, Experiment, PlannedRun } from '../experiment/types';
import type { Preset } from '../experiment/presets';
import type { SliceCreator } from './appState';
import { datasetRefOf } from './datasetRef';
import type { Text } from '../shared/text';

/** What opening a shared link found: fields that fell back, or why it could not be read (Texts: the page renders them with useText). */
export interface SharedLinkNotice {
  error: Text | string | null;
  problems: (Text | string)[];
  runs: number;
  dataset: DatasetRef | null;
}

/** What a preset replaced, kept until the next preset, an undo or a dismissal. */
export interface PresetUndo {
  /** The preset's id (its title in the reader's language: presetTitle(id)). */
  id: string;
  /** Its English title, as the preset defines it. */
  title: string;
  /** The setup panel and the plan before the preset. */
  draft: RunConfig;
  plan: PlannedRun[];
}

export interface PlanSlice {
  /** The comparison being planned: runs that share the draft's dataset, seed, budget and backend. */
  plan: PlannedRun[];
  sharedLink: SharedLinkNotice | null;
  addDraftToPlan(): void;
  removeFromPlan(index: number): void;
  editPlanned(index: number): void;
  clearPlan(): void;
  /** The draft's dataset, shared settings and the plan (or the draft alone when nothing is planned). */
  currentExperiment(): Experiment;
  /** Puts a decoded experiment in place: the draft takes the first run, the plan holds them all. */
  loadExperiment(experiment: Experiment, notice: SharedLinkNotice | null): void;
  /** A link that could not be read: the notice says why; nothing else changes. */
  loadExperimentError(error: Text | string): void;
  dismissSharedLink(): void;
  /** The last preset applied and what it replaced (the notice's Undo); null when there is nothing to undo. */
  presetUndo: PresetUndo | null;
  /** Loads a preset like a shared link, keeping the setup and plan it replaces for undoPreset. */
  applyPreset(preset: Preset): void;
  /** Puts back the setup panel and plan the last preset replaced. */
  undoPreset(): void;
  dismissPresetUndo(): void;
}

const planEntry = (config: RunConfig): PlannedRun => ({ methodId: config.methodId, params: structuredClone(config.params) as AnyParamValues });

export const createPlanSlice: SliceCreator<PlanSlice> = (set, get) => ({
  plan: [],
  sharedLink: null,
  addDraftToPlan: () => set((s) => ({ plan: [...s.plan, planEntry(s.draft)] })),
  removeFromPlan: (index) => set((s) => ({ plan: s.plan.filter((_, i) => i !== index) })),
  editPlanned(index) {
    const planned = get().plan[index];
    if (planned) set((s) => ({ draft: { ...s.draft, methodId: planned.methodId, params: structuredClone(planned.params) } }));
  },
  clearPlan: () => set({ plan: [] }),
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
  presetUndo: null,
  applyPreset(preset) {
    const { draft, plan } = get();
    get().loadExperiment(preset.experiment, null);
    set({ presetUndo: { id: preset.id, title: preset.title, draft: structuredClone(draft), plan: structuredClone(plan) } });
  },
  undoPreset() {
    const undo = get().presetUndo;
    if (undo) set({ draft: undo.draft, plan: undo.plan, presetUndo: null });
  },
  dismissPresetUndo: () => set({ presetUndo: null }),
});
