import { useState } from 'react';
import type { BackendPreference } from '../shared/config';
import { useAppStore, useFocusedRun } from '../store/runStore';
import { BACKEND_OPTIONS } from './backendOptions';
import { useText } from '../i18n/render';

/**
 * What the focused run needs of the user when it did not end as it should: an interrupted run
 * (crash, lost GPU device, reload) offers to resume from its newest checkpoint or to discard it;
 * a run whose worker stopped answering offers to stop it (keeping what it recorded) or to resume
 * it from its last checkpoint in a new worker.
 */
/** Seconds as the alert says them: one decimal under 10 s. */
export const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000)));

export function InterruptedBanner() {
  const id = useFocusedRun((r) => r.id);
  const name = useFocusedRun((r) => r.name);
  const phase = useFocusedRun((r) => r.phase);
  const interruption = useFocusedRun((r) => r.interruption);
  const checkpointStep = useFocusedRun((r) => r.checkpoint?.step ?? null);
  const step = useFocusedRun((r) => r.points[r.points.length - 1]?.step ?? 0);
  const stalled = useFocusedRun((r) => r.stalled);
  const asked = useFocusedRun((r) => r.config?.backend ?? 'auto');
  // The backend to resume on: the run's own until the user picks another.
  const [chosen, setChosen] = useState<{ id: string; backend: BackendPreference } | null>(null);
  const resumeOn = chosen?.id === id ? chosen.backend : asked;
  const { resumeRun, discardRun, stopUnanswering, resumeUnanswering } = useAppStore.getState();
  const tx = useText();

  if (phase === 'interrupted') {
    const from = checkpointStep ?? 0;
    return (
      <div className="interrupted" role="alert" aria-labelledby={`interrupted-${id}`} data-testid="interrupted-banner" data-cause={interruption?.cause}>
        <p id={`interrupted-${id}`}>
          <strong>Interrupted at step {step}.</strong> {interruption && tx(interruption.message)}
        </p>
        <p className="muted">
          {checkpointStep === null
            ? 'No checkpoint of this run was written: resuming trains it again from step 0 with the same settings.'
            : `Its newest checkpoint is at step ${checkpointStep}: resuming continues from there${step > checkpointStep ? ` (steps ${checkpointStep + 1} to ${step} are trained again)` : ''}.`}
        </p>
        <div className="buttons">
          <label className="resume-backend">
            Resume on{' '}
            <select data-testid="resume-backend" value={resumeOn} onChange={(e) => setChosen({ id, backend: e.target.value as BackendPreference })}>
              {BACKEND_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.value === asked ? `${o.label} (as before)` : o.label}</option>)}
            </select>
          </label>
          <button type="button" data-testid="resume-interrupted" onClick={() => resumeRun(id, resumeOn)}>Resume from step {from}</button>
          <button type="button" className="secondary" data-testid="discard-interrupted" onClick={() => void discardRun(id)}
            title="Deletes this run's checkpoints and closes it (nothing is saved to history)">Discard</button>
        </div>
      </div>
    );
  }
  if (stalled && phase === 'training') {
    return (
      <div className="stalled" role="alert" data-testid="stalled-banner">
        <p>
          <strong>{name}</strong>: its training worker has not answered for {seconds(stalled.silentMs)} s (this run's limit is {seconds(stalled.limitMs)} s).
          It may be stuck in a step, or the browser may have stopped it.
        </p>
        <div className="buttons">
          <button type="button" className="danger" data-testid="stop-stalled" onClick={() => stopUnanswering(id)}
            title="Ends the worker; the run keeps what it recorded and is saved to history as stopped">Stop run</button>
          <button type="button" data-testid="resume-stalled" onClick={() => resumeUnanswering(id)}
            title="Ends the worker and continues the run in a new one from its newest checkpoint">Resume from last checkpoint</button>
        </div>
      </div>
    );
  }
  return null;
}
