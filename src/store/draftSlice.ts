/** The setup panel's run configuration (the draft) and the preview of its batch. */
import { METHOD_SPECS, type MethodId } from '../methods/catalog';
import { carryOverParams, withParamChoice } from '../shared/params';
import { defaultRunConfig, type BackendPreference, type RunConfig, RUN_SETTINGS } from '../shared/config';
import type { Tier } from '../shared/tiers';
import type { Text } from '../shared/text';
import type { SliceCreator } from './appState';
import type { DraftPreview, WorkerPool } from './workerPool';
import { text } from '../shared/text';

export type { DraftPreview };
type RunSettingKey = keyof typeof RUN_SETTINGS;

export const NO_DRAFT_PREVIEW: DraftPreview = { status: 'idle', detail: '', panels: null };

export interface DraftSlice {
  draft: RunConfig;
  draftPreview: DraftPreview;
  /** Previews the draft's batch in a short-lived worker (replacing any earlier preview). */
  previewDraft(): void;
  setMethod(id: MethodId): void;
  setDataset(id: string): void;
  setParam(key: string, value: number | string | boolean): void;
  setRunSetting(key: RunSettingKey, value: number): void;
  setBackend(preference: BackendPreference): void;
  resetParams(): void;
  /** Whose defaults the draft starts from (shared/tiers.ts): 'cpu' until detectTier says otherwise. */
  tier: Tier;
  /** The adapter the tier was decided on, as the browser names it (or why there is none). */
  tierAdapter: string | Text;
  /** Sets the tier; a draft still at the old tier's defaults takes the new tier's. */
  setTier(tier: Tier, adapter: string | Text): void;
}

/** Whether the draft's params and budget are still a tier's defaults (nothing edited). */
function atTierDefaults(draft: RunConfig, tier: Tier): boolean {
  const d = defaultRunConfig(draft.methodId, draft.datasetId, tier);
  return draft.maxSteps === d.maxSteps && draft.evalEvery === d.evalEvery
    && Object.entries(d.params).every(([k, v]) => draft.params[k] === v);
}

export const createDraftSlice = (pool: WorkerPool): SliceCreator<DraftSlice> => (set, get) => ({
  draft: defaultRunConfig(),
  draftPreview: NO_DRAFT_PREVIEW,
  previewDraft() {
    const focusId = get().focusId;
    // The newest preview is the one shown: the focused run's gives way to the draft's.
    set((s) => ({
      draftPreview: { status: 'loading', detail: text('messages.worker.starting'), panels: null },
      runs: focusId ? s.runs.map((r) => (r.id === focusId ? { ...r, preview: null } : r)) : s.runs,
    }));
    pool.previewDraft(structuredClone(get().draft), (patch) => set((s) => ({ draftPreview: { ...s.draftPreview, ...patch } })));
  },
  /** Switches method keeping the params both methods share (carryOverParams). */
  setMethod: (id) => set((s) => ({
    draft: { ...s.draft, methodId: id, params: carryOverParams(METHOD_SPECS[s.draft.methodId].params, s.draft.params, METHOD_SPECS[id].params) },
  })),
  setDataset: (id) => set((s) => ({ draft: { ...s.draft, datasetId: id } })),
  setParam: (key, value) => set((s) => ({
    draft: { ...s.draft, params: withParamChoice(METHOD_SPECS[s.draft.methodId].params, s.draft.params, key, value) },
  })),
  setRunSetting: (key, value) => set((s) => ({ draft: { ...s.draft, [key]: value } })),
  setBackend: (backend) => set((s) => ({ draft: { ...s.draft, backend } })),
  resetParams: () => set((s) => ({ draft: { ...s.draft, params: defaultRunConfig(s.draft.methodId, s.draft.datasetId, s.tier).params } })),
  tier: 'cpu',
  tierAdapter: '',
  setTier: (tier, adapter) => set((s) => {
    if (!atTierDefaults(s.draft, s.tier)) return { tier, tierAdapter: adapter };
    const d = defaultRunConfig(s.draft.methodId, s.draft.datasetId, tier);
    return { tier, tierAdapter: adapter, draft: { ...s.draft, params: d.params, maxSteps: d.maxSteps, evalEvery: d.evalEvery } };
  }),
});
