import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatFixed, formatInteger } from '../i18n/format';
import { i18n } from '../i18n/i18n';
import { renderText, useText } from '../i18n/render';
import type { Text } from '../shared/text';
import { METHOD_SPECS } from '../methods/catalog';
import { datasetProblem } from '../methods/requirements';
import { RUN_SETTINGS } from '../shared/config';
import { isActive, useAppStore, useFocusedRun } from '../store/runStore';
import { methodParamTexts, paramProblems } from './ParamControl';
import { budgetMinutesLabel, runSettingLabel } from './settingLabels';
import { useDataStore } from '../store/dataStore';
import { draftDatasetTraits } from './draftDatasetTraits';
import { dataLimitProblems } from '../shared/dataLimits';
import { minutesText } from '../shared/estimate';
import { BUDGET_MINUTES } from '../store/estimateSlice';
import { isEvaluating } from '../shared/protocol';

/** The status line's words for a phase (its catalog key), the phase itself when the catalog has none. */
function phaseText(phase: string, form: 'phase' | 'phaseShort' = 'phase'): string {
  const key = `app.run.${form}.${phase}`;
  return i18n.exists(key) ? i18n.t(key) : phase;
}

/**
 * "Last checkpoint: step 50 (0.4 MB)". Step numbers stay ungrouped, here and in the status line,
 * as the Steps input and its range write them (and the e2e tests read them).
 */
export function checkpointText(c: { step: number; bytes: number }): string {
  return i18n.t('app.run.checkpoint', { step: c.step, mb: formatFixed(c.bytes / 2 ** 20, 1) });
}

/**
 * The write's time, for the tooltip: it runs while training goes on, so it is mostly the steps
 * taken meanwhile, not what the checkpoint cost (docs/benchmarks.md); unknown for one found after a reload.
 */
export function checkpointTitle(c: { ms: number }): string {
  return c.ms > 0 ? i18n.t('app.run.checkpointWritten', { seconds: formatFixed(c.ms / 1000, 1) }) : i18n.t('app.run.checkpointKept');
}

/**
 * The status line's main text, and whether it already says the detail. While training, and while
 * an imported encoder is evaluated before any step, the detail is what the run is doing.
 * The detail is a message from the worker (a Text, or a plain string), shown in the current
 * language; which kind of detail it is reads from its English.
 */
export function statusText(
  phase: string, detail: Text | string, continues = false,
  tx: (x: Text | string) => string = (x) => renderText(i18n.t.bind(i18n) as TFunction, x),
): { text: string; saysDetail: boolean } {
  if (continues && phase === 'queued') return { text: i18n.t('app.run.queuedToResume'), saysDetail: false };
  if (detail && (phase === 'training' || (phase === 'building' && isEvaluating(detail)))) {
    const shown = tx(detail);
    return { text: `${shown[0].toUpperCase()}${shown.slice(1)} …`, saysDetail: true };
  }
  return { text: phaseText(phase), saysDetail: false };
}

export function RunControls() {
  const { t } = useTranslation();
  const tx = useText();
  const draft = useAppStore((s) => s.draft);
  const run = useFocusedRun();
  const lastStep = run.points.length ? run.points[run.points.length - 1].step : 0;
  const { trainWithBudget, pause, resume, stop, addDraftToPlan, focus } = useAppStore.getState();
  const budgetMode = useAppStore((s) => s.budget.mode);
  const budgetMinutes = useAppStore((s) => s.budget.minutes);
  // A minutes budget pressed before any estimate times the steps first: Train waits for it.
  const timingForTrain = useAppStore((s) => s.stepProbe.status === 'timing') && budgetMode === 'minutes';
  const train = () => void trainWithBudget();
  const runs = useAppStore((s) => s.runs);
  const planned = useAppStore((s) => s.plan.length);
  const busy = runs.filter((r) => isActive(r.phase)).length;
  const active = isActive(run.phase);
  const status = statusText(run.phase, run.detail, run.continues, tx);
  const userDataset = useDataStore((s) => s.userDatasets.find((d) => d.id === draft.datasetId));
  const builtinSummary = useDataStore((s) => s.builtins[draft.datasetId]?.summary);
  const spec = METHOD_SPECS[draft.methodId];
  const traits = draftDatasetTraits(draft.datasetId, userDataset?.summary);
  const datasetIssue = traits && datasetProblem(draft.methodId, traits);
  // Settings the draft's dataset is too small for, once its summary is known.
  const summary = userDataset?.summary ?? builtinSummary;
  const limits = summary ? dataLimitProblems(draft, summary) : [];
  const problems = [
    ...(datasetIssue ? [datasetIssue] : []),
    ...limits,
    ...paramProblems(spec.params, draft.params, (k) => methodParamTexts(draft.methodId, k).label),
    ...paramProblems(RUN_SETTINGS, draft as unknown as Record<string, unknown>, runSettingLabel),
    ...(budgetMode === 'minutes' ? paramProblems({ budgetMinutes: BUDGET_MINUTES }, { budgetMinutes: budgetMinutes }, budgetMinutesLabel) : []),
  ];
  // An imported encoder's run trains no steps.
  const maxSteps = run.imported ? 0 : run.config?.maxSteps ?? draft.maxSteps;
  const progress = maxSteps ? lastStep / maxSteps : 0;
  const preparing = run.phase === 'starting' || run.phase === 'loading-data' || run.phase === 'building';

  return (
    <div className="run-controls">
      <div className="buttons">
        {active ? (
          <>
            {/* While the shown run is active the main buttons act on it; another run is an explicit choice. */}
            {run.phase === 'paused' ? (
              <button type="button" data-testid="resume-button" onClick={resume}>{t('app.run.resume')}</button>
            ) : (
              <button type="button" data-testid="pause-button" onClick={pause} disabled={run.phase !== 'training'}>{t('app.run.pause')}</button>
            )}
            <button type="button" data-testid="stop-button" className="danger" onClick={stop}>{t('app.run.stop')}</button>
            <button type="button" className="secondary" data-testid="train-another" onClick={train} disabled={problems.length > 0 || timingForTrain}
              title={t('app.run.trainAnotherTitle')}>{t('app.run.trainAnother')}</button>
          </>
        ) : (
          <button type="button" data-testid="train-button" onClick={train} disabled={problems.length > 0 || timingForTrain}
            title={busy > 0 ? t('app.run.trainTitle') : undefined}>{timingForTrain ? t('app.run.timingSteps') : t('app.run.train')}</button>
        )}
        <button type="button" className="secondary" data-testid="add-to-comparison" onClick={addDraftToPlan} disabled={problems.length > 0}
          title={t('app.run.addToComparisonTitle')}>{t('app.run.addToComparison')}{planned ? ` (${planned})` : ''}</button>
      </div>
      <div className="progress-block">
        {runs.length > 1 && (
          <label className="run-picker">
            {t('app.run.showing')}{' '}
            <select data-testid="run-picker" value={run.id} onChange={(e) => focus(e.target.value)}>
              {runs.map((r) => <option key={r.id} value={r.id}>{r.name} · {phaseText(r.phase, 'phaseShort')}</option>)}
            </select>
            {busy > 0 && <span className="muted"> · {t('app.run.busy', { count: busy })}</span>}
          </label>
        )}
        <div className="status-line" role="status" aria-live="polite">
          <span data-testid="run-phase" data-phase={run.phase}>{status.text}</span>
          {run.detail && run.phase !== 'failed' && !status.saysDetail && <span className="muted"> · {tx(run.detail)}</span>}
          <span data-testid="step-counter" data-step={lastStep}> · {t('app.run.stepCounter', { step: lastStep, max: maxSteps })}</span>
          {run.budget && run.config && <span className="muted" data-testid="run-budget" data-steps={run.config.maxSteps}> · {t('app.run.budget', { steps: run.config.maxSteps, minutes: tx(minutesText(run.budget.minutes)) })}</span>}
          {run.msPerStep > 0 && (
            <span className="muted" data-testid="speed" title={run.numTensors > 0 ? t('app.run.tensors', { tensors: formatInteger(run.numTensors) }) : undefined}>
              {' '}· {t('app.run.speed', { ms: formatFixed(run.msPerStep, 0), images: formatFixed(run.imagesPerSecond, 1) })}
            </span>
          )}
          {run.checkpoint && <span className="muted" data-testid="last-checkpoint" data-step={run.checkpoint.step} title={checkpointTitle(run.checkpoint)}> · {checkpointText(run.checkpoint)}</span>}
        </div>
        <progress
          aria-label={t('app.run.progress')}
          value={preparing ? undefined : progress}
          max={1}
        />
      </div>
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="param-problems">
          {problems.map((p, i) => <li key={i}>{tx(p)}</li>)}
        </ul>
      )}
    </div>
  );
}
