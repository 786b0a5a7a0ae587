/**
 * Under Run in the setup panel: the budget (steps, or minutes turned into steps at Train) and how
 * long the run will take, from the newest measured run of the same setup or from timing a few
 * steps in a worker ("Time a few steps"). The steps/minutes choice is this browser's preference.
 */
import { useId, useMemo } from 'react';
import { useAppStore } from '../store/runStore';
import { BUDGET_MINUTES, draftCost, type BudgetMode } from '../store/estimateSlice';
import { estimateText, minutesText, setupKey, stepsForMinutes } from '../shared/estimate';
import { ParamControl } from './ParamControl';
import { RUN_SETTINGS } from '../shared/config';
import { useText } from '../i18n/render';

const STEPS_LABEL = RUN_SETTINGS.maxSteps.label;

export function BudgetEstimate() {
  const draft = useAppStore((s) => s.draft);
  const runs = useAppStore((s) => s.runs);
  const entries = useAppStore((s) => s.history.entries);
  const timings = useAppStore((s) => s.stepTimings);
  const probe = useAppStore((s) => s.stepProbe);
  const budget = useAppStore((s) => s.budget);
  const { setBudgetMode, setBudgetMinutes, timeDraftSteps } = useAppStore.getState();
  const name = useId();
  const tx = useText();
  const cost = useMemo(() => draftCost(draft, runs, entries, timings), [draft, runs, entries, timings]);
  const key = setupKey(draft);
  const timing = probe.status === 'timing' && probe.key === key;
  const failed = probe.status === 'failed' && probe.key === key;
  const minutesValid = budget.minutes >= BUDGET_MINUTES.min && budget.minutes <= BUDGET_MINUTES.max;
  const steps = budget.mode === 'minutes' && cost && minutesValid ? stepsForMinutes(budget.minutes, cost, draft.evalEvery) : draft.maxSteps;

  const modes: { value: BudgetMode; label: string }[] = [{ value: 'steps', label: 'steps' }, { value: 'minutes', label: 'minutes' }];
  return (
    <div className="budget-estimate" data-testid="budget-estimate">
      <fieldset className="budget-mode">
        <legend>Budget in (this browser's choice, not part of a link)</legend>
        {modes.map((m) => (
          <label key={m.value} className="inline-choice">
            <input type="radio" name={name} value={m.value} checked={budget.mode === m.value} data-testid={`budget-mode-${m.value}`}
              onChange={() => setBudgetMode(m.value)} /> {m.label}
          </label>
        ))}
      </fieldset>
      {budget.mode === 'minutes' && (
        <ParamControl name="budgetMinutes" spec={BUDGET_MINUTES} value={budget.minutes} onChange={(v) => setBudgetMinutes(Number(v))}
          note={cost && minutesValid ? `${minutesText(budget.minutes)} is about ${steps} steps: Train sets “${STEPS_LABEL}” to that, and the run records steps.` : `Train times a few steps first, then sets “${STEPS_LABEL}” from the budget.`} />
      )}
      <p className="estimate" role="status" data-testid="estimate" data-steps={cost ? steps : undefined}>
        {timing ? (
          <>Timing a few steps of this setup: {tx(probe.detail)}… <progress aria-label="Timing a few steps" /></>
        ) : cost ? (
          <span data-testid="estimate-text">{estimateText(cost, steps, draft.evalEvery)}</span>
        ) : (
          <span className="muted">No estimate yet: no run of this setup (method, backend, dataset, batch size and width) was measured in this browser.</span>
        )}
      </p>
      {failed && <p className="error" role="alert" data-testid="estimate-error">Timing failed: {tx(probe.detail)}</p>}
      {!timing && (!cost || cost.source.startsWith('timing')) && (
        <button type="button" className="secondary" data-testid="time-steps-button" onClick={() => void timeDraftSteps()}>
          {cost ? 'Time a few steps again' : 'Time a few steps'}
        </button>
      )}
    </div>
  );
}
