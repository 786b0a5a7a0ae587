/**
 * Setting up a comparison: the planned runs (each a method and its params; dataset, seed, steps
 * and backend come from the setup panel), the concurrency limit, presets and the share link.
 */
import { useId, useState } from 'react';
import { METHOD_SPECS } from '../../methods/catalog';
import { nameAmong } from '../../experiment/runName';
import { experimentUrl } from '../../experiment/shareLink';
import { PRESETS } from '../../experiment/presets';
import { PresetUndoNotice } from '../PresetUndoNotice';
import { useAppStore } from '../../store/runStore';
import { MAX_CONCURRENT } from '../../store/runQueue';
import { datasetRefOf } from '../../store/runStore';
import { useDatasetCheck } from './datasetCheck';

/** The page's address without its fragment: the base of a share link. */
const pageBase = () => window.location.href.split('#')[0];

export function ComparisonPlanner({ onRun }: { onRun: () => void }) {
  const plan = useAppStore((s) => s.plan);
  const draft = useAppStore((s) => s.draft);
  const maxConcurrent = useAppStore((s) => s.maxConcurrent);
  const { addDraftToPlan, removeFromPlan, editPlanned, clearPlan, runPlan, setMaxConcurrent, currentExperiment, applyPreset } = useAppStore.getState();
  const [link, setLink] = useState('');
  const [copyStatus, setCopyStatus] = useState('');
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
      setCopyStatus(`Copied (${url.length} characters).`);
    } catch {
      setCopyStatus('The browser did not allow copying: select the link below and copy it.');
    }
  };

  return (
    <section className="planner" aria-label="Comparison setup">
      <h2>Comparison</h2>
      <p className="muted">
        Runs share the setup panel's dataset (<strong>{dataset.name}</strong>), seed {draft.seed}, {draft.maxSteps} steps and backend {draft.backend}. Add the current method and params with “Add to comparison”, change them, add again.
      </p>
      {plan.length === 0 ? <p className="muted" data-testid="plan-empty">No runs planned yet.</p> : (
        <ol className="plan-list" data-testid="plan-list">
          {plan.map((p, i) => (
            <li key={i} data-testid="plan-item">
              <span>{nameAmong({ ...draft, methodId: p.methodId, params: p.params }, plan.filter((_, j) => j !== i).map((o) => ({ ...draft, methodId: o.methodId, params: o.params })))}</span>
              <button type="button" className="secondary small" onClick={() => editPlanned(i)} title="Load into the setup panel">Edit</button>
              <button type="button" className="secondary small" onClick={() => removeFromPlan(i)} aria-label={`Remove ${METHOD_SPECS[p.methodId].label} run ${i + 1}`}>Remove</button>
            </li>
          ))}
        </ol>
      )}
      <div className="planner-actions">
        <button type="button" className="secondary" onClick={addDraftToPlan} data-testid="add-to-plan">Add current setup</button>
        <button type="button" onClick={() => { runPlan(); useAppStore.getState().dismissSharedLink(); onRun(); }} disabled={plan.length === 0 || blocked} title={blocked ? check.message : undefined} data-testid="run-plan">Run all {plan.length || ''}</button>
        <button type="button" className="secondary" onClick={clearPlan} disabled={plan.length === 0}>Clear</button>
        <label htmlFor={concurrencyId}>Max concurrent runs</label>
        <input id={concurrencyId} type="number" min={MAX_CONCURRENT.min} max={MAX_CONCURRENT.max} value={maxConcurrent} data-testid="max-concurrent"
          onChange={(e) => { const n = Number(e.target.value); if (Number.isFinite(n) && e.target.value !== '') setMaxConcurrent(n); }} />
      </div>
      <div className="share">
        <button type="button" className="secondary" onClick={() => void copyLink()} data-testid="copy-link">Copy link</button>
        <span className="muted" role="status" data-testid="copy-status">{copyStatus}</span>
        {link && (
          <>
            <label htmlFor={linkId} className="visually-hidden">Experiment link</label>
            <input id={linkId} className="share-link" readOnly value={link} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
          </>
        )}
      </div>
      <div className="presets">
        <h3>Presets: published findings at small scale</h3>
        <PresetUndoNotice />
        <ul>
          {PRESETS.map((p) => (
            <li key={p.id}>
              <button type="button" className="secondary small" data-testid={`preset-${p.id}`}
                onClick={() => applyPreset(p)}>
                {p.title}
              </button>{' '}
              <span className="muted">{p.experiment.runs.length} runs on {p.experiment.dataset.name}, {p.experiment.settings.maxSteps} steps. {p.finding}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
