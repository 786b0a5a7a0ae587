/**
 * Under Run in the setup panel: the budget (steps, or minutes turned into steps at Train) and how
 * long the run will take, from the newest measured run of the same setup or from timing a few
 * steps in a worker ("Time a few steps"). The steps/minutes choice is this browser's preference.
 */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/runStore';
import { BUDGET_MINUTES, draftCost, type BudgetMode } from '../store/estimateSlice';
import { estimateText, minutesText, setupKey, sourceIsTiming, stepsForMinutes } from '../shared/estimate';
import { ParamControl } from './ParamControl';
import { budgetMinutesLabel, runSettingLabel } from './settingLabels';
import { useText } from '../i18n/render';

export function BudgetEstimate() {
  const { t } = useTranslation();
  const tx = useText();
  const draft = useAppStore((s) => s.draft);
  const runs = useAppStore((s) => s.runs);
  const entries = useAppStore((s) => s.history.entries);
  const timings = useAppStore((s) => s.stepTimings);
  const probe = useAppStore((s) => s.stepProbe);
  const budget = useAppStore((s) => s.budget);
  const { setBudgetMode, setBudgetMinutes, timeDraftSteps } = useAppStore.getState();
  const name = useId();
  const cost = useMemo(() => draftCost(draft, runs, entries, timings), [draft, runs, entries, timings]);
  const key = setupKey(draft);
  const timing = probe.status === 'timing' && probe.key === key;
  const failed = probe.status === 'failed' && probe.key === key;
  const minutesValid = budget.minutes >= BUDGET_MINUTES.min && budget.minutes <= BUDGET_MINUTES.max;
  const steps = budget.mode === 'minutes' && cost && minutesValid ? stepsForMinutes(budget.minutes, cost, draft.evalEvery) : draft.maxSteps;
  const stepsLabel = runSettingLabel('maxSteps');

  const modes: { value: BudgetMode; label: string }[] = [
    { value: 'steps', label: t('setup.budget.modeSteps') },
    { value: 'minutes', label: t('setup.budget.modeMinutes') },
  ];
  return (
    <div className="budget-estimate" data-testid="budget-estimate">
      <fieldset className="budget-mode">
        <legend>{t('setup.budget.legend')}</legend>
        {modes.map((m) => (
          <label key={m.value} className="inline-choice">
            <input type="radio" name={name} value={m.value} checked={budget.mode === m.value} data-testid={`budget-mode-${m.value}`}
              onChange={() => setBudgetMode(m.value)} /> {m.label}
          </label>
        ))}
      </fieldset>
      {budget.mode === 'minutes' && (
        <ParamControl name="budgetMinutes" spec={BUDGET_MINUTES} texts={{ label: budgetMinutesLabel() }} value={budget.minutes} onChange={(v) => setBudgetMinutes(Number(v))}
          note={cost && minutesValid
            ? t('setup.budget.minutesNote', { minutes: tx(minutesText(budget.minutes)), steps, stepsLabel })
            : t('setup.budget.minutesNoteUntimed', { stepsLabel })} />
      )}
      <p className="estimate" role="status" data-testid="estimate" data-steps={cost ? steps : undefined}>
        {timing ? (
          <>{t('setup.budget.timing', { detail: tx(probe.detail) })} <progress aria-label={t('setup.budget.timingLabel')} /></>
        ) : cost ? (
          <span data-testid="estimate-text">{tx(estimateText(cost, steps, draft.evalEvery))}</span>
        ) : (
          <span className="muted">{t('setup.budget.noEstimate')}</span>
        )}
      </p>
      {failed && <p className="error" role="alert" data-testid="estimate-error">{t('setup.budget.timingFailed', { detail: tx(probe.detail) })}</p>}
      {!timing && (!cost || sourceIsTiming(cost)) && (
        <button type="button" className="secondary" data-testid="time-steps-button" onClick={() => void timeDraftSteps()}>
          {cost ? t('setup.budget.timeStepsAgain') : t('setup.budget.timeSteps')}
        </button>
      )}
    </div>
  );
}
