/**
 * Setting up a comparison: the planned runs (each a method and its params; dataset, seed, steps
 * and backend come from the setup panel), the concurrency limit, presets and the share link.
 */
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { nameAmong } from '../../experiment/runName';
import { experimentUrl } from '../../experiment/shareLink';
import { PRESETS } from '../../experiment/presets';
import { PresetUndoNotice } from '../PresetUndoNotice';
import { useAppStore } from '../../store/runStore';
import { MAX_CONCURRENT } from '../../store/runQueue';
import { datasetRefOf } from '../../store/runStore';
import { useDatasetCheck } from './datasetCheck';
import { useText } from '../../i18n/render';
import { datasetName, methodLabel, presetFinding, presetTitle } from '../../i18n/content';
import { formatInteger } from '../../i18n/format';

/** The page's address without its fragment: the base of a share link. */
const pageBase = () => window.location.href.split('#')[0];

export function ComparisonPlanner({ onRun }: { onRun: () => void }) {
  const { t } = useTranslation();
  const tx = useText();
  const plan = useAppStore((s) => s.plan);
  const draft = useAppStore((s) => s.draft);
  const maxConcurrent = useAppStore((s) => s.maxConcurrent);
  const { addDraftToPlan, removeFromPlan, editPlanned, clearPlan, runPlan, setMaxConcurrent, currentExperiment, applyPreset } = useAppStore.getState();
  const [link, setLink] = useState('');
  const [copied, setCopied] = useState<{ ok: true; chars: number } | { ok: false } | null>(null);
  const concurrencyId = useId();
  const linkId = useId();
  const dataset = datasetRefOf(draft.datasetId);
  // A shared link's dropped dataset must be here, with the same fingerprint, before its runs start.
  const check = useDatasetCheck(useAppStore((s) => s.sharedLink?.dataset ?? null));
  const blocked = check !== null && !check.ok;

  const copyLink = async () => {
    const url = experimentUrl(pageBase(), currentExperiment());
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied({ ok: true, chars: url.length });
    } catch {
      setCopied({ ok: false });
    }
  };

  return (
    <section className="planner" aria-label={t('compare.planner.aria')}>
      <h2>{t('compare.planner.title')}</h2>
      <p className="muted">
        <Trans i18nKey="compare.planner.intro" components={{ strong: <strong /> }}
          values={{ datasetName: datasetName(draft.datasetId, dataset.name), seed: draft.seed, steps: formatInteger(draft.maxSteps), backend: draft.backend }} />
      </p>
      {plan.length === 0 ? <p className="muted" data-testid="plan-empty">{t('compare.planner.empty')}</p> : (
        <ol className="plan-list" data-testid="plan-list">
          {plan.map((p, i) => (
            <li key={i} data-testid="plan-item">
              <span>{nameAmong({ ...draft, methodId: p.methodId, params: p.params }, plan.filter((_, j) => j !== i).map((o) => ({ ...draft, methodId: o.methodId, params: o.params })))}</span>
              <button type="button" className="secondary small" onClick={() => editPlanned(i)} title={t('compare.planner.editTitle')}>{t('compare.planner.edit')}</button>
              <button type="button" className="secondary small" onClick={() => removeFromPlan(i)} aria-label={t('compare.planner.removeAria', { method: methodLabel(p.methodId), n: i + 1 })}>{t('compare.planner.remove')}</button>
            </li>
          ))}
        </ol>
      )}
      <div className="planner-actions">
        <button type="button" className="secondary" onClick={addDraftToPlan} data-testid="add-to-plan">{t('compare.planner.add')}</button>
        <button type="button" onClick={() => { runPlan(); useAppStore.getState().dismissSharedLink(); onRun(); }} disabled={plan.length === 0 || blocked} title={blocked ? tx(check.message) : undefined} data-testid="run-plan">{t('compare.planner.runAll', { n: plan.length || '' })}</button>
        <button type="button" className="secondary" onClick={clearPlan} disabled={plan.length === 0}>{t('compare.planner.clear')}</button>
        <label htmlFor={concurrencyId}>{t('compare.planner.maxConcurrent')}</label>
        <input id={concurrencyId} type="number" min={MAX_CONCURRENT.min} max={MAX_CONCURRENT.max} value={maxConcurrent} data-testid="max-concurrent"
          onChange={(e) => { const n = Number(e.target.value); if (Number.isFinite(n) && e.target.value !== '') setMaxConcurrent(n); }} />
      </div>
      <div className="share">
        <button type="button" className="secondary" onClick={() => void copyLink()} data-testid="copy-link">{t('compare.planner.copyLink')}</button>
        <span className="muted" role="status" data-testid="copy-status">
          {copied && (copied.ok ? t('compare.planner.copied', { chars: formatInteger(copied.chars) }) : t('compare.planner.copyRefused'))}
        </span>
        {link && (
          <>
            <label htmlFor={linkId} className="visually-hidden">{t('compare.planner.linkLabel')}</label>
            <input id={linkId} className="share-link" readOnly value={link} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
          </>
        )}
      </div>
      <div className="presets">
        <h3>{t('compare.planner.presetsTitle')}</h3>
        <PresetUndoNotice />
        <ul>
          {PRESETS.map((p) => (
            <li key={p.id}>
              <button type="button" className="secondary small" data-testid={`preset-${p.id}`}
                onClick={() => applyPreset(p)}>
                {presetTitle(p.id)}
              </button>{' '}
              <span className="muted">
                {t('compare.planner.presetLine', {
                  runs: p.experiment.runs.length, datasetName: datasetName(p.experiment.dataset.id, p.experiment.dataset.name),
                  steps: formatInteger(p.experiment.settings.maxSteps), finding: presetFinding(p.id),
                })}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
