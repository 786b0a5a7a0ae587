import { BACKEND_OPTIONS } from './backendOptions';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { METHOD_GROUPS, METHOD_SPECS, isMethodId, methodsInGroup } from '../methods/catalog';
import { BUILTIN_DATASETS } from '../data/catalog';
import { useDataStore } from '../store/dataStore';
import { PARAM_SECTIONS } from '../shared/paramGroups';
import { RUN_SETTINGS, type BackendPreference } from '../shared/config';
import { TIER_LABELS } from '../shared/tiers';
import { useAppStore } from '../store/runStore';
import { ParamControl, methodParamTexts } from './ParamControl';
import { BudgetEstimate } from './BudgetEstimate';
import { CHECKPOINT_SETTINGS } from '../checkpoint/types';
import { normGroupsText } from '../models/encoderLayout';
import { datasetDescription, datasetName, methodLabel, methodSummary } from '../i18n/content';
import { useText } from '../i18n/render';
import { checkpointSettingLabel, runSettingLabel } from './settingLabels';

/** The setup of the next run. Runs copy it when they start, so it stays editable while they train. */
export function ConfigPanel() {
  const { t } = useTranslation();
  const tx = useText();
  const draft = useAppStore((s) => s.draft);
  const tier = useAppStore((s) => s.tier);
  const tierAdapter = useAppStore((s) => s.tierAdapter);
  const { setMethod, setDataset, setParam, setRunSetting, setBackend, resetParams, setCheckpointSetting } = useAppStore.getState();
  const checkpoints = useAppStore((s) => s.checkpoints);
  const budgetMode = useAppStore((s) => s.budget.mode);
  const spec = METHOD_SPECS[draft.methodId];
  const method = methodLabel(draft.methodId);
  const datasetId = useId();
  const methodId = useId();
  const backendId = useId();
  const grouped = new Set(PARAM_SECTIONS.flatMap((s) => s.keys));
  const ownKeys = Object.keys(spec.params).filter((k) => !grouped.has(k));
  const userDatasets = useDataStore((s) => s.userDatasets);
  const builtin = BUILTIN_DATASETS.find((d) => d.id === draft.datasetId);
  const user = userDatasets.find((d) => d.id === draft.datasetId);
  const description = builtin ? datasetDescription(builtin.id)
    : user ? t('setup.config.droppedDescription', { source: tx(user.summary.source), fingerprint: user.summary.fingerprint.slice(0, 12) })
      : t('setup.config.notLoaded');

  /** The group count's control says what it means at the current width, and is off without group norm. */
  const normGroupsControl = (params: Record<string, unknown>): { note: string; disabled?: boolean } => {
    if (params.norm === 'none') return { note: t('setup.config.normGroupsUnused'), disabled: true };
    const meaning = normGroupsText(Number(params.width), Number(params.normGroups));
    return { note: meaning ? tx(meaning) : '' };
  };
  const param = (k: string, extra?: { note?: string; disabled?: boolean }) => (
    <ParamControl key={k} name={k} spec={spec.params[k as keyof typeof spec.params]} texts={methodParamTexts(draft.methodId, k)}
      value={draft.params[k]} onChange={(v) => setParam(k, v)} {...extra} />
  );

  return (
    <div className="config">
      <fieldset>
        <legend>{t('setup.config.dataAndMethod')}</legend>
        <div className="param">
          <label htmlFor={datasetId}>{t('setup.config.dataset')}</label>
          <select id={datasetId} data-testid="dataset-select" value={draft.datasetId} onChange={(e) => setDataset(e.target.value)}>
            <optgroup label={t('setup.config.builtIn')}>
              {BUILTIN_DATASETS.map((d) => <option key={d.id} value={d.id}>{datasetName(d.id)}</option>)}
            </optgroup>
            {userDatasets.length > 0 && (
              <optgroup label={t('setup.config.dropped')}>
                {userDatasets.map((d) => <option key={d.id} value={d.id}>{d.summary.name}</option>)}
              </optgroup>
            )}
            {!builtin && !user && <option value={draft.datasetId}>{t('setup.config.notLoadedOption', { id: draft.datasetId })}</option>}
          </select>
          <span className="param-paper">{description}</span>
        </div>
        <div className="param">
          <label htmlFor={methodId}>{t('setup.config.method')}</label>
          <select id={methodId} data-testid="method-select" value={draft.methodId} onChange={(e) => isMethodId(e.target.value) && setMethod(e.target.value)}>
            {METHOD_GROUPS.map((group) => methodsInGroup(group)).map((ids, g) => ids.length > 0 && (
              <optgroup key={METHOD_GROUPS[g]} label={t(`setup.config.${METHOD_GROUPS[g]}Methods`)}>
                {ids.map((id) => <option key={id} value={id}>{methodLabel(id)}</option>)}
              </optgroup>
            ))}
          </select>
          <span className="param-paper">
            {methodSummary(draft.methodId)}{' '}
            <a href={spec.paper.url} target="_blank" rel="noreferrer noopener">{t('setup.config.paperLink', { authors: spec.paper.authors, venue: spec.paper.venue })}</a>
          </span>
        </div>
      </fieldset>

      {ownKeys.length > 0 && (
        <fieldset>
          <legend>{method}</legend>
          {ownKeys.map((k) => param(k))}
        </fieldset>
      )}

      {PARAM_SECTIONS.map((section) => {
        const keys = section.keys.filter((k) => k in spec.params);
        if (keys.length === 0) return null;
        return (
          <fieldset key={section.id}>
            <legend>{t(`setup.sections.${section.id}`)}</legend>
            {keys.map((k) => param(k, k === 'normGroups' ? normGroupsControl(draft.params) : undefined))}
          </fieldset>
        );
      })}

      <fieldset>
        <legend>{t('setup.config.run')}</legend>
        {(Object.keys(RUN_SETTINGS) as (keyof typeof RUN_SETTINGS)[]).map((k) => (
          <ParamControl key={k} name={k} spec={RUN_SETTINGS[k]} texts={{ label: runSettingLabel(k) }} value={draft[k]} onChange={(v) => setRunSetting(k, Number(v))}
            {...(k === 'maxSteps' && budgetMode === 'minutes' && { disabled: true, note: t('setup.config.stepsFromBudget') })} />
        ))}
        <BudgetEstimate />
        {/* This browser's setting, not the experiment's: checkpoints do not change what a run computes. */}
        <fieldset className="checkpoint-settings" data-testid="checkpoint-settings">
          <legend>{t('setup.config.checkpoints')}</legend>
          {(Object.keys(CHECKPOINT_SETTINGS) as (keyof typeof CHECKPOINT_SETTINGS)[]).map((k) => (
            <ParamControl key={k} name={`checkpoint-${k}`} spec={CHECKPOINT_SETTINGS[k]} texts={{ label: checkpointSettingLabel(k) }} value={checkpoints[k]}
              onChange={(v) => setCheckpointSetting(k, Number(v))} />
          ))}
        </fieldset>
        <div className="param">
          <label htmlFor={backendId}>{t('setup.config.backend')}</label>
          <select id={backendId} data-testid="backend-select" value={draft.backend} onChange={(e) => setBackend(e.target.value as BackendPreference)}>
            {BACKEND_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <p className="param-help" data-testid="tier-note">
          {tierAdapter
            ? t('setup.config.tierNoteAdapter', { tier: tx(TIER_LABELS[tier]), adapter: tx(tierAdapter) })
            : t('setup.config.tierNote', { tier: tx(TIER_LABELS[tier]) })}
        </p>
        <button type="button" className="secondary" onClick={resetParams}>{t('setup.config.reset', { method })}</button>
      </fieldset>
    </div>
  );
}
