import { METHOD_SPECS } from '../methods/catalog';
import { datasetProblem } from '../methods/requirements';
import { RUN_SETTINGS } from '../shared/config';
import { isActive, useAppStore, useFocusedRun } from '../store/runStore';
import { methodParamTexts, paramProblems } from './ParamControl';
import { budgetMinutesLabel, runSettingLabel } from './settingLabels';
import { useText } from '../i18n/render';
import { useDataStore } from '../store/dataStore';
import { draftDatasetTraits } from './draftDatasetTraits';
import { dataLimitProblems } from '../shared/dataLimits';
import { minutesText } from '../shared/estimate';
import { BUDGET_MINUTES } from '../store/estimateSlice';

const PHASE_TEXT: Record<string, string> = {
  idle: 'Ready: pick a dataset and a method, then press Train.',
  queued: 'Queued: waiting for a free slot (max concurrent runs, Compare tab)',
  starting: 'Starting the backend…',
  'loading-data': 'Loading the dataset…',
  building: 'Building the model…',
  training: 'Training',
  paused: 'Paused',
  completed: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** "Last checkpoint: step 50 (0.4 MB)". */
export function checkpointText(c: { step: number; bytes: number }): string {
  return `Last checkpoint: step ${c.step} (${(c.bytes / 2 ** 20).toFixed(1)} MB)`;
}

/**
 * The write's time, for the tooltip: it runs while training goes on, so it is mostly the steps
 * taken meanwhile, not what the checkpoint cost (docs/benchmarks.md); unknown for one found after a reload.
 */
export function checkpointTitle(c: { ms: number }): string {
  return c.ms > 0
    ? `Kept in this browser's storage; written ${(c.ms / 1000).toFixed(1)} s after it was taken, while training went on.`
    : "Kept in this browser's storage.";
}

/** The status line's words for a run: its phase, or while it trains what it is doing besides stepping. */
/**
 * The status line's main text, and whether it already says the detail. While training, and while
 * an imported encoder is evaluated before any step, the detail is what the run is doing.
 */
export function statusText(phase: string, detail: string, continues = false): { text: string; saysDetail: boolean } {
  if (continues && phase === 'queued') return { text: 'Queued to resume from its checkpoint: waiting for a free slot', saysDetail: false };
  if (detail && (phase === 'training' || (phase === 'building' && /^(evaluating|raw-pixel)/.test(detail)))) {
    return { text: `${detail[0].toUpperCase()}${detail.slice(1)} …`, saysDetail: true };
  }
  return { text: PHASE_TEXT[phase] ?? phase, saysDetail: false };
}

export function RunControls() {
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
  const status = statusText(run.phase, run.detail, run.continues);
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
              <button type="button" data-testid="resume-button" onClick={resume}>Resume</button>
            ) : (
              <button type="button" data-testid="pause-button" onClick={pause} disabled={run.phase !== 'training'}>Pause</button>
            )}
            <button type="button" data-testid="stop-button" className="danger" onClick={stop}>Stop</button>
            <button type="button" className="secondary" data-testid="train-another" onClick={train} disabled={problems.length > 0 || timingForTrain}
              title="Starts a second run of the setup panel as it is now; it waits in the queue when the concurrency limit is reached">Train another run</button>
          </>
        ) : (
          <button type="button" data-testid="train-button" onClick={train} disabled={problems.length > 0 || timingForTrain}
            title={busy > 0 ? 'Starts another run; it waits in the queue when the concurrency limit is reached' : undefined}>{timingForTrain ? 'Timing steps…' : 'Train'}</button>
        )}
        <button type="button" className="secondary" data-testid="add-to-comparison" onClick={addDraftToPlan} disabled={problems.length > 0}
          title="Plan this setup as one run of a comparison (Compare tab)">Add to comparison{planned ? ` (${planned})` : ''}</button>
      </div>
      <div className="progress-block">
        {runs.length > 1 && (
          <label className="run-picker">
            Showing{' '}
            <select data-testid="run-picker" value={run.id} onChange={(e) => focus(e.target.value)}>
              {runs.map((r) => <option key={r.id} value={r.id}>{r.name} · {PHASE_TEXT[r.phase]?.split(':')[0] ?? r.phase}</option>)}
            </select>
            {busy > 0 && <span className="muted"> · {busy} run{busy === 1 ? '' : 's'} active or queued</span>}
          </label>
        )}
        <div className="status-line" role="status" aria-live="polite">
          <span data-testid="run-phase" data-phase={run.phase}>{status.text}</span>
          {run.detail && run.phase !== 'failed' && !status.saysDetail && <span className="muted"> · {run.detail}</span>}
          <span data-testid="step-counter" data-step={lastStep}> · step {lastStep} / {maxSteps}</span>
          {run.budget && run.config && <span className="muted" data-testid="run-budget" data-steps={run.config.maxSteps}> · {run.config.maxSteps} steps (≈ {tx(minutesText(run.budget.minutes))} budget)</span>}
          {run.msPerStep > 0 && (
            <span className="muted" data-testid="speed" title={run.numTensors > 0 ? `Tensors held by the backend: ${run.numTensors} (steady across a healthy run)` : undefined}>
              {' '}· {run.msPerStep.toFixed(0)} ms/step · {run.imagesPerSecond.toFixed(1)} img/s
            </span>
          )}
          {run.checkpoint && <span className="muted" data-testid="last-checkpoint" data-step={run.checkpoint.step} title={checkpointTitle(run.checkpoint)}> · {checkpointText(run.checkpoint)}</span>}
        </div>
        <progress
          aria-label="Training progress"
          value={preparing ? undefined : progress}
          max={1}
        />
      </div>
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="param-problems">
          {problems.map((p) => tx(p)).map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
    </div>
  );
}
