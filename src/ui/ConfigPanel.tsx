import { BACKEND_OPTIONS } from './backendOptions';
import { useId } from 'react';
import { METHOD_IDS, METHOD_SPECS, isMethodId, needsVideo } from '../methods/catalog';
import { BUILTIN_DATASETS } from '../data/catalog';
import { useDataStore } from '../store/dataStore';
import { PARAM_SECTIONS } from '../shared/paramGroups';
import { RUN_SETTINGS, type BackendPreference } from '../shared/config';
import { TIER_LABELS } from '../shared/tiers';
import { useAppStore } from '../store/runStore';
import { ParamControl } from './ParamControl';
import { BudgetEstimate } from './BudgetEstimate';
import { CHECKPOINT_SETTINGS } from '../checkpoint/types';
import { normGroupsText } from '../models/encoderLayout';

/** The group count's control says what it means at the current width, and is off without group norm. */
function normGroupsControl(params: Record<string, unknown>): { note: string; disabled?: boolean } {
  if (params.norm === 'none') return { note: 'Not used: the encoder has no normalisation (norm is none).', disabled: true };
  return { note: normGroupsText(Number(params.width), Number(params.normGroups)) };
}

/** The setup of the next run. Runs copy it when they start, so it stays editable while they train. */
export function ConfigPanel() {
  const draft = useAppStore((s) => s.draft);
  const tier = useAppStore((s) => s.tier);
  const tierAdapter = useAppStore((s) => s.tierAdapter);
  const { setMethod, setDataset, setParam, setRunSetting, setBackend, resetParams, setCheckpointSetting } = useAppStore.getState();
  const checkpoints = useAppStore((s) => s.checkpoints);
  const budgetMode = useAppStore((s) => s.budget.mode);
  const spec = METHOD_SPECS[draft.methodId];
  const datasetId = useId();
  const methodId = useId();
  const backendId = useId();
  const grouped = new Set(PARAM_SECTIONS.flatMap((s) => s.keys));
  const ownKeys = Object.keys(spec.params).filter((k) => !grouped.has(k));
  const userDatasets = useDataStore((s) => s.userDatasets);
  const builtin = BUILTIN_DATASETS.find((d) => d.id === draft.datasetId);
  const user = userDatasets.find((d) => d.id === draft.datasetId);
  const description = builtin?.description ?? (user ? `${user.summary.source}. Fingerprint ${user.summary.fingerprint.slice(0, 12)}.` : 'This dataset is not loaded in this browser: drop its files again.');

  return (
    <div className="config">
      <fieldset>
        <legend>Data and method</legend>
        <div className="param">
          <label htmlFor={datasetId}>Dataset</label>
          <select id={datasetId} data-testid="dataset-select" value={draft.datasetId} onChange={(e) => setDataset(e.target.value)}>
            <optgroup label="Built in">
              {BUILTIN_DATASETS.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </optgroup>
            {userDatasets.length > 0 && (
              <optgroup label="Dropped (kept in this browser)">
                {userDatasets.map((d) => <option key={d.id} value={d.id}>{d.summary.name}</option>)}
              </optgroup>
            )}
            {!builtin && !user && <option value={draft.datasetId}>{draft.datasetId} (not loaded)</option>}
          </select>
          <span className="param-paper">{description}</span>
        </div>
        <div className="param">
          <label htmlFor={methodId}>Method</label>
          <select id={methodId} data-testid="method-select" value={draft.methodId} onChange={(e) => isMethodId(e.target.value) && setMethod(e.target.value)}>
            <optgroup label="Image methods">
              {METHOD_IDS.filter((id) => !needsVideo(id)).map((id) => <option key={id} value={id}>{METHOD_SPECS[id].label}</option>)}
            </optgroup>
            <optgroup label="Video methods (need a video dataset)">
              {METHOD_IDS.filter(needsVideo).map((id) => <option key={id} value={id}>{METHOD_SPECS[id].label}</option>)}
            </optgroup>
          </select>
          <span className="param-paper">
            {spec.summary} <a href={spec.paper.url} target="_blank" rel="noreferrer noopener">{spec.paper.authors}, {spec.paper.venue}</a>
          </span>
        </div>
      </fieldset>

      {ownKeys.length > 0 && (
        <fieldset>
          <legend>{spec.label}</legend>
          {ownKeys.map((k) => (
            <ParamControl key={k} name={k} spec={spec.params[k as keyof typeof spec.params]} value={draft.params[k]} onChange={(v) => setParam(k, v)} />
          ))}
        </fieldset>
      )}

      {PARAM_SECTIONS.map((section) => {
        const keys = section.keys.filter((k) => k in spec.params);
        if (keys.length === 0) return null;
        return (
          <fieldset key={section.title}>
            <legend>{section.title}</legend>
            {keys.map((k) => (
              <ParamControl key={k} name={k} spec={spec.params[k as keyof typeof spec.params]} value={draft.params[k]} onChange={(v) => setParam(k, v)}
                {...(k === 'normGroups' && normGroupsControl(draft.params))} />
            ))}
          </fieldset>
        );
      })}

      <fieldset>
        <legend>Run</legend>
        {(Object.keys(RUN_SETTINGS) as (keyof typeof RUN_SETTINGS)[]).map((k) => (
          <ParamControl key={k} name={k} spec={RUN_SETTINGS[k]} value={draft[k]} onChange={(v) => setRunSetting(k, Number(v))}
            {...(k === 'maxSteps' && budgetMode === 'minutes' && { disabled: true, note: 'Set at Train from the budget in minutes.' })} />
        ))}
        <BudgetEstimate />
        {/* This browser's setting, not the experiment's: checkpoints do not change what a run computes. */}
        <fieldset className="checkpoint-settings" data-testid="checkpoint-settings">
          <legend>Checkpoints (kept in this browser, not part of the experiment or its link)</legend>
          {(Object.keys(CHECKPOINT_SETTINGS) as (keyof typeof CHECKPOINT_SETTINGS)[]).map((k) => (
            <ParamControl key={k} name={`checkpoint-${k}`} spec={CHECKPOINT_SETTINGS[k]} value={checkpoints[k]} onChange={(v) => setCheckpointSetting(k, Number(v))} />
          ))}
        </fieldset>
        <div className="param">
          <label htmlFor={backendId}>Backend</label>
          <select id={backendId} data-testid="backend-select" value={draft.backend} onChange={(e) => setBackend(e.target.value as BackendPreference)}>
            {BACKEND_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <p className="param-help" data-testid="tier-note">Defaults are tuned for {TIER_LABELS[tier]}{tierAdapter ? ` (${tierAdapter})` : ''}.</p>
        <button type="button" className="secondary" onClick={resetParams}>Reset {spec.label} params to defaults</button>
      </fieldset>
    </div>
  );
}
